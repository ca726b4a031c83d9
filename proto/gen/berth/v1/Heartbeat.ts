// Original file: proto/berth/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

export interface Heartbeat {
  'sentAtMs'?: (number | string | Long);
  'runningInstances'?: (number);
}

export interface Heartbeat__Output {
  'sentAtMs': (string);
  'runningInstances': (number);
}
