import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Ack as _berth_v1_Ack, Ack__Output as _berth_v1_Ack__Output } from './berth/v1/Ack.js';
import type { AdminClient as _berth_v1_AdminClient, AdminDefinition as _berth_v1_AdminDefinition } from './berth/v1/Admin.js';
import type { AgentMessage as _berth_v1_AgentMessage, AgentMessage__Output as _berth_v1_AgentMessage__Output } from './berth/v1/AgentMessage.js';
import type { AgentReportsClient as _berth_v1_AgentReportsClient, AgentReportsDefinition as _berth_v1_AgentReportsDefinition } from './berth/v1/AgentReports.js';
import type { AgentSummary as _berth_v1_AgentSummary, AgentSummary__Output as _berth_v1_AgentSummary__Output } from './berth/v1/AgentSummary.js';
import type { App as _berth_v1_App, App__Output as _berth_v1_App__Output } from './berth/v1/App.js';
import type { ApplyAppRequest as _berth_v1_ApplyAppRequest, ApplyAppRequest__Output as _berth_v1_ApplyAppRequest__Output } from './berth/v1/ApplyAppRequest.js';
import type { ApplyAppResponse as _berth_v1_ApplyAppResponse, ApplyAppResponse__Output as _berth_v1_ApplyAppResponse__Output } from './berth/v1/ApplyAppResponse.js';
import type { ControllerMessage as _berth_v1_ControllerMessage, ControllerMessage__Output as _berth_v1_ControllerMessage__Output } from './berth/v1/ControllerMessage.js';
import type { DeleteAppRequest as _berth_v1_DeleteAppRequest, DeleteAppRequest__Output as _berth_v1_DeleteAppRequest__Output } from './berth/v1/DeleteAppRequest.js';
import type { DeleteAppResponse as _berth_v1_DeleteAppResponse, DeleteAppResponse__Output as _berth_v1_DeleteAppResponse__Output } from './berth/v1/DeleteAppResponse.js';
import type { GetAppRequest as _berth_v1_GetAppRequest, GetAppRequest__Output as _berth_v1_GetAppRequest__Output } from './berth/v1/GetAppRequest.js';
import type { Heartbeat as _berth_v1_Heartbeat, Heartbeat__Output as _berth_v1_Heartbeat__Output } from './berth/v1/Heartbeat.js';
import type { Hello as _berth_v1_Hello, Hello__Output as _berth_v1_Hello__Output } from './berth/v1/Hello.js';
import type { Instance as _berth_v1_Instance, Instance__Output as _berth_v1_Instance__Output } from './berth/v1/Instance.js';
import type { InstanceEvent as _berth_v1_InstanceEvent, InstanceEvent__Output as _berth_v1_InstanceEvent__Output } from './berth/v1/InstanceEvent.js';
import type { ListAgentsRequest as _berth_v1_ListAgentsRequest, ListAgentsRequest__Output as _berth_v1_ListAgentsRequest__Output } from './berth/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _berth_v1_ListAgentsResponse, ListAgentsResponse__Output as _berth_v1_ListAgentsResponse__Output } from './berth/v1/ListAgentsResponse.js';
import type { ListAppsRequest as _berth_v1_ListAppsRequest, ListAppsRequest__Output as _berth_v1_ListAppsRequest__Output } from './berth/v1/ListAppsRequest.js';
import type { ListAppsResponse as _berth_v1_ListAppsResponse, ListAppsResponse__Output as _berth_v1_ListAppsResponse__Output } from './berth/v1/ListAppsResponse.js';
import type { OutputLines as _berth_v1_OutputLines, OutputLines__Output as _berth_v1_OutputLines__Output } from './berth/v1/OutputLines.js';
import type { PreparedImage as _berth_v1_PreparedImage, PreparedImage__Output as _berth_v1_PreparedImage__Output } from './berth/v1/PreparedImage.js';
import type { Report as _berth_v1_Report, Report__Output as _berth_v1_Report__Output } from './berth/v1/Report.js';
import type { TaskResult as _berth_v1_TaskResult, TaskResult__Output as _berth_v1_TaskResult__Output } from './berth/v1/TaskResult.js';
import type { Welcome as _berth_v1_Welcome, Welcome__Output as _berth_v1_Welcome__Output } from './berth/v1/Welcome.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      Ack: MessageTypeDefinition<_berth_v1_Ack, _berth_v1_Ack__Output>
      Admin: SubtypeConstructor<typeof grpc.Client, _berth_v1_AdminClient> & { service: _berth_v1_AdminDefinition }
      AgentMessage: MessageTypeDefinition<_berth_v1_AgentMessage, _berth_v1_AgentMessage__Output>
      AgentReports: SubtypeConstructor<typeof grpc.Client, _berth_v1_AgentReportsClient> & { service: _berth_v1_AgentReportsDefinition }
      AgentSummary: MessageTypeDefinition<_berth_v1_AgentSummary, _berth_v1_AgentSummary__Output>
      App: MessageTypeDefinition<_berth_v1_App, _berth_v1_App__Output>
      ApplyAppRequest: MessageTypeDefinition<_berth_v1_ApplyAppRequest, _berth_v1_ApplyAppRequest__Output>
      ApplyAppResponse: MessageTypeDefinition<_berth_v1_ApplyAppResponse, _berth_v1_ApplyAppResponse__Output>
      ControllerMessage: MessageTypeDefinition<_berth_v1_ControllerMessage, _berth_v1_ControllerMessage__Output>
      DeleteAppRequest: MessageTypeDefinition<_berth_v1_DeleteAppRequest, _berth_v1_DeleteAppRequest__Output>
      DeleteAppResponse: MessageTypeDefinition<_berth_v1_DeleteAppResponse, _berth_v1_DeleteAppResponse__Output>
      GetAppRequest: MessageTypeDefinition<_berth_v1_GetAppRequest, _berth_v1_GetAppRequest__Output>
      Heartbeat: MessageTypeDefinition<_berth_v1_Heartbeat, _berth_v1_Heartbeat__Output>
      Hello: MessageTypeDefinition<_berth_v1_Hello, _berth_v1_Hello__Output>
      Instance: MessageTypeDefinition<_berth_v1_Instance, _berth_v1_Instance__Output>
      InstanceEvent: MessageTypeDefinition<_berth_v1_InstanceEvent, _berth_v1_InstanceEvent__Output>
      ListAgentsRequest: MessageTypeDefinition<_berth_v1_ListAgentsRequest, _berth_v1_ListAgentsRequest__Output>
      ListAgentsResponse: MessageTypeDefinition<_berth_v1_ListAgentsResponse, _berth_v1_ListAgentsResponse__Output>
      ListAppsRequest: MessageTypeDefinition<_berth_v1_ListAppsRequest, _berth_v1_ListAppsRequest__Output>
      ListAppsResponse: MessageTypeDefinition<_berth_v1_ListAppsResponse, _berth_v1_ListAppsResponse__Output>
      OutputLines: MessageTypeDefinition<_berth_v1_OutputLines, _berth_v1_OutputLines__Output>
      PreparedImage: MessageTypeDefinition<_berth_v1_PreparedImage, _berth_v1_PreparedImage__Output>
      Report: MessageTypeDefinition<_berth_v1_Report, _berth_v1_Report__Output>
      TaskResult: MessageTypeDefinition<_berth_v1_TaskResult, _berth_v1_TaskResult__Output>
      Welcome: MessageTypeDefinition<_berth_v1_Welcome, _berth_v1_Welcome__Output>
    }
  }
}

