// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface StartRunRequest {
  'app'?: (string);
  'service'?: (string);
  'release'?: (string);
  'command'?: (string)[];
  'tty'?: (boolean);
  'detached'?: (boolean);
  'timeoutMs'?: (number | string | Long);
}

export interface StartRunRequest__Output {
  'app': (string);
  'service': (string);
  'release': (string);
  'command': (string)[];
  'tty': (boolean);
  'detached': (boolean);
  'timeoutMs': (string);
}
