// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface StreamLogsRequest {
  'app'?: (string);
  'service'?: (string);
  'instance'?: (string);
  'sinceMs'?: (number | string | Long);
  'tail'?: (number);
  'follow'?: (boolean);
}

export interface StreamLogsRequest__Output {
  'app': (string);
  'service': (string);
  'instance': (string);
  'sinceMs': (string);
  'tail': (number);
  'follow': (boolean);
}
