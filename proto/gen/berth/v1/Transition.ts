// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface Transition {
  'state'?: (string);
  'atMs'?: (number | string | Long);
}

export interface Transition__Output {
  'state': (string);
  'atMs': (string);
}
