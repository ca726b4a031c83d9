// Original file: proto/berth/v1/admin.proto


export interface Env {
  'app'?: (string);
  'values'?: ({[key: string]: string});
  'revealed'?: (boolean);
}

export interface Env__Output {
  'app': (string);
  'values': ({[key: string]: string});
  'revealed': (boolean);
}
