// Original file: proto/berth/v1/admin.proto


export interface GetDeploymentRequest {
  'id'?: (string);
}

export interface GetDeploymentRequest__Output {
  'id': (string);
}
