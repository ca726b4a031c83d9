import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Ack as _berth_v1_Ack, Ack__Output as _berth_v1_Ack__Output } from './berth/v1/Ack.js';
import type { AdminServiceClient as _berth_v1_AdminServiceClient, AdminServiceDefinition as _berth_v1_AdminServiceDefinition } from './berth/v1/AdminService.js';
import type { AgentServiceClient as _berth_v1_AgentServiceClient, AgentServiceDefinition as _berth_v1_AgentServiceDefinition } from './berth/v1/AgentService.js';
import type { AgentSummary as _berth_v1_AgentSummary, AgentSummary__Output as _berth_v1_AgentSummary__Output } from './berth/v1/AgentSummary.js';
import type { App as _berth_v1_App, App__Output as _berth_v1_App__Output } from './berth/v1/App.js';
import type { AppSummary as _berth_v1_AppSummary, AppSummary__Output as _berth_v1_AppSummary__Output } from './berth/v1/AppSummary.js';
import type { ApplyAppRequest as _berth_v1_ApplyAppRequest, ApplyAppRequest__Output as _berth_v1_ApplyAppRequest__Output } from './berth/v1/ApplyAppRequest.js';
import type { ApplyAppResponse as _berth_v1_ApplyAppResponse, ApplyAppResponse__Output as _berth_v1_ApplyAppResponse__Output } from './berth/v1/ApplyAppResponse.js';
import type { AttachRunRequest as _berth_v1_AttachRunRequest, AttachRunRequest__Output as _berth_v1_AttachRunRequest__Output } from './berth/v1/AttachRunRequest.js';
import type { AttachRunResponse as _berth_v1_AttachRunResponse, AttachRunResponse__Output as _berth_v1_AttachRunResponse__Output } from './berth/v1/AttachRunResponse.js';
import type { CancelDeploymentRequest as _berth_v1_CancelDeploymentRequest, CancelDeploymentRequest__Output as _berth_v1_CancelDeploymentRequest__Output } from './berth/v1/CancelDeploymentRequest.js';
import type { CancelDeploymentResponse as _berth_v1_CancelDeploymentResponse, CancelDeploymentResponse__Output as _berth_v1_CancelDeploymentResponse__Output } from './berth/v1/CancelDeploymentResponse.js';
import type { ClusterEvent as _berth_v1_ClusterEvent, ClusterEvent__Output as _berth_v1_ClusterEvent__Output } from './berth/v1/ClusterEvent.js';
import type { ConnectRequest as _berth_v1_ConnectRequest, ConnectRequest__Output as _berth_v1_ConnectRequest__Output } from './berth/v1/ConnectRequest.js';
import type { ConnectResponse as _berth_v1_ConnectResponse, ConnectResponse__Output as _berth_v1_ConnectResponse__Output } from './berth/v1/ConnectResponse.js';
import type { CreateJoinTokenRequest as _berth_v1_CreateJoinTokenRequest, CreateJoinTokenRequest__Output as _berth_v1_CreateJoinTokenRequest__Output } from './berth/v1/CreateJoinTokenRequest.js';
import type { CreateJoinTokenResponse as _berth_v1_CreateJoinTokenResponse, CreateJoinTokenResponse__Output as _berth_v1_CreateJoinTokenResponse__Output } from './berth/v1/CreateJoinTokenResponse.js';
import type { CreateTokenRequest as _berth_v1_CreateTokenRequest, CreateTokenRequest__Output as _berth_v1_CreateTokenRequest__Output } from './berth/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _berth_v1_CreateTokenResponse, CreateTokenResponse__Output as _berth_v1_CreateTokenResponse__Output } from './berth/v1/CreateTokenResponse.js';
import type { DeleteAppRequest as _berth_v1_DeleteAppRequest, DeleteAppRequest__Output as _berth_v1_DeleteAppRequest__Output } from './berth/v1/DeleteAppRequest.js';
import type { DeleteAppResponse as _berth_v1_DeleteAppResponse, DeleteAppResponse__Output as _berth_v1_DeleteAppResponse__Output } from './berth/v1/DeleteAppResponse.js';
import type { DeployRequest as _berth_v1_DeployRequest, DeployRequest__Output as _berth_v1_DeployRequest__Output } from './berth/v1/DeployRequest.js';
import type { DeployResponse as _berth_v1_DeployResponse, DeployResponse__Output as _berth_v1_DeployResponse__Output } from './berth/v1/DeployResponse.js';
import type { Deployment as _berth_v1_Deployment, Deployment__Output as _berth_v1_Deployment__Output } from './berth/v1/Deployment.js';
import type { DeploymentFailure as _berth_v1_DeploymentFailure, DeploymentFailure__Output as _berth_v1_DeploymentFailure__Output } from './berth/v1/DeploymentFailure.js';
import type { DrainAgentRequest as _berth_v1_DrainAgentRequest, DrainAgentRequest__Output as _berth_v1_DrainAgentRequest__Output } from './berth/v1/DrainAgentRequest.js';
import type { DrainAgentResponse as _berth_v1_DrainAgentResponse, DrainAgentResponse__Output as _berth_v1_DrainAgentResponse__Output } from './berth/v1/DrainAgentResponse.js';
import type { Env as _berth_v1_Env, Env__Output as _berth_v1_Env__Output } from './berth/v1/Env.js';
import type { GetAppRequest as _berth_v1_GetAppRequest, GetAppRequest__Output as _berth_v1_GetAppRequest__Output } from './berth/v1/GetAppRequest.js';
import type { GetAppResponse as _berth_v1_GetAppResponse, GetAppResponse__Output as _berth_v1_GetAppResponse__Output } from './berth/v1/GetAppResponse.js';
import type { GetDeploymentRequest as _berth_v1_GetDeploymentRequest, GetDeploymentRequest__Output as _berth_v1_GetDeploymentRequest__Output } from './berth/v1/GetDeploymentRequest.js';
import type { GetDeploymentResponse as _berth_v1_GetDeploymentResponse, GetDeploymentResponse__Output as _berth_v1_GetDeploymentResponse__Output } from './berth/v1/GetDeploymentResponse.js';
import type { GetHookRequest as _berth_v1_GetHookRequest, GetHookRequest__Output as _berth_v1_GetHookRequest__Output } from './berth/v1/GetHookRequest.js';
import type { GetHookResponse as _berth_v1_GetHookResponse, GetHookResponse__Output as _berth_v1_GetHookResponse__Output } from './berth/v1/GetHookResponse.js';
import type { GetRunRequest as _berth_v1_GetRunRequest, GetRunRequest__Output as _berth_v1_GetRunRequest__Output } from './berth/v1/GetRunRequest.js';
import type { GetRunResponse as _berth_v1_GetRunResponse, GetRunResponse__Output as _berth_v1_GetRunResponse__Output } from './berth/v1/GetRunResponse.js';
import type { Goodbye as _berth_v1_Goodbye, Goodbye__Output as _berth_v1_Goodbye__Output } from './berth/v1/Goodbye.js';
import type { Heartbeat as _berth_v1_Heartbeat, Heartbeat__Output as _berth_v1_Heartbeat__Output } from './berth/v1/Heartbeat.js';
import type { Hello as _berth_v1_Hello, Hello__Output as _berth_v1_Hello__Output } from './berth/v1/Hello.js';
import type { Hook as _berth_v1_Hook, Hook__Output as _berth_v1_Hook__Output } from './berth/v1/Hook.js';
import type { HookLogEntry as _berth_v1_HookLogEntry, HookLogEntry__Output as _berth_v1_HookLogEntry__Output } from './berth/v1/HookLogEntry.js';
import type { Instance as _berth_v1_Instance, Instance__Output as _berth_v1_Instance__Output } from './berth/v1/Instance.js';
import type { InstanceEvent as _berth_v1_InstanceEvent, InstanceEvent__Output as _berth_v1_InstanceEvent__Output } from './berth/v1/InstanceEvent.js';
import type { JoinRequest as _berth_v1_JoinRequest, JoinRequest__Output as _berth_v1_JoinRequest__Output } from './berth/v1/JoinRequest.js';
import type { JoinResponse as _berth_v1_JoinResponse, JoinResponse__Output as _berth_v1_JoinResponse__Output } from './berth/v1/JoinResponse.js';
import type { ListAgentsRequest as _berth_v1_ListAgentsRequest, ListAgentsRequest__Output as _berth_v1_ListAgentsRequest__Output } from './berth/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _berth_v1_ListAgentsResponse, ListAgentsResponse__Output as _berth_v1_ListAgentsResponse__Output } from './berth/v1/ListAgentsResponse.js';
import type { ListAppsRequest as _berth_v1_ListAppsRequest, ListAppsRequest__Output as _berth_v1_ListAppsRequest__Output } from './berth/v1/ListAppsRequest.js';
import type { ListAppsResponse as _berth_v1_ListAppsResponse, ListAppsResponse__Output as _berth_v1_ListAppsResponse__Output } from './berth/v1/ListAppsResponse.js';
import type { ListDeploymentsRequest as _berth_v1_ListDeploymentsRequest, ListDeploymentsRequest__Output as _berth_v1_ListDeploymentsRequest__Output } from './berth/v1/ListDeploymentsRequest.js';
import type { ListDeploymentsResponse as _berth_v1_ListDeploymentsResponse, ListDeploymentsResponse__Output as _berth_v1_ListDeploymentsResponse__Output } from './berth/v1/ListDeploymentsResponse.js';
import type { ListEnvRequest as _berth_v1_ListEnvRequest, ListEnvRequest__Output as _berth_v1_ListEnvRequest__Output } from './berth/v1/ListEnvRequest.js';
import type { ListEnvResponse as _berth_v1_ListEnvResponse, ListEnvResponse__Output as _berth_v1_ListEnvResponse__Output } from './berth/v1/ListEnvResponse.js';
import type { ListHookLogRequest as _berth_v1_ListHookLogRequest, ListHookLogRequest__Output as _berth_v1_ListHookLogRequest__Output } from './berth/v1/ListHookLogRequest.js';
import type { ListHookLogResponse as _berth_v1_ListHookLogResponse, ListHookLogResponse__Output as _berth_v1_ListHookLogResponse__Output } from './berth/v1/ListHookLogResponse.js';
import type { ListReleasesRequest as _berth_v1_ListReleasesRequest, ListReleasesRequest__Output as _berth_v1_ListReleasesRequest__Output } from './berth/v1/ListReleasesRequest.js';
import type { ListReleasesResponse as _berth_v1_ListReleasesResponse, ListReleasesResponse__Output as _berth_v1_ListReleasesResponse__Output } from './berth/v1/ListReleasesResponse.js';
import type { ListRunsRequest as _berth_v1_ListRunsRequest, ListRunsRequest__Output as _berth_v1_ListRunsRequest__Output } from './berth/v1/ListRunsRequest.js';
import type { ListRunsResponse as _berth_v1_ListRunsResponse, ListRunsResponse__Output as _berth_v1_ListRunsResponse__Output } from './berth/v1/ListRunsResponse.js';
import type { ListTokensRequest as _berth_v1_ListTokensRequest, ListTokensRequest__Output as _berth_v1_ListTokensRequest__Output } from './berth/v1/ListTokensRequest.js';
import type { ListTokensResponse as _berth_v1_ListTokensResponse, ListTokensResponse__Output as _berth_v1_ListTokensResponse__Output } from './berth/v1/ListTokensResponse.js';
import type { LogLine as _berth_v1_LogLine, LogLine__Output as _berth_v1_LogLine__Output } from './berth/v1/LogLine.js';
import type { NatsCredentials as _berth_v1_NatsCredentials, NatsCredentials__Output as _berth_v1_NatsCredentials__Output } from './berth/v1/NatsCredentials.js';
import type { OutputLines as _berth_v1_OutputLines, OutputLines__Output as _berth_v1_OutputLines__Output } from './berth/v1/OutputLines.js';
import type { PreparedImage as _berth_v1_PreparedImage, PreparedImage__Output as _berth_v1_PreparedImage__Output } from './berth/v1/PreparedImage.js';
import type { Release as _berth_v1_Release, Release__Output as _berth_v1_Release__Output } from './berth/v1/Release.js';
import type { ReleaseService as _berth_v1_ReleaseService, ReleaseService__Output as _berth_v1_ReleaseService__Output } from './berth/v1/ReleaseService.js';
import type { RemoveAgentRequest as _berth_v1_RemoveAgentRequest, RemoveAgentRequest__Output as _berth_v1_RemoveAgentRequest__Output } from './berth/v1/RemoveAgentRequest.js';
import type { RemoveAgentResponse as _berth_v1_RemoveAgentResponse, RemoveAgentResponse__Output as _berth_v1_RemoveAgentResponse__Output } from './berth/v1/RemoveAgentResponse.js';
import type { Report as _berth_v1_Report, Report__Output as _berth_v1_Report__Output } from './berth/v1/Report.js';
import type { RevokeTokenRequest as _berth_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _berth_v1_RevokeTokenRequest__Output } from './berth/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _berth_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _berth_v1_RevokeTokenResponse__Output } from './berth/v1/RevokeTokenResponse.js';
import type { RollbackRequest as _berth_v1_RollbackRequest, RollbackRequest__Output as _berth_v1_RollbackRequest__Output } from './berth/v1/RollbackRequest.js';
import type { RollbackResponse as _berth_v1_RollbackResponse, RollbackResponse__Output as _berth_v1_RollbackResponse__Output } from './berth/v1/RollbackResponse.js';
import type { RotateHookRequest as _berth_v1_RotateHookRequest, RotateHookRequest__Output as _berth_v1_RotateHookRequest__Output } from './berth/v1/RotateHookRequest.js';
import type { RotateHookResponse as _berth_v1_RotateHookResponse, RotateHookResponse__Output as _berth_v1_RotateHookResponse__Output } from './berth/v1/RotateHookResponse.js';
import type { RoutingConfirmation as _berth_v1_RoutingConfirmation, RoutingConfirmation__Output as _berth_v1_RoutingConfirmation__Output } from './berth/v1/RoutingConfirmation.js';
import type { Run as _berth_v1_Run, Run__Output as _berth_v1_Run__Output } from './berth/v1/Run.js';
import type { RunOutputLine as _berth_v1_RunOutputLine, RunOutputLine__Output as _berth_v1_RunOutputLine__Output } from './berth/v1/RunOutputLine.js';
import type { ScaleRequest as _berth_v1_ScaleRequest, ScaleRequest__Output as _berth_v1_ScaleRequest__Output } from './berth/v1/ScaleRequest.js';
import type { ScaleResponse as _berth_v1_ScaleResponse, ScaleResponse__Output as _berth_v1_ScaleResponse__Output } from './berth/v1/ScaleResponse.js';
import type { SetEnvRequest as _berth_v1_SetEnvRequest, SetEnvRequest__Output as _berth_v1_SetEnvRequest__Output } from './berth/v1/SetEnvRequest.js';
import type { SetEnvResponse as _berth_v1_SetEnvResponse, SetEnvResponse__Output as _berth_v1_SetEnvResponse__Output } from './berth/v1/SetEnvResponse.js';
import type { SetGithubRequest as _berth_v1_SetGithubRequest, SetGithubRequest__Output as _berth_v1_SetGithubRequest__Output } from './berth/v1/SetGithubRequest.js';
import type { SetGithubResponse as _berth_v1_SetGithubResponse, SetGithubResponse__Output as _berth_v1_SetGithubResponse__Output } from './berth/v1/SetGithubResponse.js';
import type { SetHookSecretRequest as _berth_v1_SetHookSecretRequest, SetHookSecretRequest__Output as _berth_v1_SetHookSecretRequest__Output } from './berth/v1/SetHookSecretRequest.js';
import type { SetHookSecretResponse as _berth_v1_SetHookSecretResponse, SetHookSecretResponse__Output as _berth_v1_SetHookSecretResponse__Output } from './berth/v1/SetHookSecretResponse.js';
import type { SetNotificationsRequest as _berth_v1_SetNotificationsRequest, SetNotificationsRequest__Output as _berth_v1_SetNotificationsRequest__Output } from './berth/v1/SetNotificationsRequest.js';
import type { SetNotificationsResponse as _berth_v1_SetNotificationsResponse, SetNotificationsResponse__Output as _berth_v1_SetNotificationsResponse__Output } from './berth/v1/SetNotificationsResponse.js';
import type { StartRunRequest as _berth_v1_StartRunRequest, StartRunRequest__Output as _berth_v1_StartRunRequest__Output } from './berth/v1/StartRunRequest.js';
import type { StartRunResponse as _berth_v1_StartRunResponse, StartRunResponse__Output as _berth_v1_StartRunResponse__Output } from './berth/v1/StartRunResponse.js';
import type { StopRunRequest as _berth_v1_StopRunRequest, StopRunRequest__Output as _berth_v1_StopRunRequest__Output } from './berth/v1/StopRunRequest.js';
import type { StopRunResponse as _berth_v1_StopRunResponse, StopRunResponse__Output as _berth_v1_StopRunResponse__Output } from './berth/v1/StopRunResponse.js';
import type { StreamLogsRequest as _berth_v1_StreamLogsRequest, StreamLogsRequest__Output as _berth_v1_StreamLogsRequest__Output } from './berth/v1/StreamLogsRequest.js';
import type { StreamLogsResponse as _berth_v1_StreamLogsResponse, StreamLogsResponse__Output as _berth_v1_StreamLogsResponse__Output } from './berth/v1/StreamLogsResponse.js';
import type { TaskResult as _berth_v1_TaskResult, TaskResult__Output as _berth_v1_TaskResult__Output } from './berth/v1/TaskResult.js';
import type { TestHookRequest as _berth_v1_TestHookRequest, TestHookRequest__Output as _berth_v1_TestHookRequest__Output } from './berth/v1/TestHookRequest.js';
import type { TestHookResponse as _berth_v1_TestHookResponse, TestHookResponse__Output as _berth_v1_TestHookResponse__Output } from './berth/v1/TestHookResponse.js';
import type { TokenInfo as _berth_v1_TokenInfo, TokenInfo__Output as _berth_v1_TokenInfo__Output } from './berth/v1/TokenInfo.js';
import type { TraefikConfirmation as _berth_v1_TraefikConfirmation, TraefikConfirmation__Output as _berth_v1_TraefikConfirmation__Output } from './berth/v1/TraefikConfirmation.js';
import type { Transition as _berth_v1_Transition, Transition__Output as _berth_v1_Transition__Output } from './berth/v1/Transition.js';
import type { TtyInput as _berth_v1_TtyInput, TtyInput__Output as _berth_v1_TtyInput__Output } from './berth/v1/TtyInput.js';
import type { TtyOutput as _berth_v1_TtyOutput, TtyOutput__Output as _berth_v1_TtyOutput__Output } from './berth/v1/TtyOutput.js';
import type { UndrainAgentRequest as _berth_v1_UndrainAgentRequest, UndrainAgentRequest__Output as _berth_v1_UndrainAgentRequest__Output } from './berth/v1/UndrainAgentRequest.js';
import type { UndrainAgentResponse as _berth_v1_UndrainAgentResponse, UndrainAgentResponse__Output as _berth_v1_UndrainAgentResponse__Output } from './berth/v1/UndrainAgentResponse.js';
import type { UnsetEnvRequest as _berth_v1_UnsetEnvRequest, UnsetEnvRequest__Output as _berth_v1_UnsetEnvRequest__Output } from './berth/v1/UnsetEnvRequest.js';
import type { UnsetEnvResponse as _berth_v1_UnsetEnvResponse, UnsetEnvResponse__Output as _berth_v1_UnsetEnvResponse__Output } from './berth/v1/UnsetEnvResponse.js';
import type { WatchDeploymentRequest as _berth_v1_WatchDeploymentRequest, WatchDeploymentRequest__Output as _berth_v1_WatchDeploymentRequest__Output } from './berth/v1/WatchDeploymentRequest.js';
import type { WatchDeploymentResponse as _berth_v1_WatchDeploymentResponse, WatchDeploymentResponse__Output as _berth_v1_WatchDeploymentResponse__Output } from './berth/v1/WatchDeploymentResponse.js';
import type { WatchEventsRequest as _berth_v1_WatchEventsRequest, WatchEventsRequest__Output as _berth_v1_WatchEventsRequest__Output } from './berth/v1/WatchEventsRequest.js';
import type { WatchEventsResponse as _berth_v1_WatchEventsResponse, WatchEventsResponse__Output as _berth_v1_WatchEventsResponse__Output } from './berth/v1/WatchEventsResponse.js';
import type { WatchRunRequest as _berth_v1_WatchRunRequest, WatchRunRequest__Output as _berth_v1_WatchRunRequest__Output } from './berth/v1/WatchRunRequest.js';
import type { WatchRunResponse as _berth_v1_WatchRunResponse, WatchRunResponse__Output as _berth_v1_WatchRunResponse__Output } from './berth/v1/WatchRunResponse.js';
import type { Welcome as _berth_v1_Welcome, Welcome__Output as _berth_v1_Welcome__Output } from './berth/v1/Welcome.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      Ack: MessageTypeDefinition<_berth_v1_Ack, _berth_v1_Ack__Output>
      AdminService: SubtypeConstructor<typeof grpc.Client, _berth_v1_AdminServiceClient> & { service: _berth_v1_AdminServiceDefinition }
      AgentService: SubtypeConstructor<typeof grpc.Client, _berth_v1_AgentServiceClient> & { service: _berth_v1_AgentServiceDefinition }
      AgentSummary: MessageTypeDefinition<_berth_v1_AgentSummary, _berth_v1_AgentSummary__Output>
      App: MessageTypeDefinition<_berth_v1_App, _berth_v1_App__Output>
      AppSummary: MessageTypeDefinition<_berth_v1_AppSummary, _berth_v1_AppSummary__Output>
      ApplyAppRequest: MessageTypeDefinition<_berth_v1_ApplyAppRequest, _berth_v1_ApplyAppRequest__Output>
      ApplyAppResponse: MessageTypeDefinition<_berth_v1_ApplyAppResponse, _berth_v1_ApplyAppResponse__Output>
      AttachRunRequest: MessageTypeDefinition<_berth_v1_AttachRunRequest, _berth_v1_AttachRunRequest__Output>
      AttachRunResponse: MessageTypeDefinition<_berth_v1_AttachRunResponse, _berth_v1_AttachRunResponse__Output>
      CancelDeploymentRequest: MessageTypeDefinition<_berth_v1_CancelDeploymentRequest, _berth_v1_CancelDeploymentRequest__Output>
      CancelDeploymentResponse: MessageTypeDefinition<_berth_v1_CancelDeploymentResponse, _berth_v1_CancelDeploymentResponse__Output>
      ClusterEvent: MessageTypeDefinition<_berth_v1_ClusterEvent, _berth_v1_ClusterEvent__Output>
      ConnectRequest: MessageTypeDefinition<_berth_v1_ConnectRequest, _berth_v1_ConnectRequest__Output>
      ConnectResponse: MessageTypeDefinition<_berth_v1_ConnectResponse, _berth_v1_ConnectResponse__Output>
      CreateJoinTokenRequest: MessageTypeDefinition<_berth_v1_CreateJoinTokenRequest, _berth_v1_CreateJoinTokenRequest__Output>
      CreateJoinTokenResponse: MessageTypeDefinition<_berth_v1_CreateJoinTokenResponse, _berth_v1_CreateJoinTokenResponse__Output>
      CreateTokenRequest: MessageTypeDefinition<_berth_v1_CreateTokenRequest, _berth_v1_CreateTokenRequest__Output>
      CreateTokenResponse: MessageTypeDefinition<_berth_v1_CreateTokenResponse, _berth_v1_CreateTokenResponse__Output>
      DeleteAppRequest: MessageTypeDefinition<_berth_v1_DeleteAppRequest, _berth_v1_DeleteAppRequest__Output>
      DeleteAppResponse: MessageTypeDefinition<_berth_v1_DeleteAppResponse, _berth_v1_DeleteAppResponse__Output>
      DeployRequest: MessageTypeDefinition<_berth_v1_DeployRequest, _berth_v1_DeployRequest__Output>
      DeployResponse: MessageTypeDefinition<_berth_v1_DeployResponse, _berth_v1_DeployResponse__Output>
      Deployment: MessageTypeDefinition<_berth_v1_Deployment, _berth_v1_Deployment__Output>
      DeploymentFailure: MessageTypeDefinition<_berth_v1_DeploymentFailure, _berth_v1_DeploymentFailure__Output>
      DrainAgentRequest: MessageTypeDefinition<_berth_v1_DrainAgentRequest, _berth_v1_DrainAgentRequest__Output>
      DrainAgentResponse: MessageTypeDefinition<_berth_v1_DrainAgentResponse, _berth_v1_DrainAgentResponse__Output>
      Env: MessageTypeDefinition<_berth_v1_Env, _berth_v1_Env__Output>
      GetAppRequest: MessageTypeDefinition<_berth_v1_GetAppRequest, _berth_v1_GetAppRequest__Output>
      GetAppResponse: MessageTypeDefinition<_berth_v1_GetAppResponse, _berth_v1_GetAppResponse__Output>
      GetDeploymentRequest: MessageTypeDefinition<_berth_v1_GetDeploymentRequest, _berth_v1_GetDeploymentRequest__Output>
      GetDeploymentResponse: MessageTypeDefinition<_berth_v1_GetDeploymentResponse, _berth_v1_GetDeploymentResponse__Output>
      GetHookRequest: MessageTypeDefinition<_berth_v1_GetHookRequest, _berth_v1_GetHookRequest__Output>
      GetHookResponse: MessageTypeDefinition<_berth_v1_GetHookResponse, _berth_v1_GetHookResponse__Output>
      GetRunRequest: MessageTypeDefinition<_berth_v1_GetRunRequest, _berth_v1_GetRunRequest__Output>
      GetRunResponse: MessageTypeDefinition<_berth_v1_GetRunResponse, _berth_v1_GetRunResponse__Output>
      Goodbye: MessageTypeDefinition<_berth_v1_Goodbye, _berth_v1_Goodbye__Output>
      Heartbeat: MessageTypeDefinition<_berth_v1_Heartbeat, _berth_v1_Heartbeat__Output>
      Hello: MessageTypeDefinition<_berth_v1_Hello, _berth_v1_Hello__Output>
      Hook: MessageTypeDefinition<_berth_v1_Hook, _berth_v1_Hook__Output>
      HookLogEntry: MessageTypeDefinition<_berth_v1_HookLogEntry, _berth_v1_HookLogEntry__Output>
      Instance: MessageTypeDefinition<_berth_v1_Instance, _berth_v1_Instance__Output>
      InstanceEvent: MessageTypeDefinition<_berth_v1_InstanceEvent, _berth_v1_InstanceEvent__Output>
      JoinRequest: MessageTypeDefinition<_berth_v1_JoinRequest, _berth_v1_JoinRequest__Output>
      JoinResponse: MessageTypeDefinition<_berth_v1_JoinResponse, _berth_v1_JoinResponse__Output>
      ListAgentsRequest: MessageTypeDefinition<_berth_v1_ListAgentsRequest, _berth_v1_ListAgentsRequest__Output>
      ListAgentsResponse: MessageTypeDefinition<_berth_v1_ListAgentsResponse, _berth_v1_ListAgentsResponse__Output>
      ListAppsRequest: MessageTypeDefinition<_berth_v1_ListAppsRequest, _berth_v1_ListAppsRequest__Output>
      ListAppsResponse: MessageTypeDefinition<_berth_v1_ListAppsResponse, _berth_v1_ListAppsResponse__Output>
      ListDeploymentsRequest: MessageTypeDefinition<_berth_v1_ListDeploymentsRequest, _berth_v1_ListDeploymentsRequest__Output>
      ListDeploymentsResponse: MessageTypeDefinition<_berth_v1_ListDeploymentsResponse, _berth_v1_ListDeploymentsResponse__Output>
      ListEnvRequest: MessageTypeDefinition<_berth_v1_ListEnvRequest, _berth_v1_ListEnvRequest__Output>
      ListEnvResponse: MessageTypeDefinition<_berth_v1_ListEnvResponse, _berth_v1_ListEnvResponse__Output>
      ListHookLogRequest: MessageTypeDefinition<_berth_v1_ListHookLogRequest, _berth_v1_ListHookLogRequest__Output>
      ListHookLogResponse: MessageTypeDefinition<_berth_v1_ListHookLogResponse, _berth_v1_ListHookLogResponse__Output>
      ListReleasesRequest: MessageTypeDefinition<_berth_v1_ListReleasesRequest, _berth_v1_ListReleasesRequest__Output>
      ListReleasesResponse: MessageTypeDefinition<_berth_v1_ListReleasesResponse, _berth_v1_ListReleasesResponse__Output>
      ListRunsRequest: MessageTypeDefinition<_berth_v1_ListRunsRequest, _berth_v1_ListRunsRequest__Output>
      ListRunsResponse: MessageTypeDefinition<_berth_v1_ListRunsResponse, _berth_v1_ListRunsResponse__Output>
      ListTokensRequest: MessageTypeDefinition<_berth_v1_ListTokensRequest, _berth_v1_ListTokensRequest__Output>
      ListTokensResponse: MessageTypeDefinition<_berth_v1_ListTokensResponse, _berth_v1_ListTokensResponse__Output>
      LogLine: MessageTypeDefinition<_berth_v1_LogLine, _berth_v1_LogLine__Output>
      NatsCredentials: MessageTypeDefinition<_berth_v1_NatsCredentials, _berth_v1_NatsCredentials__Output>
      OutputLines: MessageTypeDefinition<_berth_v1_OutputLines, _berth_v1_OutputLines__Output>
      PreparedImage: MessageTypeDefinition<_berth_v1_PreparedImage, _berth_v1_PreparedImage__Output>
      Release: MessageTypeDefinition<_berth_v1_Release, _berth_v1_Release__Output>
      ReleaseService: MessageTypeDefinition<_berth_v1_ReleaseService, _berth_v1_ReleaseService__Output>
      RemoveAgentRequest: MessageTypeDefinition<_berth_v1_RemoveAgentRequest, _berth_v1_RemoveAgentRequest__Output>
      RemoveAgentResponse: MessageTypeDefinition<_berth_v1_RemoveAgentResponse, _berth_v1_RemoveAgentResponse__Output>
      Report: MessageTypeDefinition<_berth_v1_Report, _berth_v1_Report__Output>
      RevokeTokenRequest: MessageTypeDefinition<_berth_v1_RevokeTokenRequest, _berth_v1_RevokeTokenRequest__Output>
      RevokeTokenResponse: MessageTypeDefinition<_berth_v1_RevokeTokenResponse, _berth_v1_RevokeTokenResponse__Output>
      RollbackRequest: MessageTypeDefinition<_berth_v1_RollbackRequest, _berth_v1_RollbackRequest__Output>
      RollbackResponse: MessageTypeDefinition<_berth_v1_RollbackResponse, _berth_v1_RollbackResponse__Output>
      RotateHookRequest: MessageTypeDefinition<_berth_v1_RotateHookRequest, _berth_v1_RotateHookRequest__Output>
      RotateHookResponse: MessageTypeDefinition<_berth_v1_RotateHookResponse, _berth_v1_RotateHookResponse__Output>
      RoutingConfirmation: MessageTypeDefinition<_berth_v1_RoutingConfirmation, _berth_v1_RoutingConfirmation__Output>
      Run: MessageTypeDefinition<_berth_v1_Run, _berth_v1_Run__Output>
      RunOutputLine: MessageTypeDefinition<_berth_v1_RunOutputLine, _berth_v1_RunOutputLine__Output>
      ScaleRequest: MessageTypeDefinition<_berth_v1_ScaleRequest, _berth_v1_ScaleRequest__Output>
      ScaleResponse: MessageTypeDefinition<_berth_v1_ScaleResponse, _berth_v1_ScaleResponse__Output>
      SetEnvRequest: MessageTypeDefinition<_berth_v1_SetEnvRequest, _berth_v1_SetEnvRequest__Output>
      SetEnvResponse: MessageTypeDefinition<_berth_v1_SetEnvResponse, _berth_v1_SetEnvResponse__Output>
      SetGithubRequest: MessageTypeDefinition<_berth_v1_SetGithubRequest, _berth_v1_SetGithubRequest__Output>
      SetGithubResponse: MessageTypeDefinition<_berth_v1_SetGithubResponse, _berth_v1_SetGithubResponse__Output>
      SetHookSecretRequest: MessageTypeDefinition<_berth_v1_SetHookSecretRequest, _berth_v1_SetHookSecretRequest__Output>
      SetHookSecretResponse: MessageTypeDefinition<_berth_v1_SetHookSecretResponse, _berth_v1_SetHookSecretResponse__Output>
      SetNotificationsRequest: MessageTypeDefinition<_berth_v1_SetNotificationsRequest, _berth_v1_SetNotificationsRequest__Output>
      SetNotificationsResponse: MessageTypeDefinition<_berth_v1_SetNotificationsResponse, _berth_v1_SetNotificationsResponse__Output>
      StartRunRequest: MessageTypeDefinition<_berth_v1_StartRunRequest, _berth_v1_StartRunRequest__Output>
      StartRunResponse: MessageTypeDefinition<_berth_v1_StartRunResponse, _berth_v1_StartRunResponse__Output>
      StopRunRequest: MessageTypeDefinition<_berth_v1_StopRunRequest, _berth_v1_StopRunRequest__Output>
      StopRunResponse: MessageTypeDefinition<_berth_v1_StopRunResponse, _berth_v1_StopRunResponse__Output>
      StreamLogsRequest: MessageTypeDefinition<_berth_v1_StreamLogsRequest, _berth_v1_StreamLogsRequest__Output>
      StreamLogsResponse: MessageTypeDefinition<_berth_v1_StreamLogsResponse, _berth_v1_StreamLogsResponse__Output>
      TaskResult: MessageTypeDefinition<_berth_v1_TaskResult, _berth_v1_TaskResult__Output>
      TestHookRequest: MessageTypeDefinition<_berth_v1_TestHookRequest, _berth_v1_TestHookRequest__Output>
      TestHookResponse: MessageTypeDefinition<_berth_v1_TestHookResponse, _berth_v1_TestHookResponse__Output>
      TokenInfo: MessageTypeDefinition<_berth_v1_TokenInfo, _berth_v1_TokenInfo__Output>
      TraefikConfirmation: MessageTypeDefinition<_berth_v1_TraefikConfirmation, _berth_v1_TraefikConfirmation__Output>
      Transition: MessageTypeDefinition<_berth_v1_Transition, _berth_v1_Transition__Output>
      TtyInput: MessageTypeDefinition<_berth_v1_TtyInput, _berth_v1_TtyInput__Output>
      TtyOutput: MessageTypeDefinition<_berth_v1_TtyOutput, _berth_v1_TtyOutput__Output>
      UndrainAgentRequest: MessageTypeDefinition<_berth_v1_UndrainAgentRequest, _berth_v1_UndrainAgentRequest__Output>
      UndrainAgentResponse: MessageTypeDefinition<_berth_v1_UndrainAgentResponse, _berth_v1_UndrainAgentResponse__Output>
      UnsetEnvRequest: MessageTypeDefinition<_berth_v1_UnsetEnvRequest, _berth_v1_UnsetEnvRequest__Output>
      UnsetEnvResponse: MessageTypeDefinition<_berth_v1_UnsetEnvResponse, _berth_v1_UnsetEnvResponse__Output>
      WatchDeploymentRequest: MessageTypeDefinition<_berth_v1_WatchDeploymentRequest, _berth_v1_WatchDeploymentRequest__Output>
      WatchDeploymentResponse: MessageTypeDefinition<_berth_v1_WatchDeploymentResponse, _berth_v1_WatchDeploymentResponse__Output>
      WatchEventsRequest: MessageTypeDefinition<_berth_v1_WatchEventsRequest, _berth_v1_WatchEventsRequest__Output>
      WatchEventsResponse: MessageTypeDefinition<_berth_v1_WatchEventsResponse, _berth_v1_WatchEventsResponse__Output>
      WatchRunRequest: MessageTypeDefinition<_berth_v1_WatchRunRequest, _berth_v1_WatchRunRequest__Output>
      WatchRunResponse: MessageTypeDefinition<_berth_v1_WatchRunResponse, _berth_v1_WatchRunResponse__Output>
      Welcome: MessageTypeDefinition<_berth_v1_Welcome, _berth_v1_Welcome__Output>
    }
  }
}

