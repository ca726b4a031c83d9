// Original file: proto/berth/v1/agent.proto

import type { Welcome as _berth_v1_Welcome, Welcome__Output as _berth_v1_Welcome__Output } from '../../berth/v1/Welcome.js';
import type { Ack as _berth_v1_Ack, Ack__Output as _berth_v1_Ack__Output } from '../../berth/v1/Ack.js';
import type { TtyInput as _berth_v1_TtyInput, TtyInput__Output as _berth_v1_TtyInput__Output } from '../../berth/v1/TtyInput.js';

export interface ConnectResponse {
  'welcome'?: (_berth_v1_Welcome | null);
  'ack'?: (_berth_v1_Ack | null);
  'ttyInput'?: (_berth_v1_TtyInput | null);
  'body'?: "welcome"|"ack"|"ttyInput";
}

export interface ConnectResponse__Output {
  'welcome'?: (_berth_v1_Welcome__Output | null);
  'ack'?: (_berth_v1_Ack__Output | null);
  'ttyInput'?: (_berth_v1_TtyInput__Output | null);
  'body'?: "welcome"|"ack"|"ttyInput";
}
