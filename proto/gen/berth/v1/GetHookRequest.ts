// Original file: proto/berth/v1/admin.proto


export interface GetHookRequest {
  'app'?: (string);
}

export interface GetHookRequest__Output {
  'app': (string);
}
