// Original file: proto/berth/v1/admin.proto


export interface RunOutputLine {
  'stream'?: (string);
  'text'?: (string);
}

export interface RunOutputLine__Output {
  'stream': (string);
  'text': (string);
}
