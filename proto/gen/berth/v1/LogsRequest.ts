// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface LogsRequest {
  'app'?: (string);
  'service'?: (string);
  'instance'?: (string);
  'sinceMs'?: (number | string | Long);
  'tail'?: (number);
  'follow'?: (boolean);
}

export interface LogsRequest__Output {
  'app': (string);
  'service': (string);
  'instance': (string);
  'sinceMs': (string);
  'tail': (number);
  'follow': (boolean);
}
