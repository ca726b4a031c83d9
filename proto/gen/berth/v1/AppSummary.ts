// Original file: proto/berth/v1/admin.proto


export interface AppSummary {
  'name'?: (string);
  'services'?: (string)[];
  'domains'?: (string)[];
  'release'?: (string);
}

export interface AppSummary__Output {
  'name': (string);
  'services': (string)[];
  'domains': (string)[];
  'release': (string);
}
