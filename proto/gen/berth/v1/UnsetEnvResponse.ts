// Original file: proto/berth/v1/admin.proto

import type { Env as _berth_v1_Env, Env__Output as _berth_v1_Env__Output } from '../../berth/v1/Env.js';

export interface UnsetEnvResponse {
  'env'?: (_berth_v1_Env | null);
}

export interface UnsetEnvResponse__Output {
  'env': (_berth_v1_Env__Output | null);
}
