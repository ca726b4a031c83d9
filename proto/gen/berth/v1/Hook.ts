// Original file: proto/berth/v1/admin.proto


export interface Hook {
  'app'?: (string);
  'url'?: (string);
  'hasSecret'?: (boolean);
  'secret'?: (string);
}

export interface Hook__Output {
  'app': (string);
  'url': (string);
  'hasSecret': (boolean);
  'secret': (string);
}
