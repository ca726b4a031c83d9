// Original file: proto/berth/v1/admin.proto

import type { AgentSummary as _berth_v1_AgentSummary, AgentSummary__Output as _berth_v1_AgentSummary__Output } from '../../berth/v1/AgentSummary.js';

export interface UndrainAgentResponse {
  'agent'?: (_berth_v1_AgentSummary | null);
}

export interface UndrainAgentResponse__Output {
  'agent': (_berth_v1_AgentSummary__Output | null);
}
