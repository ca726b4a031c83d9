// Original file: proto/berth/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { App as _berth_v1_App, App__Output as _berth_v1_App__Output } from '../../berth/v1/App.js';
import type { ApplyAppRequest as _berth_v1_ApplyAppRequest, ApplyAppRequest__Output as _berth_v1_ApplyAppRequest__Output } from '../../berth/v1/ApplyAppRequest.js';
import type { ApplyAppResponse as _berth_v1_ApplyAppResponse, ApplyAppResponse__Output as _berth_v1_ApplyAppResponse__Output } from '../../berth/v1/ApplyAppResponse.js';
import type { DeleteAppRequest as _berth_v1_DeleteAppRequest, DeleteAppRequest__Output as _berth_v1_DeleteAppRequest__Output } from '../../berth/v1/DeleteAppRequest.js';
import type { DeleteAppResponse as _berth_v1_DeleteAppResponse, DeleteAppResponse__Output as _berth_v1_DeleteAppResponse__Output } from '../../berth/v1/DeleteAppResponse.js';
import type { GetAppRequest as _berth_v1_GetAppRequest, GetAppRequest__Output as _berth_v1_GetAppRequest__Output } from '../../berth/v1/GetAppRequest.js';
import type { ListAgentsRequest as _berth_v1_ListAgentsRequest, ListAgentsRequest__Output as _berth_v1_ListAgentsRequest__Output } from '../../berth/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _berth_v1_ListAgentsResponse, ListAgentsResponse__Output as _berth_v1_ListAgentsResponse__Output } from '../../berth/v1/ListAgentsResponse.js';
import type { ListAppsRequest as _berth_v1_ListAppsRequest, ListAppsRequest__Output as _berth_v1_ListAppsRequest__Output } from '../../berth/v1/ListAppsRequest.js';
import type { ListAppsResponse as _berth_v1_ListAppsResponse, ListAppsResponse__Output as _berth_v1_ListAppsResponse__Output } from '../../berth/v1/ListAppsResponse.js';

export interface AdminClient extends grpc.Client {
  ApplyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  ApplyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  ApplyApp(argument: _berth_v1_ApplyAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  ApplyApp(argument: _berth_v1_ApplyAppRequest, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _berth_v1_DeleteAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _berth_v1_DeleteAppRequest, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  
  GetApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _berth_v1_GetAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _berth_v1_GetAppRequest, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  
  ListAgents(argument: _berth_v1_ListAgentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _berth_v1_ListAgentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _berth_v1_ListAgentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _berth_v1_ListAgentsRequest, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _berth_v1_ListAgentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _berth_v1_ListAgentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _berth_v1_ListAgentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _berth_v1_ListAgentsRequest, callback: grpc.requestCallback<_berth_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  
  ListApps(argument: _berth_v1_ListAppsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  ListApps(argument: _berth_v1_ListAppsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  ListApps(argument: _berth_v1_ListAppsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  ListApps(argument: _berth_v1_ListAppsRequest, callback: grpc.requestCallback<_berth_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  listApps(argument: _berth_v1_ListAppsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  listApps(argument: _berth_v1_ListAppsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  listApps(argument: _berth_v1_ListAppsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  listApps(argument: _berth_v1_ListAppsRequest, callback: grpc.requestCallback<_berth_v1_ListAppsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AdminHandlers extends grpc.UntypedServiceImplementation {
  ApplyApp: grpc.handleUnaryCall<_berth_v1_ApplyAppRequest__Output, _berth_v1_ApplyAppResponse>;
  
  DeleteApp: grpc.handleUnaryCall<_berth_v1_DeleteAppRequest__Output, _berth_v1_DeleteAppResponse>;
  
  GetApp: grpc.handleUnaryCall<_berth_v1_GetAppRequest__Output, _berth_v1_App>;
  
  ListAgents: grpc.handleUnaryCall<_berth_v1_ListAgentsRequest__Output, _berth_v1_ListAgentsResponse>;
  
  ListApps: grpc.handleUnaryCall<_berth_v1_ListAppsRequest__Output, _berth_v1_ListAppsResponse>;
  
}

export interface AdminDefinition extends grpc.ServiceDefinition {
  ApplyApp: MethodDefinition<_berth_v1_ApplyAppRequest, _berth_v1_ApplyAppResponse, _berth_v1_ApplyAppRequest__Output, _berth_v1_ApplyAppResponse__Output>
  DeleteApp: MethodDefinition<_berth_v1_DeleteAppRequest, _berth_v1_DeleteAppResponse, _berth_v1_DeleteAppRequest__Output, _berth_v1_DeleteAppResponse__Output>
  GetApp: MethodDefinition<_berth_v1_GetAppRequest, _berth_v1_App, _berth_v1_GetAppRequest__Output, _berth_v1_App__Output>
  ListAgents: MethodDefinition<_berth_v1_ListAgentsRequest, _berth_v1_ListAgentsResponse, _berth_v1_ListAgentsRequest__Output, _berth_v1_ListAgentsResponse__Output>
  ListApps: MethodDefinition<_berth_v1_ListAppsRequest, _berth_v1_ListAppsResponse, _berth_v1_ListAppsRequest__Output, _berth_v1_ListAppsResponse__Output>
}
