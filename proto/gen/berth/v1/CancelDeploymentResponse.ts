// Original file: proto/berth/v1/admin.proto

import type { Deployment as _berth_v1_Deployment, Deployment__Output as _berth_v1_Deployment__Output } from '../../berth/v1/Deployment.js';

export interface CancelDeploymentResponse {
  'deployment'?: (_berth_v1_Deployment | null);
}

export interface CancelDeploymentResponse__Output {
  'deployment': (_berth_v1_Deployment__Output | null);
}
