import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Ack as _berth_v1_Ack, Ack__Output as _berth_v1_Ack__Output } from './berth/v1/Ack.js';
import type { AdminClient as _berth_v1_AdminClient, AdminDefinition as _berth_v1_AdminDefinition } from './berth/v1/Admin.js';
import type { AgentMessage as _berth_v1_AgentMessage, AgentMessage__Output as _berth_v1_AgentMessage__Output } from './berth/v1/AgentMessage.js';
import type { AgentReportsClient as _berth_v1_AgentReportsClient, AgentReportsDefinition as _berth_v1_AgentReportsDefinition } from './berth/v1/AgentReports.js';
import type { AgentRequest as _berth_v1_AgentRequest, AgentRequest__Output as _berth_v1_AgentRequest__Output } from './berth/v1/AgentRequest.js';
import type { AgentSummary as _berth_v1_AgentSummary, AgentSummary__Output as _berth_v1_AgentSummary__Output } from './berth/v1/AgentSummary.js';
import type { App as _berth_v1_App, App__Output as _berth_v1_App__Output } from './berth/v1/App.js';
import type { AppSummary as _berth_v1_AppSummary, AppSummary__Output as _berth_v1_AppSummary__Output } from './berth/v1/AppSummary.js';
import type { ApplyAppRequest as _berth_v1_ApplyAppRequest, ApplyAppRequest__Output as _berth_v1_ApplyAppRequest__Output } from './berth/v1/ApplyAppRequest.js';
import type { ApplyAppResponse as _berth_v1_ApplyAppResponse, ApplyAppResponse__Output as _berth_v1_ApplyAppResponse__Output } from './berth/v1/ApplyAppResponse.js';
import type { ClusterEvent as _berth_v1_ClusterEvent, ClusterEvent__Output as _berth_v1_ClusterEvent__Output } from './berth/v1/ClusterEvent.js';
import type { ControllerMessage as _berth_v1_ControllerMessage, ControllerMessage__Output as _berth_v1_ControllerMessage__Output } from './berth/v1/ControllerMessage.js';
import type { CreateJoinTokenRequest as _berth_v1_CreateJoinTokenRequest, CreateJoinTokenRequest__Output as _berth_v1_CreateJoinTokenRequest__Output } from './berth/v1/CreateJoinTokenRequest.js';
import type { CreateTokenRequest as _berth_v1_CreateTokenRequest, CreateTokenRequest__Output as _berth_v1_CreateTokenRequest__Output } from './berth/v1/CreateTokenRequest.js';
import type { CreatedToken as _berth_v1_CreatedToken, CreatedToken__Output as _berth_v1_CreatedToken__Output } from './berth/v1/CreatedToken.js';
import type { DeleteAppRequest as _berth_v1_DeleteAppRequest, DeleteAppRequest__Output as _berth_v1_DeleteAppRequest__Output } from './berth/v1/DeleteAppRequest.js';
import type { DeleteAppResponse as _berth_v1_DeleteAppResponse, DeleteAppResponse__Output as _berth_v1_DeleteAppResponse__Output } from './berth/v1/DeleteAppResponse.js';
import type { DeployRequest as _berth_v1_DeployRequest, DeployRequest__Output as _berth_v1_DeployRequest__Output } from './berth/v1/DeployRequest.js';
import type { Deployment as _berth_v1_Deployment, Deployment__Output as _berth_v1_Deployment__Output } from './berth/v1/Deployment.js';
import type { DeploymentFailure as _berth_v1_DeploymentFailure, DeploymentFailure__Output as _berth_v1_DeploymentFailure__Output } from './berth/v1/DeploymentFailure.js';
import type { DeploymentUpdate as _berth_v1_DeploymentUpdate, DeploymentUpdate__Output as _berth_v1_DeploymentUpdate__Output } from './berth/v1/DeploymentUpdate.js';
import type { Env as _berth_v1_Env, Env__Output as _berth_v1_Env__Output } from './berth/v1/Env.js';
import type { GetAppRequest as _berth_v1_GetAppRequest, GetAppRequest__Output as _berth_v1_GetAppRequest__Output } from './berth/v1/GetAppRequest.js';
import type { GetDeploymentRequest as _berth_v1_GetDeploymentRequest, GetDeploymentRequest__Output as _berth_v1_GetDeploymentRequest__Output } from './berth/v1/GetDeploymentRequest.js';
import type { GithubSettings as _berth_v1_GithubSettings, GithubSettings__Output as _berth_v1_GithubSettings__Output } from './berth/v1/GithubSettings.js';
import type { Heartbeat as _berth_v1_Heartbeat, Heartbeat__Output as _berth_v1_Heartbeat__Output } from './berth/v1/Heartbeat.js';
import type { Hello as _berth_v1_Hello, Hello__Output as _berth_v1_Hello__Output } from './berth/v1/Hello.js';
import type { Hook as _berth_v1_Hook, Hook__Output as _berth_v1_Hook__Output } from './berth/v1/Hook.js';
import type { HookDecision as _berth_v1_HookDecision, HookDecision__Output as _berth_v1_HookDecision__Output } from './berth/v1/HookDecision.js';
import type { HookLog as _berth_v1_HookLog, HookLog__Output as _berth_v1_HookLog__Output } from './berth/v1/HookLog.js';
import type { HookLogEntry as _berth_v1_HookLogEntry, HookLogEntry__Output as _berth_v1_HookLogEntry__Output } from './berth/v1/HookLogEntry.js';
import type { HookRequest as _berth_v1_HookRequest, HookRequest__Output as _berth_v1_HookRequest__Output } from './berth/v1/HookRequest.js';
import type { Instance as _berth_v1_Instance, Instance__Output as _berth_v1_Instance__Output } from './berth/v1/Instance.js';
import type { InstanceEvent as _berth_v1_InstanceEvent, InstanceEvent__Output as _berth_v1_InstanceEvent__Output } from './berth/v1/InstanceEvent.js';
import type { JoinRequest as _berth_v1_JoinRequest, JoinRequest__Output as _berth_v1_JoinRequest__Output } from './berth/v1/JoinRequest.js';
import type { JoinResponse as _berth_v1_JoinResponse, JoinResponse__Output as _berth_v1_JoinResponse__Output } from './berth/v1/JoinResponse.js';
import type { JoinToken as _berth_v1_JoinToken, JoinToken__Output as _berth_v1_JoinToken__Output } from './berth/v1/JoinToken.js';
import type { ListAgentsRequest as _berth_v1_ListAgentsRequest, ListAgentsRequest__Output as _berth_v1_ListAgentsRequest__Output } from './berth/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _berth_v1_ListAgentsResponse, ListAgentsResponse__Output as _berth_v1_ListAgentsResponse__Output } from './berth/v1/ListAgentsResponse.js';
import type { ListAppsRequest as _berth_v1_ListAppsRequest, ListAppsRequest__Output as _berth_v1_ListAppsRequest__Output } from './berth/v1/ListAppsRequest.js';
import type { ListAppsResponse as _berth_v1_ListAppsResponse, ListAppsResponse__Output as _berth_v1_ListAppsResponse__Output } from './berth/v1/ListAppsResponse.js';
import type { ListDeploymentsRequest as _berth_v1_ListDeploymentsRequest, ListDeploymentsRequest__Output as _berth_v1_ListDeploymentsRequest__Output } from './berth/v1/ListDeploymentsRequest.js';
import type { ListDeploymentsResponse as _berth_v1_ListDeploymentsResponse, ListDeploymentsResponse__Output as _berth_v1_ListDeploymentsResponse__Output } from './berth/v1/ListDeploymentsResponse.js';
import type { ListEnvRequest as _berth_v1_ListEnvRequest, ListEnvRequest__Output as _berth_v1_ListEnvRequest__Output } from './berth/v1/ListEnvRequest.js';
import type { ListReleasesRequest as _berth_v1_ListReleasesRequest, ListReleasesRequest__Output as _berth_v1_ListReleasesRequest__Output } from './berth/v1/ListReleasesRequest.js';
import type { ListReleasesResponse as _berth_v1_ListReleasesResponse, ListReleasesResponse__Output as _berth_v1_ListReleasesResponse__Output } from './berth/v1/ListReleasesResponse.js';
import type { ListTokensRequest as _berth_v1_ListTokensRequest, ListTokensRequest__Output as _berth_v1_ListTokensRequest__Output } from './berth/v1/ListTokensRequest.js';
import type { ListTokensResponse as _berth_v1_ListTokensResponse, ListTokensResponse__Output as _berth_v1_ListTokensResponse__Output } from './berth/v1/ListTokensResponse.js';
import type { LogLine as _berth_v1_LogLine, LogLine__Output as _berth_v1_LogLine__Output } from './berth/v1/LogLine.js';
import type { LogLines as _berth_v1_LogLines, LogLines__Output as _berth_v1_LogLines__Output } from './berth/v1/LogLines.js';
import type { LogsRequest as _berth_v1_LogsRequest, LogsRequest__Output as _berth_v1_LogsRequest__Output } from './berth/v1/LogsRequest.js';
import type { NatsCredentials as _berth_v1_NatsCredentials, NatsCredentials__Output as _berth_v1_NatsCredentials__Output } from './berth/v1/NatsCredentials.js';
import type { Notifications as _berth_v1_Notifications, Notifications__Output as _berth_v1_Notifications__Output } from './berth/v1/Notifications.js';
import type { OutputLines as _berth_v1_OutputLines, OutputLines__Output as _berth_v1_OutputLines__Output } from './berth/v1/OutputLines.js';
import type { PreparedImage as _berth_v1_PreparedImage, PreparedImage__Output as _berth_v1_PreparedImage__Output } from './berth/v1/PreparedImage.js';
import type { Release as _berth_v1_Release, Release__Output as _berth_v1_Release__Output } from './berth/v1/Release.js';
import type { ReleaseService as _berth_v1_ReleaseService, ReleaseService__Output as _berth_v1_ReleaseService__Output } from './berth/v1/ReleaseService.js';
import type { RemoveAgentResponse as _berth_v1_RemoveAgentResponse, RemoveAgentResponse__Output as _berth_v1_RemoveAgentResponse__Output } from './berth/v1/RemoveAgentResponse.js';
import type { Report as _berth_v1_Report, Report__Output as _berth_v1_Report__Output } from './berth/v1/Report.js';
import type { RevokeTokenRequest as _berth_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _berth_v1_RevokeTokenRequest__Output } from './berth/v1/RevokeTokenRequest.js';
import type { RevokeTokenResponse as _berth_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _berth_v1_RevokeTokenResponse__Output } from './berth/v1/RevokeTokenResponse.js';
import type { RollbackRequest as _berth_v1_RollbackRequest, RollbackRequest__Output as _berth_v1_RollbackRequest__Output } from './berth/v1/RollbackRequest.js';
import type { RoutingConfirmation as _berth_v1_RoutingConfirmation, RoutingConfirmation__Output as _berth_v1_RoutingConfirmation__Output } from './berth/v1/RoutingConfirmation.js';
import type { ScaleRequest as _berth_v1_ScaleRequest, ScaleRequest__Output as _berth_v1_ScaleRequest__Output } from './berth/v1/ScaleRequest.js';
import type { ScaleResponse as _berth_v1_ScaleResponse, ScaleResponse__Output as _berth_v1_ScaleResponse__Output } from './berth/v1/ScaleResponse.js';
import type { SetEnvRequest as _berth_v1_SetEnvRequest, SetEnvRequest__Output as _berth_v1_SetEnvRequest__Output } from './berth/v1/SetEnvRequest.js';
import type { SetGithubRequest as _berth_v1_SetGithubRequest, SetGithubRequest__Output as _berth_v1_SetGithubRequest__Output } from './berth/v1/SetGithubRequest.js';
import type { SetHookSecretRequest as _berth_v1_SetHookSecretRequest, SetHookSecretRequest__Output as _berth_v1_SetHookSecretRequest__Output } from './berth/v1/SetHookSecretRequest.js';
import type { SetNotificationsRequest as _berth_v1_SetNotificationsRequest, SetNotificationsRequest__Output as _berth_v1_SetNotificationsRequest__Output } from './berth/v1/SetNotificationsRequest.js';
import type { TaskResult as _berth_v1_TaskResult, TaskResult__Output as _berth_v1_TaskResult__Output } from './berth/v1/TaskResult.js';
import type { TestHookRequest as _berth_v1_TestHookRequest, TestHookRequest__Output as _berth_v1_TestHookRequest__Output } from './berth/v1/TestHookRequest.js';
import type { TokenInfo as _berth_v1_TokenInfo, TokenInfo__Output as _berth_v1_TokenInfo__Output } from './berth/v1/TokenInfo.js';
import type { TraefikConfirmation as _berth_v1_TraefikConfirmation, TraefikConfirmation__Output as _berth_v1_TraefikConfirmation__Output } from './berth/v1/TraefikConfirmation.js';
import type { Transition as _berth_v1_Transition, Transition__Output as _berth_v1_Transition__Output } from './berth/v1/Transition.js';
import type { UnsetEnvRequest as _berth_v1_UnsetEnvRequest, UnsetEnvRequest__Output as _berth_v1_UnsetEnvRequest__Output } from './berth/v1/UnsetEnvRequest.js';
import type { WatchEventsRequest as _berth_v1_WatchEventsRequest, WatchEventsRequest__Output as _berth_v1_WatchEventsRequest__Output } from './berth/v1/WatchEventsRequest.js';
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
      AgentRequest: MessageTypeDefinition<_berth_v1_AgentRequest, _berth_v1_AgentRequest__Output>
      AgentSummary: MessageTypeDefinition<_berth_v1_AgentSummary, _berth_v1_AgentSummary__Output>
      App: MessageTypeDefinition<_berth_v1_App, _berth_v1_App__Output>
      AppSummary: MessageTypeDefinition<_berth_v1_AppSummary, _berth_v1_AppSummary__Output>
      ApplyAppRequest: MessageTypeDefinition<_berth_v1_ApplyAppRequest, _berth_v1_ApplyAppRequest__Output>
      ApplyAppResponse: MessageTypeDefinition<_berth_v1_ApplyAppResponse, _berth_v1_ApplyAppResponse__Output>
      ClusterEvent: MessageTypeDefinition<_berth_v1_ClusterEvent, _berth_v1_ClusterEvent__Output>
      ControllerMessage: MessageTypeDefinition<_berth_v1_ControllerMessage, _berth_v1_ControllerMessage__Output>
      CreateJoinTokenRequest: MessageTypeDefinition<_berth_v1_CreateJoinTokenRequest, _berth_v1_CreateJoinTokenRequest__Output>
      CreateTokenRequest: MessageTypeDefinition<_berth_v1_CreateTokenRequest, _berth_v1_CreateTokenRequest__Output>
      CreatedToken: MessageTypeDefinition<_berth_v1_CreatedToken, _berth_v1_CreatedToken__Output>
      DeleteAppRequest: MessageTypeDefinition<_berth_v1_DeleteAppRequest, _berth_v1_DeleteAppRequest__Output>
      DeleteAppResponse: MessageTypeDefinition<_berth_v1_DeleteAppResponse, _berth_v1_DeleteAppResponse__Output>
      DeployRequest: MessageTypeDefinition<_berth_v1_DeployRequest, _berth_v1_DeployRequest__Output>
      Deployment: MessageTypeDefinition<_berth_v1_Deployment, _berth_v1_Deployment__Output>
      DeploymentFailure: MessageTypeDefinition<_berth_v1_DeploymentFailure, _berth_v1_DeploymentFailure__Output>
      DeploymentUpdate: MessageTypeDefinition<_berth_v1_DeploymentUpdate, _berth_v1_DeploymentUpdate__Output>
      Env: MessageTypeDefinition<_berth_v1_Env, _berth_v1_Env__Output>
      GetAppRequest: MessageTypeDefinition<_berth_v1_GetAppRequest, _berth_v1_GetAppRequest__Output>
      GetDeploymentRequest: MessageTypeDefinition<_berth_v1_GetDeploymentRequest, _berth_v1_GetDeploymentRequest__Output>
      GithubSettings: MessageTypeDefinition<_berth_v1_GithubSettings, _berth_v1_GithubSettings__Output>
      Heartbeat: MessageTypeDefinition<_berth_v1_Heartbeat, _berth_v1_Heartbeat__Output>
      Hello: MessageTypeDefinition<_berth_v1_Hello, _berth_v1_Hello__Output>
      Hook: MessageTypeDefinition<_berth_v1_Hook, _berth_v1_Hook__Output>
      HookDecision: MessageTypeDefinition<_berth_v1_HookDecision, _berth_v1_HookDecision__Output>
      HookLog: MessageTypeDefinition<_berth_v1_HookLog, _berth_v1_HookLog__Output>
      HookLogEntry: MessageTypeDefinition<_berth_v1_HookLogEntry, _berth_v1_HookLogEntry__Output>
      HookRequest: MessageTypeDefinition<_berth_v1_HookRequest, _berth_v1_HookRequest__Output>
      Instance: MessageTypeDefinition<_berth_v1_Instance, _berth_v1_Instance__Output>
      InstanceEvent: MessageTypeDefinition<_berth_v1_InstanceEvent, _berth_v1_InstanceEvent__Output>
      JoinRequest: MessageTypeDefinition<_berth_v1_JoinRequest, _berth_v1_JoinRequest__Output>
      JoinResponse: MessageTypeDefinition<_berth_v1_JoinResponse, _berth_v1_JoinResponse__Output>
      JoinToken: MessageTypeDefinition<_berth_v1_JoinToken, _berth_v1_JoinToken__Output>
      ListAgentsRequest: MessageTypeDefinition<_berth_v1_ListAgentsRequest, _berth_v1_ListAgentsRequest__Output>
      ListAgentsResponse: MessageTypeDefinition<_berth_v1_ListAgentsResponse, _berth_v1_ListAgentsResponse__Output>
      ListAppsRequest: MessageTypeDefinition<_berth_v1_ListAppsRequest, _berth_v1_ListAppsRequest__Output>
      ListAppsResponse: MessageTypeDefinition<_berth_v1_ListAppsResponse, _berth_v1_ListAppsResponse__Output>
      ListDeploymentsRequest: MessageTypeDefinition<_berth_v1_ListDeploymentsRequest, _berth_v1_ListDeploymentsRequest__Output>
      ListDeploymentsResponse: MessageTypeDefinition<_berth_v1_ListDeploymentsResponse, _berth_v1_ListDeploymentsResponse__Output>
      ListEnvRequest: MessageTypeDefinition<_berth_v1_ListEnvRequest, _berth_v1_ListEnvRequest__Output>
      ListReleasesRequest: MessageTypeDefinition<_berth_v1_ListReleasesRequest, _berth_v1_ListReleasesRequest__Output>
      ListReleasesResponse: MessageTypeDefinition<_berth_v1_ListReleasesResponse, _berth_v1_ListReleasesResponse__Output>
      ListTokensRequest: MessageTypeDefinition<_berth_v1_ListTokensRequest, _berth_v1_ListTokensRequest__Output>
      ListTokensResponse: MessageTypeDefinition<_berth_v1_ListTokensResponse, _berth_v1_ListTokensResponse__Output>
      LogLine: MessageTypeDefinition<_berth_v1_LogLine, _berth_v1_LogLine__Output>
      LogLines: MessageTypeDefinition<_berth_v1_LogLines, _berth_v1_LogLines__Output>
      LogsRequest: MessageTypeDefinition<_berth_v1_LogsRequest, _berth_v1_LogsRequest__Output>
      NatsCredentials: MessageTypeDefinition<_berth_v1_NatsCredentials, _berth_v1_NatsCredentials__Output>
      Notifications: MessageTypeDefinition<_berth_v1_Notifications, _berth_v1_Notifications__Output>
      OutputLines: MessageTypeDefinition<_berth_v1_OutputLines, _berth_v1_OutputLines__Output>
      PreparedImage: MessageTypeDefinition<_berth_v1_PreparedImage, _berth_v1_PreparedImage__Output>
      Release: MessageTypeDefinition<_berth_v1_Release, _berth_v1_Release__Output>
      ReleaseService: MessageTypeDefinition<_berth_v1_ReleaseService, _berth_v1_ReleaseService__Output>
      RemoveAgentResponse: MessageTypeDefinition<_berth_v1_RemoveAgentResponse, _berth_v1_RemoveAgentResponse__Output>
      Report: MessageTypeDefinition<_berth_v1_Report, _berth_v1_Report__Output>
      RevokeTokenRequest: MessageTypeDefinition<_berth_v1_RevokeTokenRequest, _berth_v1_RevokeTokenRequest__Output>
      RevokeTokenResponse: MessageTypeDefinition<_berth_v1_RevokeTokenResponse, _berth_v1_RevokeTokenResponse__Output>
      RollbackRequest: MessageTypeDefinition<_berth_v1_RollbackRequest, _berth_v1_RollbackRequest__Output>
      RoutingConfirmation: MessageTypeDefinition<_berth_v1_RoutingConfirmation, _berth_v1_RoutingConfirmation__Output>
      ScaleRequest: MessageTypeDefinition<_berth_v1_ScaleRequest, _berth_v1_ScaleRequest__Output>
      ScaleResponse: MessageTypeDefinition<_berth_v1_ScaleResponse, _berth_v1_ScaleResponse__Output>
      SetEnvRequest: MessageTypeDefinition<_berth_v1_SetEnvRequest, _berth_v1_SetEnvRequest__Output>
      SetGithubRequest: MessageTypeDefinition<_berth_v1_SetGithubRequest, _berth_v1_SetGithubRequest__Output>
      SetHookSecretRequest: MessageTypeDefinition<_berth_v1_SetHookSecretRequest, _berth_v1_SetHookSecretRequest__Output>
      SetNotificationsRequest: MessageTypeDefinition<_berth_v1_SetNotificationsRequest, _berth_v1_SetNotificationsRequest__Output>
      TaskResult: MessageTypeDefinition<_berth_v1_TaskResult, _berth_v1_TaskResult__Output>
      TestHookRequest: MessageTypeDefinition<_berth_v1_TestHookRequest, _berth_v1_TestHookRequest__Output>
      TokenInfo: MessageTypeDefinition<_berth_v1_TokenInfo, _berth_v1_TokenInfo__Output>
      TraefikConfirmation: MessageTypeDefinition<_berth_v1_TraefikConfirmation, _berth_v1_TraefikConfirmation__Output>
      Transition: MessageTypeDefinition<_berth_v1_Transition, _berth_v1_Transition__Output>
      UnsetEnvRequest: MessageTypeDefinition<_berth_v1_UnsetEnvRequest, _berth_v1_UnsetEnvRequest__Output>
      WatchEventsRequest: MessageTypeDefinition<_berth_v1_WatchEventsRequest, _berth_v1_WatchEventsRequest__Output>
      Welcome: MessageTypeDefinition<_berth_v1_Welcome, _berth_v1_Welcome__Output>
    }
  }
}

