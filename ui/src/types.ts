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

export const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
export const PHASES = ['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining'];
