// Original file: proto/berth/v1/agent.proto


export interface JoinRequest {
  'agentId'?: (string);
  'joinToken'?: (string);
  'hostname'?: (string);
}

export interface JoinRequest__Output {
  'agentId': (string);
  'joinToken': (string);
  'hostname': (string);
}
