// Original file: proto/berth/v1/agent.proto

import type { Hello as _berth_v1_Hello, Hello__Output as _berth_v1_Hello__Output } from '../../berth/v1/Hello.js';
import type { Heartbeat as _berth_v1_Heartbeat, Heartbeat__Output as _berth_v1_Heartbeat__Output } from '../../berth/v1/Heartbeat.js';
import type { Report as _berth_v1_Report, Report__Output as _berth_v1_Report__Output } from '../../berth/v1/Report.js';
import type { TtyOutput as _berth_v1_TtyOutput, TtyOutput__Output as _berth_v1_TtyOutput__Output } from '../../berth/v1/TtyOutput.js';
import type { Goodbye as _berth_v1_Goodbye, Goodbye__Output as _berth_v1_Goodbye__Output } from '../../berth/v1/Goodbye.js';

export interface ConnectRequest {
  'hello'?: (_berth_v1_Hello | null);
  'heartbeat'?: (_berth_v1_Heartbeat | null);
  'report'?: (_berth_v1_Report | null);
  'ttyOutput'?: (_berth_v1_TtyOutput | null);
  'goodbye'?: (_berth_v1_Goodbye | null);
  'body'?: "hello"|"heartbeat"|"report"|"ttyOutput"|"goodbye";
}

export interface ConnectRequest__Output {
  'hello'?: (_berth_v1_Hello__Output | null);
  'heartbeat'?: (_berth_v1_Heartbeat__Output | null);
  'report'?: (_berth_v1_Report__Output | null);
  'ttyOutput'?: (_berth_v1_TtyOutput__Output | null);
  'goodbye'?: (_berth_v1_Goodbye__Output | null);
  'body'?: "hello"|"heartbeat"|"report"|"ttyOutput"|"goodbye";
}
