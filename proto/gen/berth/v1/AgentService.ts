// Original file: proto/berth/v1/agent.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ConnectRequest as _berth_v1_ConnectRequest, ConnectRequest__Output as _berth_v1_ConnectRequest__Output } from '../../berth/v1/ConnectRequest.js';
import type { ConnectResponse as _berth_v1_ConnectResponse, ConnectResponse__Output as _berth_v1_ConnectResponse__Output } from '../../berth/v1/ConnectResponse.js';
import type { JoinRequest as _berth_v1_JoinRequest, JoinRequest__Output as _berth_v1_JoinRequest__Output } from '../../berth/v1/JoinRequest.js';
import type { JoinResponse as _berth_v1_JoinResponse, JoinResponse__Output as _berth_v1_JoinResponse__Output } from '../../berth/v1/JoinResponse.js';

export interface AgentServiceClient extends grpc.Client {
  Connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_ConnectRequest, _berth_v1_ConnectResponse__Output>;
  Connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_ConnectRequest, _berth_v1_ConnectResponse__Output>;
  connect(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_ConnectRequest, _berth_v1_ConnectResponse__Output>;
  connect(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_ConnectRequest, _berth_v1_ConnectResponse__Output>;
  
  Join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _berth_v1_JoinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _berth_v1_JoinRequest, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AgentServiceHandlers extends grpc.UntypedServiceImplementation {
  Connect: grpc.handleBidiStreamingCall<_berth_v1_ConnectRequest__Output, _berth_v1_ConnectResponse>;
  
  Join: grpc.handleUnaryCall<_berth_v1_JoinRequest__Output, _berth_v1_JoinResponse>;
  
}

export interface AgentServiceDefinition extends grpc.ServiceDefinition {
  Connect: MethodDefinition<_berth_v1_ConnectRequest, _berth_v1_ConnectResponse, _berth_v1_ConnectRequest__Output, _berth_v1_ConnectResponse__Output>
  Join: MethodDefinition<_berth_v1_JoinRequest, _berth_v1_JoinResponse, _berth_v1_JoinRequest__Output, _berth_v1_JoinResponse__Output>
}
