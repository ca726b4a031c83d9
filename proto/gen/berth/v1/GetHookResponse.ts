// Original file: proto/berth/v1/admin.proto

import type { Hook as _berth_v1_Hook, Hook__Output as _berth_v1_Hook__Output } from '../../berth/v1/Hook.js';

export interface GetHookResponse {
  'hook'?: (_berth_v1_Hook | null);
}

export interface GetHookResponse__Output {
  'hook': (_berth_v1_Hook__Output | null);
}
