// Original file: proto/berth/v1/admin.proto

import type { ReleaseService as _berth_v1_ReleaseService, ReleaseService__Output as _berth_v1_ReleaseService__Output } from '../../berth/v1/ReleaseService.js';
import type { Long } from '@grpc/proto-loader';

export interface Release {
  'app'?: (string);
  'name'?: (string);
  'createdAtMs'?: (number | string | Long);
  'deploymentId'?: (string);
  'services'?: (_berth_v1_ReleaseService)[];
  'postdeploy'?: (string);
  'routed'?: (boolean);
}

export interface Release__Output {
  'app': (string);
  'name': (string);
  'createdAtMs': (string);
  'deploymentId': (string);
  'services': (_berth_v1_ReleaseService__Output)[];
  'postdeploy': (string);
  'routed': (boolean);
}
