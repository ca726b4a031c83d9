// Original file: proto/berth/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AgentRequest as _berth_v1_AgentRequest, AgentRequest__Output as _berth_v1_AgentRequest__Output } from '../../berth/v1/AgentRequest.js';
import type { AgentSummary as _berth_v1_AgentSummary, AgentSummary__Output as _berth_v1_AgentSummary__Output } from '../../berth/v1/AgentSummary.js';
import type { App as _berth_v1_App, App__Output as _berth_v1_App__Output } from '../../berth/v1/App.js';
import type { ApplyAppRequest as _berth_v1_ApplyAppRequest, ApplyAppRequest__Output as _berth_v1_ApplyAppRequest__Output } from '../../berth/v1/ApplyAppRequest.js';
import type { ApplyAppResponse as _berth_v1_ApplyAppResponse, ApplyAppResponse__Output as _berth_v1_ApplyAppResponse__Output } from '../../berth/v1/ApplyAppResponse.js';
import type { ClusterEvent as _berth_v1_ClusterEvent, ClusterEvent__Output as _berth_v1_ClusterEvent__Output } from '../../berth/v1/ClusterEvent.js';
import type { CreateJoinTokenRequest as _berth_v1_CreateJoinTokenRequest, CreateJoinTokenRequest__Output as _berth_v1_CreateJoinTokenRequest__Output } from '../../berth/v1/CreateJoinTokenRequest.js';
import type { CreateTokenRequest as _berth_v1_CreateTokenRequest, CreateTokenRequest__Output as _berth_v1_CreateTokenRequest__Output } from '../../berth/v1/CreateTokenRequest.js';
import type { CreatedToken as _berth_v1_CreatedToken, CreatedToken__Output as _berth_v1_CreatedToken__Output } from '../../berth/v1/CreatedToken.js';
import type { DeleteAppRequest as _berth_v1_DeleteAppRequest, DeleteAppRequest__Output as _berth_v1_DeleteAppRequest__Output } from '../../berth/v1/DeleteAppRequest.js';
import type { DeleteAppResponse as _berth_v1_DeleteAppResponse, DeleteAppResponse__Output as _berth_v1_DeleteAppResponse__Output } from '../../berth/v1/DeleteAppResponse.js';
import type { DeployRequest as _berth_v1_DeployRequest, DeployRequest__Output as _berth_v1_DeployRequest__Output } from '../../berth/v1/DeployRequest.js';
import type { Deployment as _berth_v1_Deployment, Deployment__Output as _berth_v1_Deployment__Output } from '../../berth/v1/Deployment.js';
import type { DeploymentUpdate as _berth_v1_DeploymentUpdate, DeploymentUpdate__Output as _berth_v1_DeploymentUpdate__Output } from '../../berth/v1/DeploymentUpdate.js';
import type { Env as _berth_v1_Env, Env__Output as _berth_v1_Env__Output } from '../../berth/v1/Env.js';
import type { GetAppRequest as _berth_v1_GetAppRequest, GetAppRequest__Output as _berth_v1_GetAppRequest__Output } from '../../berth/v1/GetAppRequest.js';
import type { GetDeploymentRequest as _berth_v1_GetDeploymentRequest, GetDeploymentRequest__Output as _berth_v1_GetDeploymentRequest__Output } from '../../berth/v1/GetDeploymentRequest.js';
import type { GithubSettings as _berth_v1_GithubSettings, GithubSettings__Output as _berth_v1_GithubSettings__Output } from '../../berth/v1/GithubSettings.js';
import type { Hook as _berth_v1_Hook, Hook__Output as _berth_v1_Hook__Output } from '../../berth/v1/Hook.js';
import type { HookDecision as _berth_v1_HookDecision, HookDecision__Output as _berth_v1_HookDecision__Output } from '../../berth/v1/HookDecision.js';
import type { HookLog as _berth_v1_HookLog, HookLog__Output as _berth_v1_HookLog__Output } from '../../berth/v1/HookLog.js';
import type { HookRequest as _berth_v1_HookRequest, HookRequest__Output as _berth_v1_HookRequest__Output } from '../../berth/v1/HookRequest.js';
import type { JoinToken as _berth_v1_JoinToken, JoinToken__Output as _berth_v1_JoinToken__Output } from '../../berth/v1/JoinToken.js';
import type { ListAgentsRequest as _berth_v1_ListAgentsRequest, ListAgentsRequest__Output as _berth_v1_ListAgentsRequest__Output } from '../../berth/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _berth_v1_ListAgentsResponse, ListAgentsResponse__Output as _berth_v1_ListAgentsResponse__Output } from '../../berth/v1/ListAgentsResponse.js';
import type { ListAppsRequest as _berth_v1_ListAppsRequest, ListAppsRequest__Output as _berth_v1_ListAppsRequest__Output } from '../../berth/v1/ListAppsRequest.js';
import type { ListAppsResponse as _berth_v1_ListAppsResponse, ListAppsResponse__Output as _berth_v1_ListAppsResponse__Output } from '../../berth/v1/ListAppsResponse.js';
import type { ListDeploymentsRequest as _berth_v1_ListDeploymentsRequest, ListDeploymentsRequest__Output as _berth_v1_ListDeploymentsRequest__Output } from '../../berth/v1/ListDeploymentsRequest.js';
import type { ListDeploymentsResponse as _berth_v1_ListDeploymentsResponse, ListDeploymentsResponse__Output as _berth_v1_ListDeploymentsResponse__Output } from '../../berth/v1/ListDeploymentsResponse.js';
import type { ListEnvRequest as _berth_v1_ListEnvRequest, ListEnvRequest__Output as _berth_v1_ListEnvRequest__Output } from '../../berth/v1/ListEnvRequest.js';
import type { ListReleasesRequest as _berth_v1_ListReleasesRequest, ListReleasesRequest__Output as _berth_v1_ListReleasesRequest__Output } from '../../berth/v1/ListReleasesRequest.js';
import type { ListReleasesResponse as _berth_v1_ListReleasesResponse, ListReleasesResponse__Output as _berth_v1_ListReleasesResponse__Output } from '../../berth/v1/ListReleasesResponse.js';
import type { ListTokensRequest as _berth_v1_ListTokensRequest, ListTokensRequest__Output as _berth_v1_ListTokensRequest__Output } from '../../berth/v1/ListTokensRequest.js';
import type { ListTokensResponse as _berth_v1_ListTokensResponse, ListTokensResponse__Output as _berth_v1_ListTokensResponse__Output } from '../../berth/v1/ListTokensResponse.js';
import type { LogLines as _berth_v1_LogLines, LogLines__Output as _berth_v1_LogLines__Output } from '../../berth/v1/LogLines.js';
import type { LogsRequest as _berth_v1_LogsRequest, LogsRequest__Output as _berth_v1_LogsRequest__Output } from '../../berth/v1/LogsRequest.js';
import type { Notifications as _berth_v1_Notifications, Notifications__Output as _berth_v1_Notifications__Output } from '../../berth/v1/Notifications.js';
import type { RemoveAgentResponse as _berth_v1_RemoveAgentResponse, RemoveAgentResponse__Output as _berth_v1_RemoveAgentResponse__Output } from '../../berth/v1/RemoveAgentResponse.js';
import type { RevokeTokenRequest as _berth_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _berth_v1_RevokeTokenRequest__Output } from '../../berth/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _berth_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _berth_v1_RevokeTokenResponse__Output } from '../../berth/v1/RevokeTokenResponse.js';
import type { RollbackRequest as _berth_v1_RollbackRequest, RollbackRequest__Output as _berth_v1_RollbackRequest__Output } from '../../berth/v1/RollbackRequest.js';
import type { ScaleRequest as _berth_v1_ScaleRequest, ScaleRequest__Output as _berth_v1_ScaleRequest__Output } from '../../berth/v1/ScaleRequest.js';
import type { ScaleResponse as _berth_v1_ScaleResponse, ScaleResponse__Output as _berth_v1_ScaleResponse__Output } from '../../berth/v1/ScaleResponse.js';
import type { SetEnvRequest as _berth_v1_SetEnvRequest, SetEnvRequest__Output as _berth_v1_SetEnvRequest__Output } from '../../berth/v1/SetEnvRequest.js';
import type { SetGithubRequest as _berth_v1_SetGithubRequest, SetGithubRequest__Output as _berth_v1_SetGithubRequest__Output } from '../../berth/v1/SetGithubRequest.js';
import type { SetHookSecretRequest as _berth_v1_SetHookSecretRequest, SetHookSecretRequest__Output as _berth_v1_SetHookSecretRequest__Output } from '../../berth/v1/SetHookSecretRequest.js';
import type { SetNotificationsRequest as _berth_v1_SetNotificationsRequest, SetNotificationsRequest__Output as _berth_v1_SetNotificationsRequest__Output } from '../../berth/v1/SetNotificationsRequest.js';
import type { TestHookRequest as _berth_v1_TestHookRequest, TestHookRequest__Output as _berth_v1_TestHookRequest__Output } from '../../berth/v1/TestHookRequest.js';
import type { UnsetEnvRequest as _berth_v1_UnsetEnvRequest, UnsetEnvRequest__Output as _berth_v1_UnsetEnvRequest__Output } from '../../berth/v1/UnsetEnvRequest.js';
import type { WatchEventsRequest as _berth_v1_WatchEventsRequest, WatchEventsRequest__Output as _berth_v1_WatchEventsRequest__Output } from '../../berth/v1/WatchEventsRequest.js';

