// Original file: proto/berth/v1/admin.proto


export interface ListRunsRequest {
  'app'?: (string);
}

export interface ListRunsRequest__Output {
  'app': (string);
}
