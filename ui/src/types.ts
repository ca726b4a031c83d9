/** The admin API's messages as the gateway sends them (JSON of berth.v1, field names in camelCase, int64 as strings). */
export interface AppSummary {
  name: string;
  services: string[];
  domains: string[];
  release: string;
}

export interface Release {
  name: string;
  createdAtMs: string;
  deploymentId: string;
  routed: boolean;
}

export interface Deployment {
  id: string;
  app: string;
  kind: string;
  release: string;
  state: string;
  history: Array<{ state: string; atMs: string }>;
  failure: { phase: string; reason: string; output: string[] } | null;
  healthy: number;
  wanted: number;
  createdAtMs: string;
  output: string[];
}

export interface AgentSummary {
  id: string;
  hostname: string;
  advertiseAddr: string;
  cpus: number;
  memoryBytes: string;
  version: string;
  status: string;
  lastHeartbeatMs: string;
  instances: Array<{ instanceId: string; app: string; service: string; release: string; state: string; health: string }>;
}

export interface ClusterEvent {
  atMs: string;
  /** deployment | agent | hook | run */
  kind: string;
  app: string;
  subject: string;
  state: string;
  message: string;
}

export interface Run {
  id: string;
  app: string;
  service: string;
  release: string;
  command: string[];
  startedBy: string;
  schedule: string;
  agentId: string;
  state: string;
  hasExitCode: boolean;
  exitCode: number;
  reason: string;
  createdAtMs: string;
  startedAtMs: string;
  endedAtMs: string;
}

export interface LogLine {
  instanceId: string;
  container: string;
  service: string;
  stream: string;
  atMs: string;
  text: string;
}

export const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
export const PHASES = ['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining'];
