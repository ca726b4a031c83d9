// Original file: proto/berth/v1/admin.proto


export interface GetRunRequest {
  'id'?: (string);
}

export interface GetRunRequest__Output {
  'id': (string);
}
