import type { InstanceStatus } from './instance.js';

/** What an agent says about itself when its report stream opens. */
export interface AgentHello {
  agentId: string;
  hostname: string;
  advertiseAddr: string;
  labels: Record<string, string>;
  cpus: number;
  memoryBytes: number;
  version: string;
  sessionId: string;
  instances: InstanceStatus[];
}

export const AGENT_STATUSES = ['ready', 'down', 'draining'] as const;

/**
 * The longest an agent waits between two attempts to reach a controller it lost. A restarted
 * controller gives every agent this long on top of the TTL to say hello again.
 */
export const AGENT_RECONNECT_MAX_BACKOFF_MS = 5000;

/**
 * How long an agent that said goodbye (stopped cleanly: an upgrade, a restart) is given to come
 * back before it is taken for lost: meanwhile its instances, which keep running, stay routed and
 * are not replaced.
 */
export const AGENT_RESTART_GRACE_MS = 5 * 60_000;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** The controller's registry entry for one agent (persisted, heartbeat times included). */
export interface AgentRecord {
  id: string;
  hostname: string;
  advertiseAddr: string;
  labels: Record<string, string>;
  cpus: number;
  memoryBytes: number;
  version: string;
  sessionId: string;
  /** False once heartbeats stopped for the TTL; true again on the next hello. */
  alive: boolean;
  /** Set by an operator: no new placements (the agents issue's drain). */
  draining: boolean;
  lastHeartbeatMs: number;
  connectedAtMs: number;
  downSinceMs: number | null;
  /** Said goodbye (stopping cleanly): not taken for lost before this time. Null (or absent) otherwise. */
  restartingUntilMs?: number | null;
  instances: Record<string, InstanceStatus>;
}
