// Original file: proto/berth/v1/agent.proto

import type { Welcome as _berth_v1_Welcome, Welcome__Output as _berth_v1_Welcome__Output } from '../../berth/v1/Welcome.js';
import type { Ack as _berth_v1_Ack, Ack__Output as _berth_v1_Ack__Output } from '../../berth/v1/Ack.js';

export interface ConnectResponse {
  'welcome'?: (_berth_v1_Welcome | null);
  'ack'?: (_berth_v1_Ack | null);
  'body'?: "welcome"|"ack";
}

export interface ConnectResponse__Output {
  'welcome'?: (_berth_v1_Welcome__Output | null);
  'ack'?: (_berth_v1_Ack__Output | null);
  'body'?: "welcome"|"ack";
}
