// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface TraefikConfirmation {
  'api'?: (string);
  'confirmed'?: (boolean);
  'ms'?: (number | string | Long);
  'detail'?: (string);
}

export interface TraefikConfirmation__Output {
  'api': (string);
  'confirmed': (boolean);
  'ms': (string);
  'detail': (string);
}
