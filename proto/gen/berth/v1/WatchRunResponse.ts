// Original file: proto/berth/v1/admin.proto

import type { Run as _berth_v1_Run, Run__Output as _berth_v1_Run__Output } from '../../berth/v1/Run.js';
import type { RunOutputLine as _berth_v1_RunOutputLine, RunOutputLine__Output as _berth_v1_RunOutputLine__Output } from '../../berth/v1/RunOutputLine.js';

export interface WatchRunResponse {
  'run'?: (_berth_v1_Run | null);
  'lines'?: (_berth_v1_RunOutputLine)[];
}

export interface WatchRunResponse__Output {
  'run': (_berth_v1_Run__Output | null);
  'lines': (_berth_v1_RunOutputLine__Output)[];
}
