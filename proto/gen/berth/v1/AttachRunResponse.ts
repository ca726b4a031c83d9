// Original file: proto/berth/v1/admin.proto

import type { Run as _berth_v1_Run, Run__Output as _berth_v1_Run__Output } from '../../berth/v1/Run.js';

export interface AttachRunResponse {
  'output'?: (Buffer | Uint8Array | string);
  'run'?: (_berth_v1_Run | null);
}

export interface AttachRunResponse__Output {
  'output': (Buffer);
  'run': (_berth_v1_Run__Output | null);
}
