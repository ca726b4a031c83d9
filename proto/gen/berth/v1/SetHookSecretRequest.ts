// Original file: proto/berth/v1/admin.proto


export interface SetHookSecretRequest {
  'app'?: (string);
  'value'?: (string);
  'clear'?: (boolean);
}

export interface SetHookSecretRequest__Output {
  'app': (string);
  'value': (string);
  'clear': (boolean);
}
