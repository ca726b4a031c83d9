// Original file: proto/berth/v1/admin.proto


export interface SetNotificationsRequest {
  'app'?: (string);
  'add'?: (string)[];
  'remove'?: (string)[];
}

export interface SetNotificationsRequest__Output {
  'app': (string);
  'add': (string)[];
  'remove': (string)[];
}
