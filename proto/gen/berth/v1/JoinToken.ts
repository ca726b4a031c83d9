// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface JoinToken {
  'token'?: (string);
  'expiresAtMs'?: (number | string | Long);
}

export interface JoinToken__Output {
  'token': (string);
  'expiresAtMs': (string);
}
