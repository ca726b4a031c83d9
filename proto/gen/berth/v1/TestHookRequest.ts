// Original file: proto/berth/v1/admin.proto


export interface TestHookRequest {
  'app'?: (string);
  'payload'?: (string);
  'event'?: (string);
  'services'?: (string);
  'source'?: (string);
}

export interface TestHookRequest__Output {
  'app': (string);
  'payload': (string);
  'event': (string);
  'services': (string);
  'source': (string);
}
