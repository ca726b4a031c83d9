// Original file: proto/berth/v1/agent.proto


export interface TtyOutput {
  'oneOffId'?: (string);
  'data'?: (Buffer | Uint8Array | string);
}

export interface TtyOutput__Output {
  'oneOffId': (string);
  'data': (Buffer);
}
