// Original file: proto/berth/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

export interface Instance {
  'instanceId'?: (string);
  'containerId'?: (string);
  'app'?: (string);
  'service'?: (string);
  'release'?: (string);
  'deploymentId'?: (string);
  'state'?: (string);
  'health'?: (string);
  'containerPort'?: (number);
  'hostPort'?: (number);
  'hostIp'?: (string);
  'exitCode'?: (number);
  'oomKilled'?: (boolean);
  'image'?: (string);
  'startedAtMs'?: (number | string | Long);
  'finishedAtMs'?: (number | string | Long);
}

export interface Instance__Output {
  'instanceId': (string);
  'containerId': (string);
  'app': (string);
  'service': (string);
  'release': (string);
  'deploymentId': (string);
  'state': (string);
  'health': (string);
  'containerPort': (number);
  'hostPort': (number);
  'hostIp': (string);
  'exitCode': (number);
  'oomKilled': (boolean);
  'image': (string);
  'startedAtMs': (string);
  'finishedAtMs': (string);
}
