// Original file: proto/berth/v1/admin.proto


export interface RotateHookRequest {
  'app'?: (string);
}

export interface RotateHookRequest__Output {
  'app': (string);
}
