// Original file: proto/berth/v1/admin.proto


export interface ListEnvRequest {
  'app'?: (string);
  'reveal'?: (boolean);
}

export interface ListEnvRequest__Output {
  'app': (string);
  'reveal': (boolean);
}
