// Original file: proto/berth/v1/agent.proto


export interface Welcome {
  'controllerVersion'?: (string);
  'heartbeatTtlMs'?: (number);
  'protocol'?: (number);
}

export interface Welcome__Output {
  'controllerVersion': (string);
  'heartbeatTtlMs': (number);
  'protocol': (number);
}
