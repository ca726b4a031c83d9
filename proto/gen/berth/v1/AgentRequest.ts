// Original file: proto/berth/v1/admin.proto


export interface AgentRequest {
  'id'?: (string);
}

export interface AgentRequest__Output {
  'id': (string);
}
