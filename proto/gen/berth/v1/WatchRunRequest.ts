// Original file: proto/berth/v1/admin.proto


export interface WatchRunRequest {
  'id'?: (string);
  'fromStart'?: (boolean);
}

export interface WatchRunRequest__Output {
  'id': (string);
  'fromStart': (boolean);
}
