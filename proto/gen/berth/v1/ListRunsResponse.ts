// Original file: proto/berth/v1/admin.proto

import type { Run as _berth_v1_Run, Run__Output as _berth_v1_Run__Output } from '../../berth/v1/Run.js';

export interface ListRunsResponse {
  'runs'?: (_berth_v1_Run)[];
}

export interface ListRunsResponse__Output {
  'runs': (_berth_v1_Run__Output)[];
}
