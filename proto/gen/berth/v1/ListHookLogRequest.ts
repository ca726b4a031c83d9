// Original file: proto/berth/v1/admin.proto


export interface ListHookLogRequest {
  'app'?: (string);
}

export interface ListHookLogRequest__Output {
  'app': (string);
}
