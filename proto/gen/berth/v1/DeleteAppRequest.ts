// Original file: proto/berth/v1/admin.proto


export interface DeleteAppRequest {
  'name'?: (string);
}

export interface DeleteAppRequest__Output {
  'name': (string);
}
