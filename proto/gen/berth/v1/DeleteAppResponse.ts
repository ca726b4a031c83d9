// Original file: proto/berth/v1/admin.proto


export interface DeleteAppResponse {
  'instancesRemoved'?: (number);
  'routesRemoved'?: (boolean);
}

export interface DeleteAppResponse__Output {
  'instancesRemoved': (number);
  'routesRemoved': (boolean);
}
