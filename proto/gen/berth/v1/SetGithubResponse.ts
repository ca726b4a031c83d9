// Original file: proto/berth/v1/admin.proto


export interface SetGithubResponse {
  'app'?: (string);
  'configured'?: (boolean);
  'apiUrl'?: (string);
}

export interface SetGithubResponse__Output {
  'app': (string);
  'configured': (boolean);
  'apiUrl': (string);
}
