// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface CreateJoinTokenRequest {
  'ttlMs'?: (number | string | Long);
}

export interface CreateJoinTokenRequest__Output {
  'ttlMs': (string);
}
