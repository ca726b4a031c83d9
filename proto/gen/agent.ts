import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Ack as _berth_v1_Ack, Ack__Output as _berth_v1_Ack__Output } from './berth/v1/Ack.js';
import type { AgentServiceClient as _berth_v1_AgentServiceClient, AgentServiceDefinition as _berth_v1_AgentServiceDefinition } from './berth/v1/AgentService.js';
import type { ConnectRequest as _berth_v1_ConnectRequest, ConnectRequest__Output as _berth_v1_ConnectRequest__Output } from './berth/v1/ConnectRequest.js';
import type { ConnectResponse as _berth_v1_ConnectResponse, ConnectResponse__Output as _berth_v1_ConnectResponse__Output } from './berth/v1/ConnectResponse.js';
import type { Goodbye as _berth_v1_Goodbye, Goodbye__Output as _berth_v1_Goodbye__Output } from './berth/v1/Goodbye.js';
import type { Heartbeat as _berth_v1_Heartbeat, Heartbeat__Output as _berth_v1_Heartbeat__Output } from './berth/v1/Heartbeat.js';
import type { Hello as _berth_v1_Hello, Hello__Output as _berth_v1_Hello__Output } from './berth/v1/Hello.js';
import type { Instance as _berth_v1_Instance, Instance__Output as _berth_v1_Instance__Output } from './berth/v1/Instance.js';
import type { InstanceEvent as _berth_v1_InstanceEvent, InstanceEvent__Output as _berth_v1_InstanceEvent__Output } from './berth/v1/InstanceEvent.js';
import type { JoinRequest as _berth_v1_JoinRequest, JoinRequest__Output as _berth_v1_JoinRequest__Output } from './berth/v1/JoinRequest.js';
import type { JoinResponse as _berth_v1_JoinResponse, JoinResponse__Output as _berth_v1_JoinResponse__Output } from './berth/v1/JoinResponse.js';
import type { NatsCredentials as _berth_v1_NatsCredentials, NatsCredentials__Output as _berth_v1_NatsCredentials__Output } from './berth/v1/NatsCredentials.js';
import type { OutputLines as _berth_v1_OutputLines, OutputLines__Output as _berth_v1_OutputLines__Output } from './berth/v1/OutputLines.js';
import type { PreparedImage as _berth_v1_PreparedImage, PreparedImage__Output as _berth_v1_PreparedImage__Output } from './berth/v1/PreparedImage.js';
import type { Report as _berth_v1_Report, Report__Output as _berth_v1_Report__Output } from './berth/v1/Report.js';
import type { TaskResult as _berth_v1_TaskResult, TaskResult__Output as _berth_v1_TaskResult__Output } from './berth/v1/TaskResult.js';
import type { TtyInput as _berth_v1_TtyInput, TtyInput__Output as _berth_v1_TtyInput__Output } from './berth/v1/TtyInput.js';
import type { TtyOutput as _berth_v1_TtyOutput, TtyOutput__Output as _berth_v1_TtyOutput__Output } from './berth/v1/TtyOutput.js';
import type { Welcome as _berth_v1_Welcome, Welcome__Output as _berth_v1_Welcome__Output } from './berth/v1/Welcome.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      Ack: MessageTypeDefinition<_berth_v1_Ack, _berth_v1_Ack__Output>
      AgentService: SubtypeConstructor<typeof grpc.Client, _berth_v1_AgentServiceClient> & { service: _berth_v1_AgentServiceDefinition }
      ConnectRequest: MessageTypeDefinition<_berth_v1_ConnectRequest, _berth_v1_ConnectRequest__Output>
      ConnectResponse: MessageTypeDefinition<_berth_v1_ConnectResponse, _berth_v1_ConnectResponse__Output>
      Goodbye: MessageTypeDefinition<_berth_v1_Goodbye, _berth_v1_Goodbye__Output>
      Heartbeat: MessageTypeDefinition<_berth_v1_Heartbeat, _berth_v1_Heartbeat__Output>
      Hello: MessageTypeDefinition<_berth_v1_Hello, _berth_v1_Hello__Output>
      Instance: MessageTypeDefinition<_berth_v1_Instance, _berth_v1_Instance__Output>
      InstanceEvent: MessageTypeDefinition<_berth_v1_InstanceEvent, _berth_v1_InstanceEvent__Output>
      JoinRequest: MessageTypeDefinition<_berth_v1_JoinRequest, _berth_v1_JoinRequest__Output>
      JoinResponse: MessageTypeDefinition<_berth_v1_JoinResponse, _berth_v1_JoinResponse__Output>
      NatsCredentials: MessageTypeDefinition<_berth_v1_NatsCredentials, _berth_v1_NatsCredentials__Output>
      OutputLines: MessageTypeDefinition<_berth_v1_OutputLines, _berth_v1_OutputLines__Output>
      PreparedImage: MessageTypeDefinition<_berth_v1_PreparedImage, _berth_v1_PreparedImage__Output>
      Report: MessageTypeDefinition<_berth_v1_Report, _berth_v1_Report__Output>
      TaskResult: MessageTypeDefinition<_berth_v1_TaskResult, _berth_v1_TaskResult__Output>
      TtyInput: MessageTypeDefinition<_berth_v1_TtyInput, _berth_v1_TtyInput__Output>
      TtyOutput: MessageTypeDefinition<_berth_v1_TtyOutput, _berth_v1_TtyOutput__Output>
      Welcome: MessageTypeDefinition<_berth_v1_Welcome, _berth_v1_Welcome__Output>
    }
  }
}

