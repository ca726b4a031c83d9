// Original file: proto/berth/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ListAgentsRequest as _berth_v1_ListAgentsRequest, ListAgentsRequest__Output as _berth_v1_ListAgentsRequest__Output } from '../../berth/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _berth_v1_ListAgentsResponse, ListAgentsResponse__Output as _berth_v1_ListAgentsResponse__Output } from '../../berth/v1/ListAgentsResponse.js';

export interface AdminClient extends grpc.Client {
  ListAgents(argument: _berth_v1_ListAgentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _berth_v1_ListAgentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _berth_v1_ListAgentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _berth_v1_ListAgentsRequest, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _berth_v1_ListAgentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _berth_v1_ListAgentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _berth_v1_ListAgentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _berth_v1_ListAgentsRequest, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AdminHandlers extends grpc.UntypedServiceImplementation {
  ListAgents: grpc.handleUnaryCall<_berth_v1_ListAgentsRequest__Output, _berth_v1_ListAgentsResponse>;
  
}

export interface AdminDefinition extends grpc.ServiceDefinition {
  ListAgents: MethodDefinition<_berth_v1_ListAgentsRequest, _berth_v1_ListAgentsResponse, _berth_v1_ListAgentsRequest__Output, _berth_v1_ListAgentsResponse__Output>
}
