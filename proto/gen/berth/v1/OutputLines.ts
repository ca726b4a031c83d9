// Original file: proto/berth/v1/agent.proto


export interface OutputLines {
  'taskId'?: (string);
  'deploymentId'?: (string);
  'lines'?: (string)[];
  'stderr'?: (boolean)[];
}

export interface OutputLines__Output {
  'taskId': (string);
  'deploymentId': (string);
  'lines': (string)[];
  'stderr': (boolean)[];
}
