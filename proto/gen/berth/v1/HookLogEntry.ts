// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface HookLogEntry {
  'atMs'?: (number | string | Long);
  'source'?: (string);
  'event'?: (string);
  'deliveryId'?: (string);
  'decision'?: (string);
  'reason'?: (string);
  'services'?: (string)[];
  'ref'?: (string);
  'deploymentId'?: (string);
  'dryRun'?: (boolean);
}

export interface HookLogEntry__Output {
  'atMs': (string);
  'source': (string);
  'event': (string);
  'deliveryId': (string);
  'decision': (string);
  'reason': (string);
  'services': (string)[];
  'ref': (string);
  'deploymentId': (string);
  'dryRun': (boolean);
}
