// Original file: proto/berth/v1/admin.proto


export interface ListDeploymentsRequest {
  'app'?: (string);
}

export interface ListDeploymentsRequest__Output {
  'app': (string);
}
