// Original file: proto/berth/v1/admin.proto


export interface SetEnvRequest {
  'app'?: (string);
  'values'?: ({[key: string]: string});
}

export interface SetEnvRequest__Output {
  'app': (string);
  'values': ({[key: string]: string});
}