export interface AdminClient extends grpc.Client {
  ApplyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  ApplyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  ApplyApp(argument: _berth_v1_ApplyAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  ApplyApp(argument: _berth_v1_ApplyAppRequest, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  applyApp(argument: _berth_v1_ApplyAppRequest, callback: grpc.requestCallback<_berth_v1_ApplyAppResponse__Output>): grpc.ClientUnaryCall;
  
  CancelDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  CancelDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  CancelDeployment(argument: _berth_v1_GetDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  CancelDeployment(argument: _berth_v1_GetDeploymentRequest, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  cancelDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  cancelDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  cancelDeployment(argument: _berth_v1_GetDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  cancelDeployment(argument: _berth_v1_GetDeploymentRequest, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinToken__Output>): grpc.ClientUnaryCall;
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_JoinToken__Output>): grpc.ClientUnaryCall;
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinToken__Output>): grpc.ClientUnaryCall;
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, callback: grpc.requestCallback<_berth_v1_JoinToken__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinToken__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_JoinToken__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinToken__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, callback: grpc.requestCallback<_berth_v1_JoinToken__Output>): grpc.ClientUnaryCall;
  
  CreateToken(argument: _berth_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _berth_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _berth_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _berth_v1_CreateTokenRequest, callback: grpc.requestCallback<_berth_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  createToken(argument: _berth_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  createToken(argument: _berth_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  createToken(argument: _berth_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  createToken(argument: _berth_v1_CreateTokenRequest, callback: grpc.requestCallback<_berth_v1_CreatedToken__Output>): grpc.ClientUnaryCall;
  
  DeleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _berth_v1_DeleteAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  DeleteApp(argument: _berth_v1_DeleteAppRequest, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  deleteApp(argument: _berth_v1_DeleteAppRequest, callback: grpc.requestCallback<_berth_v1_DeleteAppResponse__Output>): grpc.ClientUnaryCall;
  
  Deploy(argument: _berth_v1_DeployRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  Deploy(argument: _berth_v1_DeployRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  Deploy(argument: _berth_v1_DeployRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  Deploy(argument: _berth_v1_DeployRequest, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  deploy(argument: _berth_v1_DeployRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  deploy(argument: _berth_v1_DeployRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  deploy(argument: _berth_v1_DeployRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  deploy(argument: _berth_v1_DeployRequest, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  
  DrainAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  DrainAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  DrainAgent(argument: _berth_v1_AgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  DrainAgent(argument: _berth_v1_AgentRequest, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  drainAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  drainAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  drainAgent(argument: _berth_v1_AgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  drainAgent(argument: _berth_v1_AgentRequest, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  
  GetApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _berth_v1_GetAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  GetApp(argument: _berth_v1_GetAppRequest, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  getApp(argument: _berth_v1_GetAppRequest, callback: grpc.requestCallback<_berth_v1_App__Output>): grpc.ClientUnaryCall;
  
  GetDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  GetDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  GetDeployment(argument: _berth_v1_GetDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  GetDeployment(argument: _berth_v1_GetDeploymentRequest, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  getDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  getDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  getDeployment(argument: _berth_v1_GetDeploymentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  getDeployment(argument: _berth_v1_GetDeploymentRequest, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  
  GetHook(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  GetHook(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  GetHook(argument: _berth_v1_HookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  GetHook(argument: _berth_v1_HookRequest, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  getHook(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  getHook(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  getHook(argument: _berth_v1_HookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  getHook(argument: _berth_v1_HookRequest, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  
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
  
  ListEnv(argument: _berth_v1_ListEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  ListEnv(argument: _berth_v1_ListEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  ListEnv(argument: _berth_v1_ListEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  ListEnv(argument: _berth_v1_ListEnvRequest, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  listEnv(argument: _berth_v1_ListEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  listEnv(argument: _berth_v1_ListEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  listEnv(argument: _berth_v1_ListEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  listEnv(argument: _berth_v1_ListEnvRequest, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  
  ListHookLog(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_HookLog__Output>): grpc.ClientUnaryCall;
  ListHookLog(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_HookLog__Output>): grpc.ClientUnaryCall;
  ListHookLog(argument: _berth_v1_HookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_HookLog__Output>): grpc.ClientUnaryCall;
  ListHookLog(argument: _berth_v1_HookRequest, callback: grpc.requestCallback<_berth_v1_HookLog__Output>): grpc.ClientUnaryCall;
  listHookLog(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_HookLog__Output>): grpc.ClientUnaryCall;
  listHookLog(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_HookLog__Output>): grpc.ClientUnaryCall;
  listHookLog(argument: _berth_v1_HookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_HookLog__Output>): grpc.ClientUnaryCall;
  listHookLog(argument: _berth_v1_HookRequest, callback: grpc.requestCallback<_berth_v1_HookLog__Output>): grpc.ClientUnaryCall;
  
  ListReleases(argument: _berth_v1_ListReleasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  ListReleases(argument: _berth_v1_ListReleasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  ListReleases(argument: _berth_v1_ListReleasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  ListReleases(argument: _berth_v1_ListReleasesRequest, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  listReleases(argument: _berth_v1_ListReleasesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  listReleases(argument: _berth_v1_ListReleasesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  listReleases(argument: _berth_v1_ListReleasesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  listReleases(argument: _berth_v1_ListReleasesRequest, callback: grpc.requestCallback<_berth_v1_ListReleasesResponse__Output>): grpc.ClientUnaryCall;
  
  ListTokens(argument: _berth_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _berth_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _berth_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _berth_v1_ListTokensRequest, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _berth_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _berth_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _berth_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _berth_v1_ListTokensRequest, callback: grpc.requestCallback<_berth_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  RemoveAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  RemoveAgent(argument: _berth_v1_AgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  RemoveAgent(argument: _berth_v1_AgentRequest, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  removeAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  removeAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  removeAgent(argument: _berth_v1_AgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  removeAgent(argument: _berth_v1_AgentRequest, callback: grpc.requestCallback<_berth_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _berth_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _berth_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _berth_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _berth_v1_RevokeTokenRequest, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _berth_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _berth_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _berth_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _berth_v1_RevokeTokenRequest, callback: grpc.requestCallback<_berth_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  
  Rollback(argument: _berth_v1_RollbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  Rollback(argument: _berth_v1_RollbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  Rollback(argument: _berth_v1_RollbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  Rollback(argument: _berth_v1_RollbackRequest, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  rollback(argument: _berth_v1_RollbackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  rollback(argument: _berth_v1_RollbackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  rollback(argument: _berth_v1_RollbackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  rollback(argument: _berth_v1_RollbackRequest, callback: grpc.requestCallback<_berth_v1_Deployment__Output>): grpc.ClientUnaryCall;
  
  RotateHook(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  RotateHook(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  RotateHook(argument: _berth_v1_HookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  RotateHook(argument: _berth_v1_HookRequest, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  rotateHook(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  rotateHook(argument: _berth_v1_HookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  rotateHook(argument: _berth_v1_HookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  rotateHook(argument: _berth_v1_HookRequest, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  
  Scale(argument: _berth_v1_ScaleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  Scale(argument: _berth_v1_ScaleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  Scale(argument: _berth_v1_ScaleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  Scale(argument: _berth_v1_ScaleRequest, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  scale(argument: _berth_v1_ScaleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  scale(argument: _berth_v1_ScaleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  scale(argument: _berth_v1_ScaleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  scale(argument: _berth_v1_ScaleRequest, callback: grpc.requestCallback<_berth_v1_ScaleResponse__Output>): grpc.ClientUnaryCall;
  
  SetEnv(argument: _berth_v1_SetEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  SetEnv(argument: _berth_v1_SetEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  SetEnv(argument: _berth_v1_SetEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  SetEnv(argument: _berth_v1_SetEnvRequest, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  setEnv(argument: _berth_v1_SetEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  setEnv(argument: _berth_v1_SetEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  setEnv(argument: _berth_v1_SetEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  setEnv(argument: _berth_v1_SetEnvRequest, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  
  SetGithub(argument: _berth_v1_SetGithubRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GithubSettings__Output>): grpc.ClientUnaryCall;
  SetGithub(argument: _berth_v1_SetGithubRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GithubSettings__Output>): grpc.ClientUnaryCall;
  SetGithub(argument: _berth_v1_SetGithubRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GithubSettings__Output>): grpc.ClientUnaryCall;
  SetGithub(argument: _berth_v1_SetGithubRequest, callback: grpc.requestCallback<_berth_v1_GithubSettings__Output>): grpc.ClientUnaryCall;
  setGithub(argument: _berth_v1_SetGithubRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GithubSettings__Output>): grpc.ClientUnaryCall;
  setGithub(argument: _berth_v1_SetGithubRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_GithubSettings__Output>): grpc.ClientUnaryCall;
  setGithub(argument: _berth_v1_SetGithubRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_GithubSettings__Output>): grpc.ClientUnaryCall;
  setGithub(argument: _berth_v1_SetGithubRequest, callback: grpc.requestCallback<_berth_v1_GithubSettings__Output>): grpc.ClientUnaryCall;
  
  SetHookSecret(argument: _berth_v1_SetHookSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  SetHookSecret(argument: _berth_v1_SetHookSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  SetHookSecret(argument: _berth_v1_SetHookSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  SetHookSecret(argument: _berth_v1_SetHookSecretRequest, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  setHookSecret(argument: _berth_v1_SetHookSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  setHookSecret(argument: _berth_v1_SetHookSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  setHookSecret(argument: _berth_v1_SetHookSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  setHookSecret(argument: _berth_v1_SetHookSecretRequest, callback: grpc.requestCallback<_berth_v1_Hook__Output>): grpc.ClientUnaryCall;
  
  SetNotifications(argument: _berth_v1_SetNotificationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Notifications__Output>): grpc.ClientUnaryCall;
  SetNotifications(argument: _berth_v1_SetNotificationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Notifications__Output>): grpc.ClientUnaryCall;
  SetNotifications(argument: _berth_v1_SetNotificationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Notifications__Output>): grpc.ClientUnaryCall;
  SetNotifications(argument: _berth_v1_SetNotificationsRequest, callback: grpc.requestCallback<_berth_v1_Notifications__Output>): grpc.ClientUnaryCall;
  setNotifications(argument: _berth_v1_SetNotificationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Notifications__Output>): grpc.ClientUnaryCall;
  setNotifications(argument: _berth_v1_SetNotificationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Notifications__Output>): grpc.ClientUnaryCall;
  setNotifications(argument: _berth_v1_SetNotificationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Notifications__Output>): grpc.ClientUnaryCall;
  setNotifications(argument: _berth_v1_SetNotificationsRequest, callback: grpc.requestCallback<_berth_v1_Notifications__Output>): grpc.ClientUnaryCall;
  
  StreamLogs(argument: _berth_v1_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_LogLines__Output>;
  StreamLogs(argument: _berth_v1_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_LogLines__Output>;
  streamLogs(argument: _berth_v1_LogsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_LogLines__Output>;
  streamLogs(argument: _berth_v1_LogsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_LogLines__Output>;
  
  TestHook(argument: _berth_v1_TestHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_HookDecision__Output>): grpc.ClientUnaryCall;
  TestHook(argument: _berth_v1_TestHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_HookDecision__Output>): grpc.ClientUnaryCall;
  TestHook(argument: _berth_v1_TestHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_HookDecision__Output>): grpc.ClientUnaryCall;
  TestHook(argument: _berth_v1_TestHookRequest, callback: grpc.requestCallback<_berth_v1_HookDecision__Output>): grpc.ClientUnaryCall;
  testHook(argument: _berth_v1_TestHookRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_HookDecision__Output>): grpc.ClientUnaryCall;
  testHook(argument: _berth_v1_TestHookRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_HookDecision__Output>): grpc.ClientUnaryCall;
  testHook(argument: _berth_v1_TestHookRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_HookDecision__Output>): grpc.ClientUnaryCall;
  testHook(argument: _berth_v1_TestHookRequest, callback: grpc.requestCallback<_berth_v1_HookDecision__Output>): grpc.ClientUnaryCall;
  
  UndrainAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  UndrainAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  UndrainAgent(argument: _berth_v1_AgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  UndrainAgent(argument: _berth_v1_AgentRequest, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  undrainAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  undrainAgent(argument: _berth_v1_AgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  undrainAgent(argument: _berth_v1_AgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  undrainAgent(argument: _berth_v1_AgentRequest, callback: grpc.requestCallback<_berth_v1_AgentSummary__Output>): grpc.ClientUnaryCall;
  
  UnsetEnv(argument: _berth_v1_UnsetEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  UnsetEnv(argument: _berth_v1_UnsetEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  UnsetEnv(argument: _berth_v1_UnsetEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  UnsetEnv(argument: _berth_v1_UnsetEnvRequest, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  unsetEnv(argument: _berth_v1_UnsetEnvRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  unsetEnv(argument: _berth_v1_UnsetEnvRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  unsetEnv(argument: _berth_v1_UnsetEnvRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  unsetEnv(argument: _berth_v1_UnsetEnvRequest, callback: grpc.requestCallback<_berth_v1_Env__Output>): grpc.ClientUnaryCall;
  
  WatchDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_DeploymentUpdate__Output>;
  WatchDeployment(argument: _berth_v1_GetDeploymentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_DeploymentUpdate__Output>;
  watchDeployment(argument: _berth_v1_GetDeploymentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_DeploymentUpdate__Output>;
  watchDeployment(argument: _berth_v1_GetDeploymentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_DeploymentUpdate__Output>;
  
  WatchEvents(argument: _berth_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_ClusterEvent__Output>;
  WatchEvents(argument: _berth_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_ClusterEvent__Output>;
  watchEvents(argument: _berth_v1_WatchEventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_ClusterEvent__Output>;
  watchEvents(argument: _berth_v1_WatchEventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_berth_v1_ClusterEvent__Output>;
  
}

export interface AdminHandlers extends grpc.UntypedServiceImplementation {
  ApplyApp: grpc.handleUnaryCall<_berth_v1_ApplyAppRequest__Output, _berth_v1_ApplyAppResponse>;
  
  CancelDeployment: grpc.handleUnaryCall<_berth_v1_GetDeploymentRequest__Output, _berth_v1_Deployment>;
  
  CreateJoinToken: grpc.handleUnaryCall<_berth_v1_CreateJoinTokenRequest__Output, _berth_v1_JoinToken>;
  
  CreateToken: grpc.handleUnaryCall<_berth_v1_CreateTokenRequest__Output, _berth_v1_CreatedToken>;
  
  DeleteApp: grpc.handleUnaryCall<_berth_v1_DeleteAppRequest__Output, _berth_v1_DeleteAppResponse>;
  
  Deploy: grpc.handleUnaryCall<_berth_v1_DeployRequest__Output, _berth_v1_Deployment>;
  
  DrainAgent: grpc.handleUnaryCall<_berth_v1_AgentRequest__Output, _berth_v1_AgentSummary>;
  
  GetApp: grpc.handleUnaryCall<_berth_v1_GetAppRequest__Output, _berth_v1_App>;
  
  GetDeployment: grpc.handleUnaryCall<_berth_v1_GetDeploymentRequest__Output, _berth_v1_Deployment>;
  
  GetHook: grpc.handleUnaryCall<_berth_v1_HookRequest__Output, _berth_v1_Hook>;
  
  ListAgents: grpc.handleUnaryCall<_berth_v1_ListAgentsRequest__Output, _berth_v1_ListAgentsResponse>;
  
  ListApps: grpc.handleUnaryCall<_berth_v1_ListAppsRequest__Output, _berth_v1_ListAppsResponse>;
  
  ListDeployments: grpc.handleUnaryCall<_berth_v1_ListDeploymentsRequest__Output, _berth_v1_ListDeploymentsResponse>;
  
  ListEnv: grpc.handleUnaryCall<_berth_v1_ListEnvRequest__Output, _berth_v1_Env>;
  
  ListHookLog: grpc.handleUnaryCall<_berth_v1_HookRequest__Output, _berth_v1_HookLog>;
  
  ListReleases: grpc.handleUnaryCall<_berth_v1_ListReleasesRequest__Output, _berth_v1_ListReleasesResponse>;
  
  ListTokens: grpc.handleUnaryCall<_berth_v1_ListTokensRequest__Output, _berth_v1_ListTokensResponse>;
  
  RemoveAgent: grpc.handleUnaryCall<_berth_v1_AgentRequest__Output, _berth_v1_RemoveAgentResponse>;
  
  RevokeToken: grpc.handleUnaryCall<_berth_v1_RevokeTokenRequest__Output, _berth_v1_RevokeTokenResponse>;
  
  Rollback: grpc.handleUnaryCall<_berth_v1_RollbackRequest__Output, _berth_v1_Deployment>;
  
  RotateHook: grpc.handleUnaryCall<_berth_v1_HookRequest__Output, _berth_v1_Hook>;
  
  Scale: grpc.handleUnaryCall<_berth_v1_ScaleRequest__Output, _berth_v1_ScaleResponse>;
  
  SetEnv: grpc.handleUnaryCall<_berth_v1_SetEnvRequest__Output, _berth_v1_Env>;
  
  SetGithub: grpc.handleUnaryCall<_berth_v1_SetGithubRequest__Output, _berth_v1_GithubSettings>;
  
  SetHookSecret: grpc.handleUnaryCall<_berth_v1_SetHookSecretRequest__Output, _berth_v1_Hook>;
  
  SetNotifications: grpc.handleUnaryCall<_berth_v1_SetNotificationsRequest__Output, _berth_v1_Notifications>;
  
  StreamLogs: grpc.handleServerStreamingCall<_berth_v1_LogsRequest__Output, _berth_v1_LogLines>;
  
  TestHook: grpc.handleUnaryCall<_berth_v1_TestHookRequest__Output, _berth_v1_HookDecision>;
  
  UndrainAgent: grpc.handleUnaryCall<_berth_v1_AgentRequest__Output, _berth_v1_AgentSummary>;
  
  UnsetEnv: grpc.handleUnaryCall<_berth_v1_UnsetEnvRequest__Output, _berth_v1_Env>;
  
  WatchDeployment: grpc.handleServerStreamingCall<_berth_v1_GetDeploymentRequest__Output, _berth_v1_DeploymentUpdate>;
  
  WatchEvents: grpc.handleServerStreamingCall<_berth_v1_WatchEventsRequest__Output, _berth_v1_ClusterEvent>;
  
}

export interface AdminDefinition extends grpc.ServiceDefinition {
  ApplyApp: MethodDefinition<_berth_v1_ApplyAppRequest, _berth_v1_ApplyAppResponse, _berth_v1_ApplyAppRequest__Output, _berth_v1_ApplyAppResponse__Output>
  CancelDeployment: MethodDefinition<_berth_v1_GetDeploymentRequest, _berth_v1_Deployment, _berth_v1_GetDeploymentRequest__Output, _berth_v1_Deployment__Output>
  CreateJoinToken: MethodDefinition<_berth_v1_CreateJoinTokenRequest, _berth_v1_JoinToken, _berth_v1_CreateJoinTokenRequest__Output, _berth_v1_JoinToken__Output>
  CreateToken: MethodDefinition<_berth_v1_CreateTokenRequest, _berth_v1_CreatedToken, _berth_v1_CreateTokenRequest__Output, _berth_v1_CreatedToken__Output>
  DeleteApp: MethodDefinition<_berth_v1_DeleteAppRequest, _berth_v1_DeleteAppResponse, _berth_v1_DeleteAppRequest__Output, _berth_v1_DeleteAppResponse__Output>
  Deploy: MethodDefinition<_berth_v1_DeployRequest, _berth_v1_Deployment, _berth_v1_DeployRequest__Output, _berth_v1_Deployment__Output>
  DrainAgent: MethodDefinition<_berth_v1_AgentRequest, _berth_v1_AgentSummary, _berth_v1_AgentRequest__Output, _berth_v1_AgentSummary__Output>
  GetApp: MethodDefinition<_berth_v1_GetAppRequest, _berth_v1_App, _berth_v1_GetAppRequest__Output, _berth_v1_App__Output>
  GetDeployment: MethodDefinition<_berth_v1_GetDeploymentRequest, _berth_v1_Deployment, _berth_v1_GetDeploymentRequest__Output, _berth_v1_Deployment__Output>
  GetHook: MethodDefinition<_berth_v1_HookRequest, _berth_v1_Hook, _berth_v1_HookRequest__Output, _berth_v1_Hook__Output>
  ListAgents: MethodDefinition<_berth_v1_ListAgentsRequest, _berth_v1_ListAgentsResponse, _berth_v1_ListAgentsRequest__Output, _berth_v1_ListAgentsResponse__Output>
  ListApps: MethodDefinition<_berth_v1_ListAppsRequest, _berth_v1_ListAppsResponse, _berth_v1_ListAppsRequest__Output, _berth_v1_ListAppsResponse__Output>
  ListDeployments: MethodDefinition<_berth_v1_ListDeploymentsRequest, _berth_v1_ListDeploymentsResponse, _berth_v1_ListDeploymentsRequest__Output, _berth_v1_ListDeploymentsResponse__Output>
  ListEnv: MethodDefinition<_berth_v1_ListEnvRequest, _berth_v1_Env, _berth_v1_ListEnvRequest__Output, _berth_v1_Env__Output>
  ListHookLog: MethodDefinition<_berth_v1_HookRequest, _berth_v1_HookLog, _berth_v1_HookRequest__Output, _berth_v1_HookLog__Output>
  ListReleases: MethodDefinition<_berth_v1_ListReleasesRequest, _berth_v1_ListReleasesResponse, _berth_v1_ListReleasesRequest__Output, _berth_v1_ListReleasesResponse__Output>
  ListTokens: MethodDefinition<_berth_v1_ListTokensRequest, _berth_v1_ListTokensResponse, _berth_v1_ListTokensRequest__Output, _berth_v1_ListTokensResponse__Output>
  RemoveAgent: MethodDefinition<_berth_v1_AgentRequest, _berth_v1_RemoveAgentResponse, _berth_v1_AgentRequest__Output, _berth_v1_RemoveAgentResponse__Output>
  RevokeToken: MethodDefinition<_berth_v1_RevokeTokenRequest, _berth_v1_RevokeTokenResponse, _berth_v1_RevokeTokenRequest__Output, _berth_v1_RevokeTokenResponse__Output>
  Rollback: MethodDefinition<_berth_v1_RollbackRequest, _berth_v1_Deployment, _berth_v1_RollbackRequest__Output, _berth_v1_Deployment__Output>
  RotateHook: MethodDefinition<_berth_v1_HookRequest, _berth_v1_Hook, _berth_v1_HookRequest__Output, _berth_v1_Hook__Output>
  Scale: MethodDefinition<_berth_v1_ScaleRequest, _berth_v1_ScaleResponse, _berth_v1_ScaleRequest__Output, _berth_v1_ScaleResponse__Output>
  SetEnv: MethodDefinition<_berth_v1_SetEnvRequest, _berth_v1_Env, _berth_v1_SetEnvRequest__Output, _berth_v1_Env__Output>
  SetGithub: MethodDefinition<_berth_v1_SetGithubRequest, _berth_v1_GithubSettings, _berth_v1_SetGithubRequest__Output, _berth_v1_GithubSettings__Output>
  SetHookSecret: MethodDefinition<_berth_v1_SetHookSecretRequest, _berth_v1_Hook, _berth_v1_SetHookSecretRequest__Output, _berth_v1_Hook__Output>
  SetNotifications: MethodDefinition<_berth_v1_SetNotificationsRequest, _berth_v1_Notifications, _berth_v1_SetNotificationsRequest__Output, _berth_v1_Notifications__Output>
  StreamLogs: MethodDefinition<_berth_v1_LogsRequest, _berth_v1_LogLines, _berth_v1_LogsRequest__Output, _berth_v1_LogLines__Output>
  TestHook: MethodDefinition<_berth_v1_TestHookRequest, _berth_v1_HookDecision, _berth_v1_TestHookRequest__Output, _berth_v1_HookDecision__Output>
  UndrainAgent: MethodDefinition<_berth_v1_AgentRequest, _berth_v1_AgentSummary, _berth_v1_AgentRequest__Output, _berth_v1_AgentSummary__Output>
  UnsetEnv: MethodDefinition<_berth_v1_UnsetEnvRequest, _berth_v1_Env, _berth_v1_UnsetEnvRequest__Output, _berth_v1_Env__Output>
  WatchDeployment: MethodDefinition<_berth_v1_GetDeploymentRequest, _berth_v1_DeploymentUpdate, _berth_v1_GetDeploymentRequest__Output, _berth_v1_DeploymentUpdate__Output>
  WatchEvents: MethodDefinition<_berth_v1_WatchEventsRequest, _berth_v1_ClusterEvent, _berth_v1_WatchEventsRequest__Output, _berth_v1_ClusterEvent__Output>
}
