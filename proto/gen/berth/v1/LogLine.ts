// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface LogLine {
  'instanceId'?: (string);
  'container'?: (string);
  'service'?: (string);
  'stream'?: (string);
  'atMs'?: (number | string | Long);
  'text'?: (string);
}

export interface LogLine__Output {
  'instanceId': (string);
  'container': (string);
  'service': (string);
  'stream': (string);
  'atMs': (string);
  'text': (string);
}
