// Original file: proto/berth/v1/admin.proto


export interface ApplyAppRequest {
  'specText'?: (string);
  'source'?: (string);
}

export interface ApplyAppRequest__Output {
  'specText': (string);
  'source': (string);
}
