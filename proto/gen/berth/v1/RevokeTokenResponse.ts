// Original file: proto/berth/v1/admin.proto


export interface RevokeTokenResponse {
  'name'?: (string);
}

export interface RevokeTokenResponse__Output {
  'name': (string);
}
