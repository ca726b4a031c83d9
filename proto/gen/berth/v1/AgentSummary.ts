// Original file: proto/berth/v1/admin.proto

import type { Instance as _berth_v1_Instance, Instance__Output as _berth_v1_Instance__Output } from '../../berth/v1/Instance.js';
import type { Long } from '@grpc/proto-loader';

export interface AgentSummary {
  'id'?: (string);
  'hostname'?: (string);
  'advertiseAddr'?: (string);
  'labels'?: ({[key: string]: string});
  'cpus'?: (number);
  'memoryBytes'?: (number | string | Long);
  'version'?: (string);
  'status'?: (string);
  'lastHeartbeatMs'?: (number | string | Long);
  'connectedAtMs'?: (number | string | Long);
  'instances'?: (_berth_v1_Instance)[];
  'strayInstanceIds'?: (string)[];
}

export interface AgentSummary__Output {
  'id': (string);
  'hostname': (string);
  'advertiseAddr': (string);
  'labels': ({[key: string]: string});
  'cpus': (number);
  'memoryBytes': (string);
  'version': (string);
  'status': (string);
  'lastHeartbeatMs': (string);
  'connectedAtMs': (string);
  'instances': (_berth_v1_Instance__Output)[];
  'strayInstanceIds': (string)[];
}
