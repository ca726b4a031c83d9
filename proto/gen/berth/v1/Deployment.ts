// Original file: proto/berth/v1/admin.proto

import type { Transition as _berth_v1_Transition, Transition__Output as _berth_v1_Transition__Output } from '../../berth/v1/Transition.js';
import type { DeploymentFailure as _berth_v1_DeploymentFailure, DeploymentFailure__Output as _berth_v1_DeploymentFailure__Output } from '../../berth/v1/DeploymentFailure.js';
import type { RoutingConfirmation as _berth_v1_RoutingConfirmation, RoutingConfirmation__Output as _berth_v1_RoutingConfirmation__Output } from '../../berth/v1/RoutingConfirmation.js';
import type { Long } from '@grpc/proto-loader';

export interface Deployment {
  'id'?: (string);
  'app'?: (string);
  'kind'?: (string);
  'release'?: (string);
  'state'?: (string);
  'history'?: (_berth_v1_Transition)[];
  'failure'?: (_berth_v1_DeploymentFailure | null);
  'warnings'?: (string)[];
  'healthy'?: (number);
  'wanted'?: (number);
  'services'?: (string)[];
  'refs'?: ({[key: string]: string});
  'createdAtMs'?: (number | string | Long);
  'output'?: (string)[];
  'postdeployAgent'?: (string);
  'hasPostdeployExitCode'?: (boolean);
  'postdeployExitCode'?: (number);
  'routing'?: (_berth_v1_RoutingConfirmation | null);
}

export interface Deployment__Output {
  'id': (string);
  'app': (string);
  'kind': (string);
  'release': (string);
  'state': (string);
  'history': (_berth_v1_Transition__Output)[];
  'failure': (_berth_v1_DeploymentFailure__Output | null);
  'warnings': (string)[];
  'healthy': (number);
  'wanted': (number);
  'services': (string)[];
  'refs': ({[key: string]: string});
  'createdAtMs': (string);
  'output': (string)[];
  'postdeployAgent': (string);
  'hasPostdeployExitCode': (boolean);
  'postdeployExitCode': (number);
  'routing': (_berth_v1_RoutingConfirmation__Output | null);
}
