// Original file: proto/berth/v1/agent.proto


export interface NatsCredentials {
  'creds'?: (string);
  'inboxPrefix'?: (string);
}

export interface NatsCredentials__Output {
  'creds': (string);
  'inboxPrefix': (string);
}
