// Original file: proto/berth/v1/admin.proto


export interface GithubSettings {
  'app'?: (string);
  'configured'?: (boolean);
  'apiUrl'?: (string);
}

export interface GithubSettings__Output {
  'app': (string);
  'configured': (boolean);
  'apiUrl': (string);
}
