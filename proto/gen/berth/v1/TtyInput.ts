// Original file: proto/berth/v1/agent.proto


export interface TtyInput {
  'oneOffId'?: (string);
  'data'?: (Buffer | Uint8Array | string);
  'rows'?: (number);
  'cols'?: (number);
}

export interface TtyInput__Output {
  'oneOffId': (string);
  'data': (Buffer);
  'rows': (number);
  'cols': (number);
}
