// Original file: proto/berth/v1/admin.proto


export interface Notifications {
  'app'?: (string);
  'urls'?: (string)[];
  'secret'?: (string);
}

export interface Notifications__Output {
  'app': (string);
  'urls': (string)[];
  'secret': (string);
}
