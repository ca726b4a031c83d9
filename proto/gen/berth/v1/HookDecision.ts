// Original file: proto/berth/v1/admin.proto


export interface HookDecision {
  'decision'?: (string);
  'services'?: (string)[];
  'ref'?: (string);
  'reason'?: (string);
  'source'?: (string);
  'event'?: (string);
}

export interface HookDecision__Output {
  'decision': (string);
  'services': (string)[];
  'ref': (string);
  'reason': (string);
  'source': (string);
  'event': (string);
}
