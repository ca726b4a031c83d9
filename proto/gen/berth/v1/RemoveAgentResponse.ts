// Original file: proto/berth/v1/admin.proto


export interface RemoveAgentResponse {
  'id'?: (string);
}

export interface RemoveAgentResponse__Output {
  'id': (string);
}
