// Original file: proto/berth/v1/admin.proto


export interface GetAppRequest {
  'name'?: (string);
}

export interface GetAppRequest__Output {
  'name': (string);
}
