// Original file: proto/berth/v1/admin.proto


export interface CancelDeploymentRequest {
  'id'?: (string);
}

export interface CancelDeploymentRequest__Output {
  'id': (string);
}
