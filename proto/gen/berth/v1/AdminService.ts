// Original file: proto/berth/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApplyAppRequest as _berth_v1_ApplyAppRequest, ApplyAppRequest__Output as _berth_v1_ApplyAppRequest__Output } from '../../berth/v1/ApplyAppRequest.js';
import type { ApplyAppResponse as _berth_v1_ApplyAppResponse, ApplyAppResponse__Output as _berth_v1_ApplyAppResponse__Output } from '../../berth/v1/ApplyAppResponse.js';
import type { AttachRunRequest as _berth_v1_AttachRunRequest, AttachRunRequest__Output as _berth_v1_AttachRunRequest__Output } from '../../berth/v1/AttachRunRequest.js';
import type { AttachRunResponse as _berth_v1_AttachRunResponse, AttachRunResponse__Output as _berth_v1_AttachRunResponse__Output } from '../../berth/v1/AttachRunResponse.js';
import type { CancelDeploymentRequest as _berth_v1_CancelDeploymentRequest, CancelDeploymentRequest__Output as _berth_v1_CancelDeploymentRequest__Output } from '../../berth/v1/CancelDeploymentRequest.js';
import type { CancelDeploymentResponse as _berth_v1_CancelDeploymentResponse, CancelDeploymentResponse__Output as _berth_v1_CancelDeploymentResponse__Output } from '../../berth/v1/CancelDeploymentResponse.js';
import type { CreateJoinTokenRequest as _berth_v1_CreateJoinTokenRequest, CreateJoinTokenRequest__Output as _berth_v1_CreateJoinTokenRequest__Output } from '../../berth/v1/CreateJoinTokenRequest.js';
import type { CreateJoinTokenResponse as _berth_v1_CreateJoinTokenResponse, CreateJoinTokenResponse__Output as _berth_v1_CreateJoinTokenResponse__Output } from '../../berth/v1/CreateJoinTokenResponse.js';
import type { CreateTokenRequest as _berth_v1_CreateTokenRequest, CreateTokenRequest__Output as _berth_v1_CreateTokenRequest__Output } from '../../berth/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _berth_v1_CreateTokenResponse, CreateTokenResponse__Output as _berth_v1_CreateTokenResponse__Output } from '../../berth/v1/CreateTokenResponse.js';
import type { DeleteAppRequest as _berth_v1_DeleteAppRequest, DeleteAppRequest__Output as _berth_v1_DeleteAppRequest__Output } from '../../berth/v1/DeleteAppRequest.js';
import type { DeleteAppResponse as _berth_v1_DeleteAppResponse, DeleteAppResponse__Output as _berth_v1_DeleteAppResponse__Output } from '../../berth/v1/DeleteAppResponse.js';
import type { DeployRequest as _berth_v1_DeployRequest, DeployRequest__Output as _berth_v1_DeployRequest__Output } from '../../berth/v1/DeployRequest.js';
import type { DeployResponse as _berth_v1_DeployResponse, DeployResponse__Output as _berth_v1_DeployResponse__Output } from '../../berth/v1/DeployResponse.js';
import type { DrainAgentRequest as _berth_v1_DrainAgentRequest, DrainAgentRequest__Output as _berth_v1_DrainAgentRequest__Output } from '../../berth/v1/DrainAgentRequest.js';
import type { DrainAgentResponse as _berth_v1_DrainAgentResponse, DrainAgentResponse__Output as _berth_v1_DrainAgentResponse__Output } from '../../berth/v1/DrainAgentResponse.js';
import type { GetAppRequest as _berth_v1_GetAppRequest, GetAppRequest__Output as _berth_v1_GetAppRequest__Output } from '../../berth/v1/GetAppRequest.js';
import type { GetAppResponse as _berth_v1_GetAppResponse, GetAppResponse__Output as _berth_v1_GetAppResponse__Output } from '../../berth/v1/GetAppResponse.js';
import type { GetDeploymentRequest as _berth_v1_GetDeploymentRequest, GetDeploymentRequest__Output as _berth_v1_GetDeploymentRequest__Output } from '../../berth/v1/GetDeploymentRequest.js';
import type { GetDeploymentResponse as _berth_v1_GetDeploymentResponse, GetDeploymentResponse__Output as _berth_v1_GetDeploymentResponse__Output } from '../../berth/v1/GetDeploymentResponse.js';
import type { GetHookRequest as _berth_v1_GetHookRequest, GetHookRequest__Output as _berth_v1_GetHookRequest__Output } from '../../berth/v1/GetHookRequest.js';
import type { GetHookResponse as _berth_v1_GetHookResponse, GetHookResponse__Output as _berth_v1_GetHookResponse__Output } from '../../berth/v1/GetHookResponse.js';
import type { GetRunRequest as _berth_v1_GetRunRequest, GetRunRequest__Output as _berth_v1_GetRunRequest__Output } from '../../berth/v1/GetRunRequest.js';
import type { GetRunResponse as _berth_v1_GetRunResponse, GetRunResponse__Output as _berth_v1_GetRunResponse__Output } from '../../berth/v1/GetRunResponse.js';
import type { ListAgentsRequest as _berth_v1_ListAgentsRequest, ListAgentsRequest__Output as _berth_v1_ListAgentsRequest__Output } from '../../berth/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _berth_v1_ListAgentsResponse, ListAgentsResponse__Output as _berth_v1_ListAgentsResponse__Output } from '../../berth/v1/ListAgentsResponse.js';
import type { ListAppsRequest as _berth_v1_ListAppsRequest, ListAppsRequest__Output as _berth_v1_ListAppsRequest__Output } from '../../berth/v1/ListAppsRequest.js';
import type { ListAppsResponse as _berth_v1_ListAppsResponse, ListAppsResponse__Output as _berth_v1_ListAppsResponse__Output } from '../../berth/v1/ListAppsResponse.js';
import type { ListDeploymentsRequest as _berth_v1_ListDeploymentsRequest, ListDeploymentsRequest__Output as _berth_v1_ListDeploymentsRequest__Output } from '../../berth/v1/ListDeploymentsRequest.js';
import type { ListDeploymentsResponse as _berth_v1_ListDeploymentsResponse, ListDeploymentsResponse__Output as _berth_v1_ListDeploymentsResponse__Output } from '../../berth/v1/ListDeploymentsResponse.js';
import type { ListEnvRequest as _berth_v1_ListEnvRequest, ListEnvRequest__Output as _berth_v1_ListEnvRequest__Output } from '../../berth/v1/ListEnvRequest.js';
import type { ListEnvResponse as _berth_v1_ListEnvResponse, ListEnvResponse__Output as _berth_v1_ListEnvResponse__Output } from '../../berth/v1/ListEnvResponse.js';
import type { ListHookLogRequest as _berth_v1_ListHookLogRequest, ListHookLogRequest__Output as _berth_v1_ListHookLogRequest__Output } from '../../berth/v1/ListHookLogRequest.js';
import type { ListHookLogResponse as _berth_v1_ListHookLogResponse, ListHookLogResponse__Output as _berth_v1_ListHookLogResponse__Output } from '../../berth/v1/ListHookLogResponse.js';
import type { ListReleasesRequest as _berth_v1_ListReleasesRequest, ListReleasesRequest__Output as _berth_v1_ListReleasesRequest__Output } from '../../berth/v1/ListReleasesRequest.js';
import type { ListReleasesResponse as _berth_v1_ListReleasesResponse, ListReleasesResponse__Output as _berth_v1_ListReleasesResponse__Output } from '../../berth/v1/ListReleasesResponse.js';
import type { ListRunsRequest as _berth_v1_ListRunsRequest, ListRunsRequest__Output as _berth_v1_ListRunsRequest__Output } from '../../berth/v1/ListRunsRequest.js';
import type { ListRunsResponse as _berth_v1_ListRunsResponse, ListRunsResponse__Output as _berth_v1_ListRunsResponse__Output } from '../../berth/v1/ListRunsResponse.js';
import type { ListTokensRequest as _berth_v1_ListTokensRequest, ListTokensRequest__Output as _berth_v1_ListTokensRequest__Output } from '../../berth/v1/ListTokensRequest.js';
import type { ListTokensResponse as _berth_v1_ListTokensResponse, ListTokensResponse__Output as _berth_v1_ListTokensResponse__Output } from '../../berth/v1/ListTokensResponse.js';
import type { RemoveAgentRequest as _berth_v1_RemoveAgentRequest, RemoveAgentRequest__Output as _berth_v1_RemoveAgentRequest__Output } from '../../berth/v1/RemoveAgentRequest.js';
import type { RemoveAgentResponse as _berth_v1_RemoveAgentResponse, RemoveAgentResponse__Output as _berth_v1_RemoveAgentResponse__Output } from '../../berth/v1/RemoveAgentResponse.js';
import type { RevokeTokenRequest as _berth_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _berth_v1_RevokeTokenRequest__Output } from '../../berth/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _berth_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _berth_v1_RevokeTokenResponse__Output } from '../../berth/v1/RevokeTokenResponse.js';
import type { RollbackRequest as _berth_v1_RollbackRequest, RollbackRequest__Output as _berth_v1_RollbackRequest__Output } from '../../berth/v1/RollbackRequest.js';
import type { RollbackResponse as _berth_v1_RollbackResponse, RollbackResponse__Output as _berth_v1_RollbackResponse__Output } from '../../berth/v1/RollbackResponse.js';
import type { RotateHookRequest as _berth_v1_RotateHookRequest, RotateHookRequest__Output as _berth_v1_RotateHookRequest__Output } from '../../berth/v1/RotateHookRequest.js';
import type { RotateHookResponse as _berth_v1_RotateHookResponse, RotateHookResponse__Output as _berth_v1_RotateHookResponse__Output } from '../../berth/v1/RotateHookResponse.js';
import type { ScaleRequest as _berth_v1_ScaleRequest, ScaleRequest__Output as _berth_v1_ScaleRequest__Output } from '../../berth/v1/ScaleRequest.js';
import type { ScaleResponse as _berth_v1_ScaleResponse, ScaleResponse__Output as _berth_v1_ScaleResponse__Output } from '../../berth/v1/ScaleResponse.js';
import type { SetEnvRequest as _berth_v1_SetEnvRequest, SetEnvRequest__Output as _berth_v1_SetEnvRequest__Output } from '../../berth/v1/SetEnvRequest.js';
import type { SetEnvResponse as _berth_v1_SetEnvResponse, SetEnvResponse__Output as _berth_v1_SetEnvResponse__Output } from '../../berth/v1/SetEnvResponse.js';
import type { SetGithubRequest as _berth_v1_SetGithubRequest, SetGithubRequest__Output as _berth_v1_SetGithubRequest__Output } from '../../berth/v1/SetGithubRequest.js';
import type { SetGithubResponse as _berth_v1_SetGithubResponse, SetGithubResponse__Output as _berth_v1_SetGithubResponse__Output } from '../../berth/v1/SetGithubResponse.js';
import type { SetHookSecretRequest as _berth_v1_SetHookSecretRequest, SetHookSecretRequest__Output as _berth_v1_SetHookSecretRequest__Output } from '../../berth/v1/SetHookSecretRequest.js';
import type { SetHookSecretResponse as _berth_v1_SetHookSecretResponse, SetHookSecretResponse__Output as _berth_v1_SetHookSecretResponse__Output } from '../../berth/v1/SetHookSecretResponse.js';
import type { SetNotificationsRequest as _berth_v1_SetNotificationsRequest, SetNotificationsRequest__Output as _berth_v1_SetNotificationsRequest__Output } from '../../berth/v1/SetNotificationsRequest.js';
import type { SetNotificationsResponse as _berth_v1_SetNotificationsResponse, SetNotificationsResponse__Output as _berth_v1_SetNotificationsResponse__Output } from '../../berth/v1/SetNotificationsResponse.js';
import type { StartRunRequest as _berth_v1_StartRunRequest, StartRunRequest__Output as _berth_v1_StartRunRequest__Output } from '../../berth/v1/StartRunRequest.js';
import type { StartRunResponse as _berth_v1_StartRunResponse, StartRunResponse__Output as _berth_v1_StartRunResponse__Output } from '../../berth/v1/StartRunResponse.js';
import type { StopRunRequest as _berth_v1_StopRunRequest, StopRunRequest__Output as _berth_v1_StopRunRequest__Output } from '../../berth/v1/StopRunRequest.js';
import type { StopRunResponse as _berth_v1_StopRunResponse, StopRunResponse__Output as _berth_v1_StopRunResponse__Output } from '../../berth/v1/StopRunResponse.js';
import type { StreamLogsRequest as _berth_v1_StreamLogsRequest, StreamLogsRequest__Output as _berth_v1_StreamLogsRequest__Output } from '../../berth/v1/StreamLogsRequest.js';
import type { StreamLogsResponse as _berth_v1_StreamLogsResponse, StreamLogsResponse__Output as _berth_v1_StreamLogsResponse__Output } from '../../berth/v1/StreamLogsResponse.js';
import type { TestHookRequest as _berth_v1_TestHookRequest, TestHookRequest__Output as _berth_v1_TestHookRequest__Output } from '../../berth/v1/TestHookRequest.js';
import type { TestHookResponse as _berth_v1_TestHookResponse, TestHookResponse__Output as _berth_v1_TestHookResponse__Output } from '../../berth/v1/TestHookResponse.js';
import type { UndrainAgentRequest as _berth_v1_UndrainAgentRequest, UndrainAgentRequest__Output as _berth_v1_UndrainAgentRequest__Output } from '../../berth/v1/UndrainAgentRequest.js';
import type { UndrainAgentResponse as _berth_v1_UndrainAgentResponse, UndrainAgentResponse__Output as _berth_v1_UndrainAgentResponse__Output } from '../../berth/v1/UndrainAgentResponse.js';
import type { UnsetEnvRequest as _berth_v1_UnsetEnvRequest, UnsetEnvRequest__Output as _berth_v1_UnsetEnvRequest__Output } from '../../berth/v1/UnsetEnvRequest.js';
import type { UnsetEnvResponse as _berth_v1_UnsetEnvResponse, UnsetEnvResponse__Output as _berth_v1_UnsetEnvResponse__Output } from '../../berth/v1/UnsetEnvResponse.js';
import type { WatchDeploymentRequest as _berth_v1_WatchDeploymentRequest, WatchDeploymentRequest__Output as _berth_v1_WatchDeploymentRequest__Output } from '../../berth/v1/WatchDeploymentRequest.js';
import type { WatchDeploymentResponse as _berth_v1_WatchDeploymentResponse, WatchDeploymentResponse__Output as _berth_v1_WatchDeploymentResponse__Output } from '../../berth/v1/WatchDeploymentResponse.js';
import type { WatchEventsRequest as _berth_v1_WatchEventsRequest, WatchEventsRequest__Output as _berth_v1_WatchEventsRequest__Output } from '../../berth/v1/WatchEventsRequest.js';
import type { WatchEventsResponse as _berth_v1_WatchEventsResponse, WatchEventsResponse__Output as _berth_v1_WatchEventsResponse__Output } from '../../berth/v1/WatchEventsResponse.js';
import type { WatchRunRequest as _berth_v1_WatchRunRequest, WatchRunRequest__Output as _berth_v1_WatchRunRequest__Output } from '../../berth/v1/WatchRunRequest.js';
import type { WatchRunResponse as _berth_v1_WatchRunResponse, WatchRunResponse__Output as _berth_v1_WatchRunResponse__Output } from '../../berth/v1/WatchRunResponse.js';

