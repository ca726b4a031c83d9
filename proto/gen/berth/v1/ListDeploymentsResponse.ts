// Original file: proto/berth/v1/admin.proto

import type { Deployment as _berth_v1_Deployment, Deployment__Output as _berth_v1_Deployment__Output } from '../../berth/v1/Deployment.js';

export interface ListDeploymentsResponse {
  'deployments'?: (_berth_v1_Deployment)[];
}

export interface ListDeploymentsResponse__Output {
  'deployments': (_berth_v1_Deployment__Output)[];
}
