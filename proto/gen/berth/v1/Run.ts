// Original file: proto/berth/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface Run {
  'id'?: (string);
  'app'?: (string);
  'service'?: (string);
  'release'?: (string);
  'command'?: (string)[];
  'startedBy'?: (string);
  'schedule'?: (string);
  'agentId'?: (string);
  'tty'?: (boolean);
  'detached'?: (boolean);
  'timeoutMs'?: (number | string | Long);
  'state'?: (string);
  'hasExitCode'?: (boolean);
  'exitCode'?: (number);
  'reason'?: (string);
  'createdAtMs'?: (number | string | Long);
  'startedAtMs'?: (number | string | Long);
  'endedAtMs'?: (number | string | Long);
}

export interface Run__Output {
  'id': (string);
  'app': (string);
  'service': (string);
  'release': (string);
  'command': (string)[];
  'startedBy': (string);
  'schedule': (string);
  'agentId': (string);
  'tty': (boolean);
  'detached': (boolean);
  'timeoutMs': (string);
  'state': (string);
  'hasExitCode': (boolean);
  'exitCode': (number);
  'reason': (string);
  'createdAtMs': (string);
  'startedAtMs': (string);
  'endedAtMs': (string);
}
