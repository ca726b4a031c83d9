// Original file: proto/berth/v1/admin.proto


export interface WatchEventsRequest {
  'app'?: (string);
}

export interface WatchEventsRequest__Output {
  'app': (string);
}
