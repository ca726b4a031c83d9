// Original file: proto/berth/v1/admin.proto

import type { TokenInfo as _berth_v1_TokenInfo, TokenInfo__Output as _berth_v1_TokenInfo__Output } from '../../berth/v1/TokenInfo.js';

export interface ListTokensResponse {
  'tokens'?: (_berth_v1_TokenInfo)[];
}

export interface ListTokensResponse__Output {
  'tokens': (_berth_v1_TokenInfo__Output)[];
}
