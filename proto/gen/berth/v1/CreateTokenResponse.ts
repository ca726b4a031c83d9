// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface CreateTokenResponse {
  'name'?: (string);
  'scope'?: (string);
  'token'?: (string);
  'createdAtMs'?: (number | string | Long);
}

export interface CreateTokenResponse__Output {
  'name': (string);
  'scope': (string);
  'token': (string);
  'createdAtMs': (string);
}
