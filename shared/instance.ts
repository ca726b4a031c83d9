/** An Instance is one container of a release, as an agent observes it. */
export const INSTANCE_STATES = ['created', 'running', 'exited', 'removed'] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];

export const INSTANCE_HEALTHS = ['unknown', 'healthy', 'unhealthy'] as const;
export type InstanceHealth = (typeof INSTANCE_HEALTHS)[number];

export const INSTANCE_EVENT_KINDS = ['started', 'healthy', 'unhealthy', 'exited', 'oom_killed', 'removed'] as const;
export type InstanceEventKind = (typeof INSTANCE_EVENT_KINDS)[number];

export interface InstanceStatus {
  instanceId: string;
  containerId: string;
  app: string;
  service: string;
  release: string;
  deploymentId: string;
  state: InstanceState;
  health: InstanceHealth;
  containerPort: number;
  hostPort: number;
  hostIp: string;
  /** Last exit code seen; -1 when it never exited. */
  exitCode: number;
  oomKilled: boolean;
  image: string;
  startedAtMs: number;
  finishedAtMs: number;
}

/**
 * Container labels. An agent rebuilds its view after a restart by listing containers that carry
 * LABELS.agent with its own id; several agents may share one Docker Engine.
 */
export const LABELS = {
  app: 'berth.app',
  service: 'berth.service',
  release: 'berth.release',
  deployment: 'berth.deployment',
  agent: 'berth.agent',
  instance: 'berth.instance',
  /** Marks a one-off container (postdeploy); it is not an instance. */
  oneOff: 'berth.oneoff',
  /** The start task's health check as JSON, so a restarted agent resumes probing. */
  health: 'berth.health',
} as const;
