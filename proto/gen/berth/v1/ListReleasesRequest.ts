// Original file: proto/berth/v1/admin.proto


export interface ListReleasesRequest {
  'app'?: (string);
}

export interface ListReleasesRequest__Output {
  'app': (string);
}
