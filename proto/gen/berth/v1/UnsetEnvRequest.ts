// Original file: proto/berth/v1/admin.proto


export interface UnsetEnvRequest {
  'app'?: (string);
  'names'?: (string)[];
}

export interface UnsetEnvRequest__Output {
  'app': (string);
  'names': (string)[];
}
