// Original file: proto/berth/v1/admin.proto


export interface RevokeTokenRequest {
  'name'?: (string);
}

export interface RevokeTokenRequest__Output {
  'name': (string);
}
