// Original file: proto/berth/v1/admin.proto

import type { HookLogEntry as _berth_v1_HookLogEntry, HookLogEntry__Output as _berth_v1_HookLogEntry__Output } from '../../berth/v1/HookLogEntry.js';

export interface ListHookLogResponse {
  'entries'?: (_berth_v1_HookLogEntry)[];
}

export interface ListHookLogResponse__Output {
  'entries': (_berth_v1_HookLogEntry__Output)[];
}
