// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface TokenInfo {
  'name'?: (string);
  'scope'?: (string);
  'createdAtMs'?: (number | string | Long);
}

export interface TokenInfo__Output {
  'name': (string);
  'scope': (string);
  'createdAtMs': (string);
}
