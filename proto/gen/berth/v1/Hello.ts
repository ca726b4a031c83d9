// Original file: proto/berth/v1/agent.proto

import type { Instance as _berth_v1_Instance, Instance__Output as _berth_v1_Instance__Output } from '../../berth/v1/Instance.js';
import type { Long } from '@grpc/proto-loader';

export interface Hello {
  'agentId'?: (string);
  'hostname'?: (string);
  'advertiseAddr'?: (string);
  'labels'?: ({[key: string]: string});
  'cpus'?: (number);
  'memoryBytes'?: (number | string | Long);
  'version'?: (string);
  'instances'?: (_berth_v1_Instance)[];
  'sessionId'?: (string);
  'snapshotSeq'?: (number | string | Long);
  'protocol'?: (number);
}

export interface Hello__Output {
  'agentId': (string);
  'hostname': (string);
  'advertiseAddr': (string);
  'labels': ({[key: string]: string});
  'cpus': (number);
  'memoryBytes': (string);
  'version': (string);
  'instances': (_berth_v1_Instance__Output)[];
  'sessionId': (string);
  'snapshotSeq': (string);
  'protocol': (number);
}
