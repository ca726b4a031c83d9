// Original file: proto/berth/v1/admin.proto


export interface StopRunRequest {
  'id'?: (string);
}

export interface StopRunRequest__Output {
  'id': (string);
}
