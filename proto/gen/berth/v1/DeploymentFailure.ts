// Original file: proto/berth/v1/admin.proto


export interface DeploymentFailure {
  'phase'?: (string);
  'reason'?: (string);
  'hasExitCode'?: (boolean);
  'exitCode'?: (number);
  'output'?: (string)[];
}

export interface DeploymentFailure__Output {
  'phase': (string);
  'reason': (string);
  'hasExitCode': (boolean);
  'exitCode': (number);
  'output': (string)[];
}
