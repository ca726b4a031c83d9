// Original file: proto/berth/v1/admin.proto

import type { App as _berth_v1_App, App__Output as _berth_v1_App__Output } from '../../berth/v1/App.js';

export interface GetAppResponse {
  'app'?: (_berth_v1_App | null);
}

export interface GetAppResponse__Output {
  'app': (_berth_v1_App__Output | null);
}
