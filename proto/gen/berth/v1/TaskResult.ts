// Original file: proto/berth/v1/agent.proto

import type { Instance as _berth_v1_Instance, Instance__Output as _berth_v1_Instance__Output } from '../../berth/v1/Instance.js';
import type { PreparedImage as _berth_v1_PreparedImage, PreparedImage__Output as _berth_v1_PreparedImage__Output } from '../../berth/v1/PreparedImage.js';
import type { Long } from '@grpc/proto-loader';

export interface TaskResult {
  'taskId'?: (string);
  'kind'?: (string);
  'deploymentId'?: (string);
  'status'?: (string);
  'errorCode'?: (string);
  'message'?: (string);
  'instance'?: (_berth_v1_Instance | null);
  'durationMs'?: (number | string | Long);
  'exitCode'?: (number);
  'outputTail'?: (string)[];
  'prepared'?: (_berth_v1_PreparedImage | null);
}

export interface TaskResult__Output {
  'taskId': (string);
  'kind': (string);
  'deploymentId': (string);
  'status': (string);
  'errorCode': (string);
  'message': (string);
  'instance': (_berth_v1_Instance__Output | null);
  'durationMs': (string);
  'exitCode': (number);
  'outputTail': (string)[];
  'prepared': (_berth_v1_PreparedImage__Output | null);
}
