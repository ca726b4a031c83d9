// Original file: proto/berth/v1/admin.proto


export interface DeployRequest {
  'app'?: (string);
  'services'?: (string)[];
  'ref'?: (string);
}

export interface DeployRequest__Output {
  'app': (string);
  'services': (string)[];
  'ref': (string);
}