export interface AdminServiceClient extends grpc.Client {
  ApplyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  ApplyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  ApplyApp(argument: _berth_v1_ApplyAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  ApplyApp(argument: _berth_v1_ApplyAppRequest, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  
  AttachRun(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AttachRunRequest, _berth_v1_AttachRunResponse__Output>;
  AttachRun(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AttachRunRequest, _berth_v1_AttachRunResponse__Output>;
  attachRun(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AttachRunRequest, _berth_v1_AttachRunResponse__Output>;
  attachRun(options?: grpc.CallOptions): grpc.ClientDuplexStream<_berth_v1_AttachRunRequest, _berth_v1_AttachRunResponse__Output>;
  
  CancelDeployment(argument: _berth_v1_CancelDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CancelDeploymentResponse__Output>): grpc.ClientUnaryCall;
  CancelDeployment(argument: _berth_v1_CancelDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CancelDeploymentResponse__Output>): grpc.ClientUnaryCall;
  CancelDeployment(argument: _berth_v1_CancelDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CancelDeploymentResponse__Output>): grpc.ClientUnaryCall;
  CancelDeployment(argument: _berth_v1_CancelDeploymentRequest, callback: grpc.requestCallback<_berth_v1_CancelDeploymentResponse__Output>): grpc.ClientUnaryCall;
  cancelDeployment(argument: _berth_v1_CancelDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CancelDeploymentResponse__Output>): grpc.ClientUnaryCall;
  cancelDeployment(argument: _berth_v1_CancelDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CancelDeploymentResponse__Output>): grpc.ClientUnaryCall;
  cancelDeployment(argument: _berth_v1_CancelDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CancelDeploymentResponse__Output>): grpc.ClientUnaryCall;
  cancelDeployment(argument: _berth_v1_CancelDeploymentRequest, callback: grpc.requestCallback<_berth_v1_CancelDeploymentResponse__Output>): grpc.ClientUnaryCall;
  
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  
  CreateToken(argument: _berth_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _berth_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _berth_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _berth_v1_CreateTokenRequest, callback: grpc.requestCallback<_berth_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _berth_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _berth_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _berth_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _berth_v1_CreateTokenRequest, callback: grpc.requestCallback<_berth_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _berth_v1_DeleteAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _berth_v1_DeleteAppRequest, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  
  Deploy(argument: _berth_v1_DeployRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeployResponse__Output>): grpc.ClientUnaryCall;
  Deploy(argument: _berth_v1_DeployRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeployResponse__Output>): grpc.ClientUnaryCall;
  Deploy(argument: _berth_v1_DeployRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeployResponse__Output>): grpc.ClientUnaryCall;
  Deploy(argument: _berth_v1_DeployRequest, callback: grpc.requestCallback<_berth_v1_DeployResponse__Output>): grpc.ClientUnaryCall;
  deploy(argument: _berth_v1_DeployRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeployResponse__Output>): grpc.ClientUnaryCall;
  deploy(argument: _berth_v1_DeployRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeployResponse__Output>): grpc.ClientUnaryCall;
  deploy(argument: _berth_v1_DeployRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeployResponse__Output>): grpc.ClientUnaryCall;
  deploy(argument: _berth_v1_DeployRequest, callback: grpc.requestCallback<_berth_v1_DeployResponse__Output>): grpc.ClientUnaryCall;
  
  DrainAgent(argument: _berth_v1_DrainAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DrainAgentResponse__Output>): grpc.ClientUnaryCall;
  DrainAgent(argument: _berth_v1_DrainAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DrainAgentResponse__Output>): grpc.ClientUnaryCall;
  DrainAgent(argument: _berth_v1_DrainAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DrainAgentResponse__Output>): grpc.ClientUnaryCall;
  DrainAgent(argument: _berth_v1_DrainAgentRequest, callback: grpc.requestCallback<_berth_v1_DrainAgentResponse__Output>): grpc.ClientUnaryCall;
  drainAgent(argument: _berth_v1_DrainAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DrainAgentResponse__Output>): grpc.ClientUnaryCall;
  drainAgent(argument: _berth_v1_DrainAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DrainAgentResponse__Output>): grpc.ClientUnaryCall;
  drainAgent(argument: _berth_v1_DrainAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DrainAgentResponse__Output>): grpc.ClientUnaryCall;
  drainAgent(argument: _berth_v1_DrainAgentRequest, callback: grpc.requestCallback<_berth_v1_DrainAgentResponse__Output>): grpc.ClientUnaryCall;
  
  GetApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _berth_v1_GetAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _berth_v1_GetAppRequest, callback: grpc.requestCallback<_berth_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, callback: grpc.requestCallback<_berth_v1_GetAppResponse__Output>): grpc.ClientUnaryCall;
  
  GetDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetDeploymentResponse__Output>): grpc.ClientUnaryCall;
  GetDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GetDeploymentResponse__Output>): grpc.ClientUnaryCall;
  GetDeployment(argument: _berth_v1_GetDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetDeploymentResponse__Output>): grpc.ClientUnaryCall;
  GetDeployment(argument: _berth_v1_GetDeploymentRequest, callback: grpc.requestCallback<_berth_v1_GetDeploymentResponse__Output>): grpc.ClientUnaryCall;
  getDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetDeploymentResponse__Output>): grpc.ClientUnaryCall;
  getDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GetDeploymentResponse__Output>): grpc.ClientUnaryCall;
  getDeployment(argument: _berth_v1_GetDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetDeploymentResponse__Output>): grpc.ClientUnaryCall;
  getDeployment(argument: _berth_v1_GetDeploymentRequest, callback: grpc.requestCallback<_berth_v1_GetDeploymentResponse__Output>): grpc.ClientUnaryCall;
  
  GetHook(argument: _berth_v1_GetHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetHookResponse__Output>): grpc.ClientUnaryCall;
  GetHook(argument: _berth_v1_GetHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GetHookResponse__Output>): grpc.ClientUnaryCall;
  GetHook(argument: _berth_v1_GetHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetHookResponse__Output>): grpc.ClientUnaryCall;
  GetHook(argument: _berth_v1_GetHookRequest, callback: grpc.requestCallback<_berth_v1_GetHookResponse__Output>): grpc.ClientUnaryCall;
  getHook(argument: _berth_v1_GetHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetHookResponse__Output>): grpc.ClientUnaryCall;
  getHook(argument: _berth_v1_GetHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GetHookResponse__Output>): grpc.ClientUnaryCall;
  getHook(argument: _berth_v1_GetHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetHookResponse__Output>): grpc.ClientUnaryCall;
  getHook(argument: _berth_v1_GetHookRequest, callback: grpc.requestCallback<_berth_v1_GetHookResponse__Output>): grpc.ClientUnaryCall;
  
  GetRun(argument: _berth_v1_GetRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetRunResponse__Output>): grpc.ClientUnaryCall;
  GetRun(argument: _berth_v1_GetRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GetRunResponse__Output>): grpc.ClientUnaryCall;
  GetRun(argument: _berth_v1_GetRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetRunResponse__Output>): grpc.ClientUnaryCall;
  GetRun(argument: _berth_v1_GetRunRequest, callback: grpc.requestCallback<_berth_v1_GetRunResponse__Output>): grpc.ClientUnaryCall;
  getRun(argument: _berth_v1_GetRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetRunResponse__Output>): grpc.ClientUnaryCall;
  getRun(argument: _berth_v1_GetRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GetRunResponse__Output>): grpc.ClientUnaryCall;
  getRun(argument: _berth_v1_GetRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GetRunResponse__Output>): grpc.ClientUnaryCall;
  getRun(argument: _berth_v1_GetRunRequest, callback: grpc.requestCallback<_berth_v1_GetRunResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  ListDeployments(argument: _berth_v1_ListDeploymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  ListDeployments(argument: _berth_v1_ListDeploymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  ListDeployments(argument: _berth_v1_ListDeploymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  ListDeployments(argument: _berth_v1_ListDeploymentsRequest, callback: grpc.requestCallback<_berth_v1_ListDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listDeployments(argument: _berth_v1_ListDeploymentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listDeployments(argument: _berth_v1_ListDeploymentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listDeployments(argument: _berth_v1_ListDeploymentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  listDeployments(argument: _berth_v1_ListDeploymentsRequest, callback: grpc.requestCallback<_berth_v1_ListDeploymentsResponse__Output>): grpc.ClientUnaryCall;
  
  ListEnv(argument: _berth_v1_ListEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListEnvResponse__Output>): grpc.ClientUnaryCall;
  ListEnv(argument: _berth_v1_ListEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListEnvResponse__Output>): grpc.ClientUnaryCall;
  ListEnv(argument: _berth_v1_ListEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListEnvResponse__Output>): grpc.ClientUnaryCall;
  ListEnv(argument: _berth_v1_ListEnvRequest, callback: grpc.requestCallback<_berth_v1_ListEnvResponse__Output>): grpc.ClientUnaryCall;
  listEnv(argument: _berth_v1_ListEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListEnvResponse__Output>): grpc.ClientUnaryCall;
  listEnv(argument: _berth_v1_ListEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListEnvResponse__Output>): grpc.ClientUnaryCall;
  listEnv(argument: _berth_v1_ListEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListEnvResponse__Output>): grpc.ClientUnaryCall;
  listEnv(argument: _berth_v1_ListEnvRequest, callback: grpc.requestCallback<_berth_v1_ListEnvResponse__Output>): grpc.ClientUnaryCall;
  
  ListHookLog(argument: _berth_v1_ListHookLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListHookLogResponse__Output>): grpc.ClientUnaryCall;
  ListHookLog(argument: _berth_v1_ListHookLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListHookLogResponse__Output>): grpc.ClientUnaryCall;
  ListHookLog(argument: _berth_v1_ListHookLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListHookLogResponse__Output>): grpc.ClientUnaryCall;
  ListHookLog(argument: _berth_v1_ListHookLogRequest, callback: grpc.requestCallback<_berth_v1_ListHookLogResponse__Output>): grpc.ClientUnaryCall;
  listHookLog(argument: _berth_v1_ListHookLogRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListHookLogResponse__Output>): grpc.ClientUnaryCall;
  listHookLog(argument: _berth_v1_ListHookLogRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListHookLogResponse__Output>): grpc.ClientUnaryCall;
  listHookLog(argument: _berth_v1_ListHookLogRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListHookLogResponse__Output>): grpc.ClientUnaryCall;
  listHookLog(argument: _berth_v1_ListHookLogRequest, callback: grpc.requestCallback<_berth_v1_ListHookLogResponse__Output>): grpc.ClientUnaryCall;
  
  ListReleases(argument: _berth_v1_ListReleasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  ListReleases(argument: _berth_v1_ListReleasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  ListReleases(argument: _berth_v1_ListReleasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  ListReleases(argument: _berth_v1_ListReleasesRequest, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  listReleases(argument: _berth_v1_ListReleasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  listReleases(argument: _berth_v1_ListReleasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  listReleases(argument: _berth_v1_ListReleasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  listReleases(argument: _berth_v1_ListReleasesRequest, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  
  ListRuns(argument: _berth_v1_ListRunsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  ListRuns(argument: _berth_v1_ListRunsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  ListRuns(argument: _berth_v1_ListRunsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  ListRuns(argument: _berth_v1_ListRunsRequest, callback: grpc.requestCallback<_berth_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _berth_v1_ListRunsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _berth_v1_ListRunsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _berth_v1_ListRunsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _berth_v1_ListRunsRequest, callback: grpc.requestCallback<_berth_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  
  ListTokens(argument: _berth_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _berth_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _berth_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _berth_v1_ListTokensRequest, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _berth_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _berth_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _berth_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _berth_v1_ListTokensRequest, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveAgent(argument: _berth_v1_RemoveAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  RemoveAgent(argument: _berth_v1_RemoveAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  RemoveAgent(argument: _berth_v1_RemoveAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  RemoveAgent(argument: _berth_v1_RemoveAgentRequest, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  removeAgent(argument: _berth_v1_RemoveAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  removeAgent(argument: _berth_v1_RemoveAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  removeAgent(argument: _berth_v1_RemoveAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  removeAgent(argument: _berth_v1_RemoveAgentRequest, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _berth_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _berth_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _berth_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _berth_v1_RevokeTokenRequest, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _berth_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _berth_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _berth_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _berth_v1_RevokeTokenRequest, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  
  Rollback(argument: _berth_v1_RollbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RollbackResponse__Output>): grpc.ClientUnaryCall;
  Rollback(argument: _berth_v1_RollbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RollbackResponse__Output>): grpc.ClientUnaryCall;
  Rollback(argument: _berth_v1_RollbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RollbackResponse__Output>): grpc.ClientUnaryCall;
  Rollback(argument: _berth_v1_RollbackRequest, callback: grpc.requestCallback<_berth_v1_RollbackResponse__Output>): grpc.ClientUnaryCall;
  rollback(argument: _berth_v1_RollbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RollbackResponse__Output>): grpc.ClientUnaryCall;
  rollback(argument: _berth_v1_RollbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RollbackResponse__Output>): grpc.ClientUnaryCall;
  rollback(argument: _berth_v1_RollbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RollbackResponse__Output>): grpc.ClientUnaryCall;
  rollback(argument: _berth_v1_RollbackRequest, callback: grpc.requestCallback<_berth_v1_RollbackResponse__Output>): grpc.ClientUnaryCall;
  
  RotateHook(argument: _berth_v1_RotateHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RotateHookResponse__Output>): grpc.ClientUnaryCall;
  RotateHook(argument: _berth_v1_RotateHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RotateHookResponse__Output>): grpc.ClientUnaryCall;
  RotateHook(argument: _berth_v1_RotateHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RotateHookResponse__Output>): grpc.ClientUnaryCall;
  RotateHook(argument: _berth_v1_RotateHookRequest, callback: grpc.requestCallback<_berth_v1_RotateHookResponse__Output>): grpc.ClientUnaryCall;
  rotateHook(argument: _berth_v1_RotateHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RotateHookResponse__Output>): grpc.ClientUnaryCall;
  rotateHook(argument: _berth_v1_RotateHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RotateHookResponse__Output>): grpc.ClientUnaryCall;
  rotateHook(argument: _berth_v1_RotateHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RotateHookResponse__Output>): grpc.ClientUnaryCall;
  rotateHook(argument: _berth_v1_RotateHookRequest, callback: grpc.requestCallback<_berth_v1_RotateHookResponse__Output>): grpc.ClientUnaryCall;
  
  Scale(argument: _berth_v1_ScaleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  Scale(argument: _berth_v1_ScaleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  Scale(argument: _berth_v1_ScaleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  Scale(argument: _berth_v1_ScaleRequest, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  scale(argument: _berth_v1_ScaleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  scale(argument: _berth_v1_ScaleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  scale(argument: _berth_v1_ScaleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  scale(argument: _berth_v1_ScaleRequest, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  
  SetEnv(argument: _berth_v1_SetEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetEnvResponse__Output>): grpc.ClientUnaryCall;
  SetEnv(argument: _berth_v1_SetEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SetEnvResponse__Output>): grpc.ClientUnaryCall;
  SetEnv(argument: _berth_v1_SetEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetEnvResponse__Output>): grpc.ClientUnaryCall;
  SetEnv(argument: _berth_v1_SetEnvRequest, callback: grpc.requestCallback<_berth_v1_SetEnvResponse__Output>): grpc.ClientUnaryCall;
  setEnv(argument: _berth_v1_SetEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetEnvResponse__Output>): grpc.ClientUnaryCall;
  setEnv(argument: _berth_v1_SetEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SetEnvResponse__Output>): grpc.ClientUnaryCall;
  setEnv(argument: _berth_v1_SetEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetEnvResponse__Output>): grpc.ClientUnaryCall;
  setEnv(argument: _berth_v1_SetEnvRequest, callback: grpc.requestCallback<_berth_v1_SetEnvResponse__Output>): grpc.ClientUnaryCall;
  
  SetGithub(argument: _berth_v1_SetGithubRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetGithubResponse__Output>): grpc.ClientUnaryCall;
  SetGithub(argument: _berth_v1_SetGithubRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SetGithubResponse__Output>): grpc.ClientUnaryCall;
  SetGithub(argument: _berth_v1_SetGithubRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetGithubResponse__Output>): grpc.ClientUnaryCall;
  SetGithub(argument: _berth_v1_SetGithubRequest, callback: grpc.requestCallback<_berth_v1_SetGithubResponse__Output>): grpc.ClientUnaryCall;
  setGithub(argument: _berth_v1_SetGithubRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetGithubResponse__Output>): grpc.ClientUnaryCall;
  setGithub(argument: _berth_v1_SetGithubRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SetGithubResponse__Output>): grpc.ClientUnaryCall;
  setGithub(argument: _berth_v1_SetGithubRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetGithubResponse__Output>): grpc.ClientUnaryCall;
  setGithub(argument: _berth_v1_SetGithubRequest, callback: grpc.requestCallback<_berth_v1_SetGithubResponse__Output>): grpc.ClientUnaryCall;
  
  SetHookSecret(argument: _berth_v1_SetHookSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetHookSecretResponse__Output>): grpc.ClientUnaryCall;
  SetHookSecret(argument: _berth_v1_SetHookSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SetHookSecretResponse__Output>): grpc.ClientUnaryCall;
  SetHookSecret(argument: _berth_v1_SetHookSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetHookSecretResponse__Output>): grpc.ClientUnaryCall;
  SetHookSecret(argument: _berth_v1_SetHookSecretRequest, callback: grpc.requestCallback<_berth_v1_SetHookSecretResponse__Output>): grpc.ClientUnaryCall;
  setHookSecret(argument: _berth_v1_SetHookSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetHookSecretResponse__Output>): grpc.ClientUnaryCall;
  setHookSecret(argument: _berth_v1_SetHookSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SetHookSecretResponse__Output>): grpc.ClientUnaryCall;
  setHookSecret(argument: _berth_v1_SetHookSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetHookSecretResponse__Output>): grpc.ClientUnaryCall;
  setHookSecret(argument: _berth_v1_SetHookSecretRequest, callback: grpc.requestCallback<_berth_v1_SetHookSecretResponse__Output>): grpc.ClientUnaryCall;
  
  SetNotifications(argument: _berth_v1_SetNotificationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetNotificationsResponse__Output>): grpc.ClientUnaryCall;
  SetNotifications(argument: _berth_v1_SetNotificationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SetNotificationsResponse__Output>): grpc.ClientUnaryCall;
  SetNotifications(argument: _berth_v1_SetNotificationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetNotificationsResponse__Output>): grpc.ClientUnaryCall;
  SetNotifications(argument: _berth_v1_SetNotificationsRequest, callback: grpc.requestCallback<_berth_v1_SetNotificationsResponse__Output>): grpc.ClientUnaryCall;
  setNotifications(argument: _berth_v1_SetNotificationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetNotificationsResponse__Output>): grpc.ClientUnaryCall;
  setNotifications(argument: _berth_v1_SetNotificationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_SetNotificationsResponse__Output>): grpc.ClientUnaryCall;
  setNotifications(argument: _berth_v1_SetNotificationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_SetNotificationsResponse__Output>): grpc.ClientUnaryCall;
  setNotifications(argument: _berth_v1_SetNotificationsRequest, callback: grpc.requestCallback<_berth_v1_SetNotificationsResponse__Output>): grpc.ClientUnaryCall;
  
  StartRun(argument: _berth_v1_StartRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StartRunResponse__Output>): grpc.ClientUnaryCall;
  StartRun(argument: _berth_v1_StartRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StartRunResponse__Output>): grpc.ClientUnaryCall;
  StartRun(argument: _berth_v1_StartRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StartRunResponse__Output>): grpc.ClientUnaryCall;
  StartRun(argument: _berth_v1_StartRunRequest, callback: grpc.requestCallback<_berth_v1_StartRunResponse__Output>): grpc.ClientUnaryCall;
  startRun(argument: _berth_v1_StartRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StartRunResponse__Output>): grpc.ClientUnaryCall;
  startRun(argument: _berth_v1_StartRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StartRunResponse__Output>): grpc.ClientUnaryCall;
  startRun(argument: _berth_v1_StartRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StartRunResponse__Output>): grpc.ClientUnaryCall;
  startRun(argument: _berth_v1_StartRunRequest, callback: grpc.requestCallback<_berth_v1_StartRunResponse__Output>): grpc.ClientUnaryCall;
  
  StopRun(argument: _berth_v1_StopRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopRunResponse__Output>): grpc.ClientUnaryCall;
  StopRun(argument: _berth_v1_StopRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StopRunResponse__Output>): grpc.ClientUnaryCall;
  StopRun(argument: _berth_v1_StopRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopRunResponse__Output>): grpc.ClientUnaryCall;
  StopRun(argument: _berth_v1_StopRunRequest, callback: grpc.requestCallback<_berth_v1_StopRunResponse__Output>): grpc.ClientUnaryCall;
  stopRun(argument: _berth_v1_StopRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopRunResponse__Output>): grpc.ClientUnaryCall;
  stopRun(argument: _berth_v1_StopRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_StopRunResponse__Output>): grpc.ClientUnaryCall;
  stopRun(argument: _berth_v1_StopRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_StopRunResponse__Output>): grpc.ClientUnaryCall;
  stopRun(argument: _berth_v1_StopRunRequest, callback: grpc.requestCallback<_berth_v1_StopRunResponse__Output>): grpc.ClientUnaryCall;
  
  StreamLogs(argument: _berth_v1_StreamLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_StreamLogsResponse__Output>;
  StreamLogs(argument: _berth_v1_StreamLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_StreamLogsResponse__Output>;
  streamLogs(argument: _berth_v1_StreamLogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_StreamLogsResponse__Output>;
  streamLogs(argument: _berth_v1_StreamLogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_StreamLogsResponse__Output>;
  
  TestHook(argument: _berth_v1_TestHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TestHookResponse__Output>): grpc.ClientUnaryCall;
  TestHook(argument: _berth_v1_TestHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_TestHookResponse__Output>): grpc.ClientUnaryCall;
  TestHook(argument: _berth_v1_TestHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TestHookResponse__Output>): grpc.ClientUnaryCall;
  TestHook(argument: _berth_v1_TestHookRequest, callback: grpc.requestCallback<_berth_v1_TestHookResponse__Output>): grpc.ClientUnaryCall;
  testHook(argument: _berth_v1_TestHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TestHookResponse__Output>): grpc.ClientUnaryCall;
  testHook(argument: _berth_v1_TestHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_TestHookResponse__Output>): grpc.ClientUnaryCall;
  testHook(argument: _berth_v1_TestHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_TestHookResponse__Output>): grpc.ClientUnaryCall;
  testHook(argument: _berth_v1_TestHookRequest, callback: grpc.requestCallback<_berth_v1_TestHookResponse__Output>): grpc.ClientUnaryCall;
  
  UndrainAgent(argument: _berth_v1_UndrainAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UndrainAgentResponse__Output>): grpc.ClientUnaryCall;
  UndrainAgent(argument: _berth_v1_UndrainAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UndrainAgentResponse__Output>): grpc.ClientUnaryCall;
  UndrainAgent(argument: _berth_v1_UndrainAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UndrainAgentResponse__Output>): grpc.ClientUnaryCall;
  UndrainAgent(argument: _berth_v1_UndrainAgentRequest, callback: grpc.requestCallback<_berth_v1_UndrainAgentResponse__Output>): grpc.ClientUnaryCall;
  undrainAgent(argument: _berth_v1_UndrainAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UndrainAgentResponse__Output>): grpc.ClientUnaryCall;
  undrainAgent(argument: _berth_v1_UndrainAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UndrainAgentResponse__Output>): grpc.ClientUnaryCall;
  undrainAgent(argument: _berth_v1_UndrainAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UndrainAgentResponse__Output>): grpc.ClientUnaryCall;
  undrainAgent(argument: _berth_v1_UndrainAgentRequest, callback: grpc.requestCallback<_berth_v1_UndrainAgentResponse__Output>): grpc.ClientUnaryCall;
  
  UnsetEnv(argument: _berth_v1_UnsetEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UnsetEnvResponse__Output>): grpc.ClientUnaryCall;
  UnsetEnv(argument: _berth_v1_UnsetEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UnsetEnvResponse__Output>): grpc.ClientUnaryCall;
  UnsetEnv(argument: _berth_v1_UnsetEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UnsetEnvResponse__Output>): grpc.ClientUnaryCall;
  UnsetEnv(argument: _berth_v1_UnsetEnvRequest, callback: grpc.requestCallback<_berth_v1_UnsetEnvResponse__Output>): grpc.ClientUnaryCall;
  unsetEnv(argument: _berth_v1_UnsetEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UnsetEnvResponse__Output>): grpc.ClientUnaryCall;
  unsetEnv(argument: _berth_v1_UnsetEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_UnsetEnvResponse__Output>): grpc.ClientUnaryCall;
  unsetEnv(argument: _berth_v1_UnsetEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_UnsetEnvResponse__Output>): grpc.ClientUnaryCall;
  unsetEnv(argument: _berth_v1_UnsetEnvRequest, callback: grpc.requestCallback<_berth_v1_UnsetEnvResponse__Output>): grpc.ClientUnaryCall;
  
  WatchDeployment(argument: _berth_v1_WatchDeploymentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchDeploymentResponse__Output>;
  WatchDeployment(argument: _berth_v1_WatchDeploymentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchDeploymentResponse__Output>;
  watchDeployment(argument: _berth_v1_WatchDeploymentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchDeploymentResponse__Output>;
  watchDeployment(argument: _berth_v1_WatchDeploymentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchDeploymentResponse__Output>;
  
  WatchEvents(argument: _berth_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchEventsResponse__Output>;
  WatchEvents(argument: _berth_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchEventsResponse__Output>;
  watchEvents(argument: _berth_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchEventsResponse__Output>;
  watchEvents(argument: _berth_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchEventsResponse__Output>;
  
  WatchRun(argument: _berth_v1_WatchRunRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchRunResponse__Output>;
  WatchRun(argument: _berth_v1_WatchRunRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchRunResponse__Output>;
  watchRun(argument: _berth_v1_WatchRunRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchRunResponse__Output>;
  watchRun(argument: _berth_v1_WatchRunRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_WatchRunResponse__Output>;
  
}

export interface AdminServiceHandlers extends grpc.UntypedServiceImplementation {
  ApplyApp: grpc.handleUnaryCall<_berth_v1_ApplyAppRequest__Output, _berth_v1_ApplyAppResponse>;
  
  AttachRun: grpc.handleBidiStreamingCall<_berth_v1_AttachRunRequest__Output, _berth_v1_AttachRunResponse>;
  
  CancelDeployment: grpc.handleUnaryCall<_berth_v1_CancelDeploymentRequest__Output, _berth_v1_CancelDeploymentResponse>;
  
  CreateJoinToken: grpc.handleUnaryCall<_berth_v1_CreateJoinTokenRequest__Output, _berth_v1_CreateJoinTokenResponse>;
  
  CreateToken: grpc.handleUnaryCall<_berth_v1_CreateTokenRequest__Output, _berth_v1_CreateTokenResponse>;
  
  DeleteApp: grpc.handleUnaryCall<_berth_v1_DeleteAppRequest__Output, _berth_v1_DeleteAppResponse>;
  
  Deploy: grpc.handleUnaryCall<_berth_v1_DeployRequest__Output, _berth_v1_DeployResponse>;
  
  DrainAgent: grpc.handleUnaryCall<_berth_v1_DrainAgentRequest__Output, _berth_v1_DrainAgentResponse>;
  
  GetApp: grpc.handleUnaryCall<_berth_v1_GetAppRequest__Output, _berth_v1_GetAppResponse>;
  
  GetDeployment: grpc.handleUnaryCall<_berth_v1_GetDeploymentRequest__Output, _berth_v1_GetDeploymentResponse>;
  
  GetHook: grpc.handleUnaryCall<_berth_v1_GetHookRequest__Output, _berth_v1_GetHookResponse>;
  
  GetRun: grpc.handleUnaryCall<_berth_v1_GetRunRequest__Output, _berth_v1_GetRunResponse>;
  
  ListAgents: grpc.handleUnaryCall<_berth_v1_ListAgentsRequest__Output, _berth_v1_ListAgentsResponse>;
  
  ListApps: grpc.handleUnaryCall<_berth_v1_ListAppsRequest__Output, _berth_v1_ListAppsResponse>;
  
  ListDeployments: grpc.handleUnaryCall<_berth_v1_ListDeploymentsRequest__Output, _berth_v1_ListDeploymentsResponse>;
  
  ListEnv: grpc.handleUnaryCall<_berth_v1_ListEnvRequest__Output, _berth_v1_ListEnvResponse>;
  
  ListHookLog: grpc.handleUnaryCall<_berth_v1_ListHookLogRequest__Output, _berth_v1_ListHookLogResponse>;
  
  ListReleases: grpc.handleUnaryCall<_berth_v1_ListReleasesRequest__Output, _berth_v1_ListReleasesResponse>;
  
  ListRuns: grpc.handleUnaryCall<_berth_v1_ListRunsRequest__Output, _berth_v1_ListRunsResponse>;
  
  ListTokens: grpc.handleUnaryCall<_berth_v1_ListTokensRequest__Output, _berth_v1_ListTokensResponse>;
  
  RemoveAgent: grpc.handleUnaryCall<_berth_v1_RemoveAgentRequest__Output, _berth_v1_RemoveAgentResponse>;
  
  RevokeToken: grpc.handleUnaryCall<_berth_v1_RevokeTokenRequest__Output, _berth_v1_RevokeTokenResponse>;
  
  Rollback: grpc.handleUnaryCall<_berth_v1_RollbackRequest__Output, _berth_v1_RollbackResponse>;
  
  RotateHook: grpc.handleUnaryCall<_berth_v1_RotateHookRequest__Output, _berth_v1_RotateHookResponse>;
  
  Scale: grpc.handleUnaryCall<_berth_v1_ScaleRequest__Output, _berth_v1_ScaleResponse>;
  
  SetEnv: grpc.handleUnaryCall<_berth_v1_SetEnvRequest__Output, _berth_v1_SetEnvResponse>;
  
  SetGithub: grpc.handleUnaryCall<_berth_v1_SetGithubRequest__Output, _berth_v1_SetGithubResponse>;
  
  SetHookSecret: grpc.handleUnaryCall<_berth_v1_SetHookSecretRequest__Output, _berth_v1_SetHookSecretResponse>;
  
  SetNotifications: grpc.handleUnaryCall<_berth_v1_SetNotificationsRequest__Output, _berth_v1_SetNotificationsResponse>;
  
  StartRun: grpc.handleUnaryCall<_berth_v1_StartRunRequest__Output, _berth_v1_StartRunResponse>;
  
  StopRun: grpc.handleUnaryCall<_berth_v1_StopRunRequest__Output, _berth_v1_StopRunResponse>;
  
  StreamLogs: grpc.handleServerStreamingCall<_berth_v1_StreamLogsRequest__Output, _berth_v1_StreamLogsResponse>;
  
  TestHook: grpc.handleUnaryCall<_berth_v1_TestHookRequest__Output, _berth_v1_TestHookResponse>;
  
  UndrainAgent: grpc.handleUnaryCall<_berth_v1_UndrainAgentRequest__Output, _berth_v1_UndrainAgentResponse>;
  
  UnsetEnv: grpc.handleUnaryCall<_berth_v1_UnsetEnvRequest__Output, _berth_v1_UnsetEnvResponse>;
  
  WatchDeployment: grpc.handleServerStreamingCall<_berth_v1_WatchDeploymentRequest__Output, _berth_v1_WatchDeploymentResponse>;
  
  WatchEvents: grpc.handleServerStreamingCall<_berth_v1_WatchEventsRequest__Output, _berth_v1_WatchEventsResponse>;
  
  WatchRun: grpc.handleServerStreamingCall<_berth_v1_WatchRunRequest__Output, _berth_v1_WatchRunResponse>;
  
}

export interface AdminServiceDefinition extends grpc.ServiceDefinition {
  ApplyApp: MethodDefinition<_berth_v1_ApplyAppRequest, _berth_v1_ApplyAppResponse, _berth_v1_ApplyAppRequest__Output, _berth_v1_ApplyAppResponse__Output>
  AttachRun: MethodDefinition<_berth_v1_AttachRunRequest, _berth_v1_AttachRunResponse, _berth_v1_AttachRunRequest__Output, _berth_v1_AttachRunResponse__Output>
  CancelDeployment: MethodDefinition<_berth_v1_CancelDeploymentRequest, _berth_v1_CancelDeploymentResponse, _berth_v1_CancelDeploymentRequest__Output, _berth_v1_CancelDeploymentResponse__Output>
  CreateJoinToken: MethodDefinition<_berth_v1_CreateJoinTokenRequest, _berth_v1_CreateJoinTokenResponse, _berth_v1_CreateJoinTokenRequest__Output, _berth_v1_CreateJoinTokenResponse__Output>
  CreateToken: MethodDefinition<_berth_v1_CreateTokenRequest, _berth_v1_CreateTokenResponse, _berth_v1_CreateTokenRequest__Output, _berth_v1_CreateTokenResponse__Output>
  DeleteApp: MethodDefinition<_berth_v1_DeleteAppRequest, _berth_v1_DeleteAppResponse, _berth_v1_DeleteAppRequest__Output, _berth_v1_DeleteAppResponse__Output>
  Deploy: MethodDefinition<_berth_v1_DeployRequest, _berth_v1_DeployResponse, _berth_v1_DeployRequest__Output, _berth_v1_DeployResponse__Output>
  DrainAgent: MethodDefinition<_berth_v1_DrainAgentRequest, _berth_v1_DrainAgentResponse, _berth_v1_DrainAgentRequest__Output, _berth_v1_DrainAgentResponse__Output>
  GetApp: MethodDefinition<_berth_v1_GetAppRequest, _berth_v1_GetAppResponse, _berth_v1_GetAppRequest__Output, _berth_v1_GetAppResponse__Output>
  GetDeployment: MethodDefinition<_berth_v1_GetDeploymentRequest, _berth_v1_GetDeploymentResponse, _berth_v1_GetDeploymentRequest__Output, _berth_v1_GetDeploymentResponse__Output>
  GetHook: MethodDefinition<_berth_v1_GetHookRequest, _berth_v1_GetHookResponse, _berth_v1_GetHookRequest__Output, _berth_v1_GetHookResponse__Output>
  GetRun: MethodDefinition<_berth_v1_GetRunRequest, _berth_v1_GetRunResponse, _berth_v1_GetRunRequest__Output, _berth_v1_GetRunResponse__Output>
  ListAgents: MethodDefinition<_berth_v1_ListAgentsRequest, _berth_v1_ListAgentsResponse, _berth_v1_ListAgentsRequest__Output, _berth_v1_ListAgentsResponse__Output>
  ListApps: MethodDefinition<_berth_v1_ListAppsRequest, _berth_v1_ListAppsResponse, _berth_v1_ListAppsRequest__Output, _berth_v1_ListAppsResponse__Output>
  ListDeployments: MethodDefinition<_berth_v1_ListDeploymentsRequest, _berth_v1_ListDeploymentsResponse, _berth_v1_ListDeploymentsRequest__Output, _berth_v1_ListDeploymentsResponse__Output>
  ListEnv: MethodDefinition<_berth_v1_ListEnvRequest, _berth_v1_ListEnvResponse, _berth_v1_ListEnvRequest__Output, _berth_v1_ListEnvResponse__Output>
  ListHookLog: MethodDefinition<_berth_v1_ListHookLogRequest, _berth_v1_ListHookLogResponse, _berth_v1_ListHookLogRequest__Output, _berth_v1_ListHookLogResponse__Output>
  ListReleases: MethodDefinition<_berth_v1_ListReleasesRequest, _berth_v1_ListReleasesResponse, _berth_v1_ListReleasesRequest__Output, _berth_v1_ListReleasesResponse__Output>
  ListRuns: MethodDefinition<_berth_v1_ListRunsRequest, _berth_v1_ListRunsResponse, _berth_v1_ListRunsRequest__Output, _berth_v1_ListRunsResponse__Output>
  ListTokens: MethodDefinition<_berth_v1_ListTokensRequest, _berth_v1_ListTokensResponse, _berth_v1_ListTokensRequest__Output, _berth_v1_ListTokensResponse__Output>
  RemoveAgent: MethodDefinition<_berth_v1_RemoveAgentRequest, _berth_v1_RemoveAgentResponse, _berth_v1_RemoveAgentRequest__Output, _berth_v1_RemoveAgentResponse__Output>
  RevokeToken: MethodDefinition<_berth_v1_RevokeTokenRequest, _berth_v1_RevokeTokenResponse, _berth_v1_RevokeTokenRequest__Output, _berth_v1_RevokeTokenResponse__Output>
  Rollback: MethodDefinition<_berth_v1_RollbackRequest, _berth_v1_RollbackResponse, _berth_v1_RollbackRequest__Output, _berth_v1_RollbackResponse__Output>
  RotateHook: MethodDefinition<_berth_v1_RotateHookRequest, _berth_v1_RotateHookResponse, _berth_v1_RotateHookRequest__Output, _berth_v1_RotateHookResponse__Output>
  Scale: MethodDefinition<_berth_v1_ScaleRequest, _berth_v1_ScaleResponse, _berth_v1_ScaleRequest__Output, _berth_v1_ScaleResponse__Output>
  SetEnv: MethodDefinition<_berth_v1_SetEnvRequest, _berth_v1_SetEnvResponse, _berth_v1_SetEnvRequest__Output, _berth_v1_SetEnvResponse__Output>
  SetGithub: MethodDefinition<_berth_v1_SetGithubRequest, _berth_v1_SetGithubResponse, _berth_v1_SetGithubRequest__Output, _berth_v1_SetGithubResponse__Output>
  SetHookSecret: MethodDefinition<_berth_v1_SetHookSecretRequest, _berth_v1_SetHookSecretResponse, _berth_v1_SetHookSecretRequest__Output, _berth_v1_SetHookSecretResponse__Output>
  SetNotifications: MethodDefinition<_berth_v1_SetNotificationsRequest, _berth_v1_SetNotificationsResponse, _berth_v1_SetNotificationsRequest__Output, _berth_v1_SetNotificationsResponse__Output>
  StartRun: MethodDefinition<_berth_v1_StartRunRequest, _berth_v1_StartRunResponse, _berth_v1_StartRunRequest__Output, _berth_v1_StartRunResponse__Output>
  StopRun: MethodDefinition<_berth_v1_StopRunRequest, _berth_v1_StopRunResponse, _berth_v1_StopRunRequest__Output, _berth_v1_StopRunResponse__Output>
  StreamLogs: MethodDefinition<_berth_v1_StreamLogsRequest, _berth_v1_StreamLogsResponse, _berth_v1_StreamLogsRequest__Output, _berth_v1_StreamLogsResponse__Output>
  TestHook: MethodDefinition<_berth_v1_TestHookRequest, _berth_v1_TestHookResponse, _berth_v1_TestHookRequest__Output, _berth_v1_TestHookResponse__Output>
  UndrainAgent: MethodDefinition<_berth_v1_UndrainAgentRequest, _berth_v1_UndrainAgentResponse, _berth_v1_UndrainAgentRequest__Output, _berth_v1_UndrainAgentResponse__Output>
  UnsetEnv: MethodDefinition<_berth_v1_UnsetEnvRequest, _berth_v1_UnsetEnvResponse, _berth_v1_UnsetEnvRequest__Output, _berth_v1_UnsetEnvResponse__Output>
  WatchDeployment: MethodDefinition<_berth_v1_WatchDeploymentRequest, _berth_v1_WatchDeploymentResponse, _berth_v1_WatchDeploymentRequest__Output, _berth_v1_WatchDeploymentResponse__Output>
  WatchEvents: MethodDefinition<_berth_v1_WatchEventsRequest, _berth_v1_WatchEventsResponse, _berth_v1_WatchEventsRequest__Output, _berth_v1_WatchEventsResponse__Output>
  WatchRun: MethodDefinition<_berth_v1_WatchRunRequest, _berth_v1_WatchRunResponse, _berth_v1_WatchRunRequest__Output, _berth_v1_WatchRunResponse__Output>
}
