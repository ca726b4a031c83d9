// Original file: proto/berth/v1/admin.proto

import type { LogLine as _berth_v1_LogLine, LogLine__Output as _berth_v1_LogLine__Output } from '../../berth/v1/LogLine.js';

export interface StreamLogsResponse {
  'lines'?: (_berth_v1_LogLine)[];
  'warnings'?: (string)[];
}

export interface StreamLogsResponse__Output {
  'lines': (_berth_v1_LogLine__Output)[];
  'warnings': (string)[];
}
