// Original file: proto/berth/v1/admin.proto

import type { AppSummary as _berth_v1_AppSummary, AppSummary__Output as _berth_v1_AppSummary__Output } from '../../berth/v1/AppSummary.js';

export interface ListAppsResponse {
  'apps'?: (_berth_v1_AppSummary)[];
}

export interface ListAppsResponse__Output {
  'apps': (_berth_v1_AppSummary__Output)[];
}
