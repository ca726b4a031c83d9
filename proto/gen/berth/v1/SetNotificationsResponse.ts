// Original file: proto/berth/v1/admin.proto


export interface SetNotificationsResponse {
  'app'?: (string);
  'urls'?: (string)[];
  'secret'?: (string);
}

export interface SetNotificationsResponse__Output {
  'app': (string);
  'urls': (string)[];
  'secret': (string);
}
