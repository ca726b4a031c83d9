// Original file: proto/berth/v1/admin.proto


export interface ScaleRequest {
  'app'?: (string);
  'scale'?: ({[key: string]: number});
}

export interface ScaleRequest__Output {
  'app': (string);
  'scale': ({[key: string]: number});
}
