// Original file: proto/berth/v1/admin.proto

import type { AgentSummary as _berth_v1_AgentSummary, AgentSummary__Output as _berth_v1_AgentSummary__Output } from '../../berth/v1/AgentSummary.js';

export interface ListAgentsResponse {
  'agents'?: (_berth_v1_AgentSummary)[];
  'controllerVersion'?: (string);
}

export interface ListAgentsResponse__Output {
  'agents': (_berth_v1_AgentSummary__Output)[];
  'controllerVersion': (string);
}
