// Original file: proto/berth/v1/agent.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AgentMessage as _berth_v1_AgentMessage, AgentMessage__Output as _berth_v1_AgentMessage__Output } from '../../berth/v1/AgentMessage.js';
import type { ControllerMessage as _berth_v1_ControllerMessage, ControllerMessage__Output as _berth_v1_ControllerMessage__Output } from '../../berth/v1/ControllerMessage.js';
import type { JoinRequest as _berth_v1_JoinRequest, JoinRequest__Output as _berth_v1_JoinRequest__Output } from '../../berth/v1/JoinRequest.js';
import type { JoinResponse as _berth_v1_JoinResponse, JoinResponse__Output as _berth_v1_JoinResponse__Output } from '../../berth/v1/JoinResponse.js';

export interface AgentReportsClient extends grpc.Client {
  Connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ControllerMessage__Output>;
  Connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ControllerMessage__Output>;
  connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ControllerMessage__Output>;
  connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AgentMessage, _berth_v1_ControllerMessage__Output>;
  
  Join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _berth_v1_JoinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _berth_v1_JoinRequest, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AgentReportsHandlers extends grpc.UntypedServiceImplementation {
  Connect: grpc.handleBidiStreamingCall<_berth_v1_AgentMessage__Output, _berth_v1_ControllerMessage>;
  
  Join: grpc.handleUnaryCall<_berth_v1_JoinRequest__Output, _berth_v1_JoinResponse>;
  
}

export interface AgentReportsDefinition extends grpc.ServiceDefinition {
  Connect: MethodDefinition<_berth_v1_AgentMessage, _berth_v1_ControllerMessage, _berth_v1_AgentMessage__Output, _berth_v1_ControllerMessage__Output>
  Join: MethodDefinition<_berth_v1_JoinRequest, _berth_v1_JoinResponse, _berth_v1_JoinRequest__Output, _berth_v1_JoinResponse__Output>
}
