// Original file: proto/berth/v1/admin.proto

import type { ClusterEvent as _berth_v1_ClusterEvent, ClusterEvent__Output as _berth_v1_ClusterEvent__Output } from '../../berth/v1/ClusterEvent.js';

export interface WatchEventsResponse {
  'event'?: (_berth_v1_ClusterEvent | null);
}

export interface WatchEventsResponse__Output {
  'event': (_berth_v1_ClusterEvent__Output | null);
}
