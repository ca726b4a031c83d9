// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface CreatedToken {
  'name'?: (string);
  'scope'?: (string);
  'token'?: (string);
  'createdAtMs'?: (number | string | Long);
}

export interface CreatedToken__Output {
  'name': (string);
  'scope': (string);
  'token': (string);
  'createdAtMs': (string);
}
