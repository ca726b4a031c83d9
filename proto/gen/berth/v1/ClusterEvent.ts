// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface ClusterEvent {
  'atMs'?: (number | string | Long);
  'kind'?: (string);
  'app'?: (string);
  'subject'?: (string);
  'state'?: (string);
  'message'?: (string);
}

export interface ClusterEvent__Output {
  'atMs': (string);
  'kind': (string);
  'app': (string);
  'subject': (string);
  'state': (string);
  'message': (string);
}
