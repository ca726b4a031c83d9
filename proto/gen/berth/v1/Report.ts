// Original file: proto/berth/v1/agent.proto

import type { TaskResult as _berth_v1_TaskResult, TaskResult__Output as _berth_v1_TaskResult__Output } from '../../berth/v1/TaskResult.js';
import type { InstanceEvent as _berth_v1_InstanceEvent, InstanceEvent__Output as _berth_v1_InstanceEvent__Output } from '../../berth/v1/InstanceEvent.js';
import type { OutputLines as _berth_v1_OutputLines, OutputLines__Output as _berth_v1_OutputLines__Output } from '../../berth/v1/OutputLines.js';
import type { Long } from '@grpc/proto-loader';

export interface Report {
  'seq'?: (number | string | Long);
  'atMs'?: (number | string | Long);
  'taskResult'?: (_berth_v1_TaskResult | null);
  'instanceEvent'?: (_berth_v1_InstanceEvent | null);
  'output'?: (_berth_v1_OutputLines | null);
  'body'?: "taskResult"|"instanceEvent"|"output";
}

export interface Report__Output {
  'seq': (string);
  'atMs': (string);
  'taskResult'?: (_berth_v1_TaskResult__Output | null);
  'instanceEvent'?: (_berth_v1_InstanceEvent__Output | null);
  'output'?: (_berth_v1_OutputLines__Output | null);
  'body'?: "taskResult"|"instanceEvent"|"output";
}
