// Original file: proto/berth/v1/admin.proto


export interface AttachRunRequest {
  'id'?: (string);
  'stdin'?: (Buffer | Uint8Array | string);
  'rows'?: (number);
  'cols'?: (number);
}

export interface AttachRunRequest__Output {
  'id': (string);
  'stdin': (Buffer);
  'rows': (number);
  'cols': (number);
}
