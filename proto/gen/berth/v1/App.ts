// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface App {
  'name'?: (string);
  'specJson'?: (string);
  'services'?: (string)[];
  'domains'?: (string)[];
  'createdAtMs'?: (number | string | Long);
  'updatedAtMs'?: (number | string | Long);
}

export interface App__Output {
  'name': (string);
  'specJson': (string);
  'services': (string)[];
  'domains': (string)[];
  'createdAtMs': (string);
  'updatedAtMs': (string);
}
