// Original file: proto/berth/v1/admin.proto

import type { Release as _berth_v1_Release, Release__Output as _berth_v1_Release__Output } from '../../berth/v1/Release.js';

export interface ListReleasesResponse {
  'releases'?: (_berth_v1_Release)[];
}

export interface ListReleasesResponse__Output {
  'releases': (_berth_v1_Release__Output)[];
}
