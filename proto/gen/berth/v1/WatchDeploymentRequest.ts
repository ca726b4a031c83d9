// Original file: proto/berth/v1/admin.proto


export interface WatchDeploymentRequest {
  'id'?: (string);
}

export interface WatchDeploymentRequest__Output {
  'id': (string);
}
