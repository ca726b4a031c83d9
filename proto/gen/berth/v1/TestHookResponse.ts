// Original file: proto/berth/v1/admin.proto


export interface TestHookResponse {
  'decision'?: (string);
  'services'?: (string)[];
  'ref'?: (string);
  'reason'?: (string);
  'source'?: (string);
  'event'?: (string);
}

export interface TestHookResponse__Output {
  'decision': (string);
  'services': (string)[];
  'ref': (string);
  'reason': (string);
  'source': (string);
  'event': (string);
}
