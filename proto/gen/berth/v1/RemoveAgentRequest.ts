// Original file: proto/berth/v1/admin.proto


export interface RemoveAgentRequest {
  'id'?: (string);
}

export interface RemoveAgentRequest__Output {
  'id': (string);
}
