// Original file: proto/berth/v1/agent.proto

import type { NatsCredentials as _berth_v1_NatsCredentials, NatsCredentials__Output as _berth_v1_NatsCredentials__Output } from '../../berth/v1/NatsCredentials.js';

export interface JoinResponse {
  'agentId'?: (string);
  'secret'?: (string);
  'nats'?: (_berth_v1_NatsCredentials | null);
}

export interface JoinResponse__Output {
  'agentId': (string);
  'secret': (string);
  'nats': (_berth_v1_NatsCredentials__Output | null);
}
