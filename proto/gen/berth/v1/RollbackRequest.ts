// Original file: proto/berth/v1/admin.proto


export interface RollbackRequest {
  'app'?: (string);
  'to'?: (string);
  'withPostdeploy'?: (boolean);
}

export interface RollbackRequest__Output {
  'app': (string);
  'to': (string);
  'withPostdeploy': (boolean);
}
