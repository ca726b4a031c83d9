// Original file: proto/berth/v1/admin.proto

import type { TraefikConfirmation as _berth_v1_TraefikConfirmation, TraefikConfirmation__Output as _berth_v1_TraefikConfirmation__Output } from '../../berth/v1/TraefikConfirmation.js';
import type { Long } from '@grpc/proto-loader';

export interface RoutingConfirmation {
  'waitedMs'?: (number | string | Long);
  'settled'?: (boolean);
  'settleMs'?: (number | string | Long);
  'traefiks'?: (_berth_v1_TraefikConfirmation)[];
  'summary'?: (string);
}

export interface RoutingConfirmation__Output {
  'waitedMs': (string);
  'settled': (boolean);
  'settleMs': (string);
  'traefiks': (_berth_v1_TraefikConfirmation__Output)[];
  'summary': (string);
}
