// Original file: proto/berth/v1/admin.proto


export interface CreateTokenRequest {
  'name'?: (string);
  'readOnly'?: (boolean);
}

export interface CreateTokenRequest__Output {
  'name': (string);
  'readOnly': (boolean);
}
