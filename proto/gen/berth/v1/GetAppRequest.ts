// Original file: proto/berth/v1/admin.proto


export interface GetAppRequest {
  'name'?: (string);
  'reveal'?: (boolean);
}

export interface GetAppRequest__Output {
  'name': (string);
  'reveal': (boolean);
}
