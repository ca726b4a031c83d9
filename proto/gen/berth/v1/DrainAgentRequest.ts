// Original file: proto/berth/v1/admin.proto


export interface DrainAgentRequest {
  'id'?: (string);
}

export interface DrainAgentRequest__Output {
  'id': (string);
}
