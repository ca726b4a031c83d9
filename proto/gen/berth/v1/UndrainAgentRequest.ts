// Original file: proto/berth/v1/admin.proto


export interface UndrainAgentRequest {
  'id'?: (string);
}

export interface UndrainAgentRequest__Output {
  'id': (string);
}
