// Original file: proto/berth/v1/admin.proto


export interface HookRequest {
  'app'?: (string);
}

export interface HookRequest__Output {
  'app': (string);
}
