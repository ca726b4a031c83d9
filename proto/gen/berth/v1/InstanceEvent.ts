// Original file: proto/berth/v1/agent.proto

import type { Instance as _berth_v1_Instance, Instance__Output as _berth_v1_Instance__Output } from '../../berth/v1/Instance.js';

export interface InstanceEvent {
  'kind'?: (string);
  'instance'?: (_berth_v1_Instance | null);
}

export interface InstanceEvent__Output {
  'kind': (string);
  'instance': (_berth_v1_Instance__Output | null);
}
