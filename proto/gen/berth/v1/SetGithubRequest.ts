// Original file: proto/berth/v1/admin.proto


export interface SetGithubRequest {
  'app'?: (string);
  'token'?: (string);
  'apiUrl'?: (string);
  'clear'?: (boolean);
}

export interface SetGithubRequest__Output {
  'app': (string);
  'token': (string);
  'apiUrl': (string);
  'clear': (boolean);
}
