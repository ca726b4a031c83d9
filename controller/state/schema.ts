/**
 * The controller's state: what it knows of the fleet, the apps, their releases and deployments,
 * hooks and credentials, as plain records in tables. This is the schema every backend stores
 * (controller/state/store.ts); migrate.ts brings older layouts up to it.
 */
import type { AgentRecord } from '../../shared/agent.js';
import type { AppSpec } from '../../shared/app-spec.js';
import type { DeploymentRecord } from '../core/deployment-record.js';
import type { HookReasonCode } from '../core/hook-event.js';
import type { Release } from '../core/release.js';
import type { RunRecord } from '../core/run.js';

/** An instance the controller asked an agent to start; anything else an agent runs is a stray. */
export interface KnownInstance {
  instanceId: string;
  agentId: string;
  app: string;
  service: string;
  release: string;
  deploymentId: string | null;
  /** The CONTAINER variable it got (web-1). */
  container: string;
  createdAtMs: number;
}

export interface AppRecord {
  spec: AppSpec;
  createdAtMs: number;
  updatedAtMs: number;
  /** What Traefik sends traffic to now: a release and its instances; null before the first routing. */
  routed: { release: string; instanceIds: string[] } | null;
  /** Releases are numbered per app; the next one gets this number. */
  nextReleaseNumber: number;
  /** The redeployment hook: the URL's token, and the webhook secret signatures are checked with. */
  hook: { token: string; secret: string | null };
  /** Deployment notifications: URLs POSTed at each state change, signed with the secret. */
  notify: { urls: string[]; secret: string };
  /** GitHub deployments and statuses for hook-triggered deployments; null: none. */
  github: { token: string; apiUrl: string } | null;
}

/** One redeployment hook request and what was decided (`berth hooks log`). */
export interface HookLogEntry {
  atMs: number;
  source: string;
  event: string;
  deliveryId: string | null;
  decision: 'deploy' | 'ignored' | 'ping' | 'rejected';
  /** The reason as a stable label; absent in entries written before it was recorded. */
  code?: HookReasonCode;
  reason: string;
  services: string[];
  ref: string | null;
  deploymentId: string | null;
  dryRun: boolean;
}

/** A named admin API token (berth tokens create); the token itself is never stored. */
export interface TokenRecord {
  name: string;
  scope: 'admin' | 'read';
  /** SHA-256 of the token, hex. */
  hash: string;
  createdAtMs: number;
}

/** A join token (berth agents join-token): usable by any number of new agents until it expires. */
export interface JoinTokenRecord {
  /** SHA-256 of the token, hex. */
  hash: string;
  createdAtMs: number;
  expiresAtMs: number;
}

/** An enrolled agent's credential: the hash of the secret it got from Join. */
export interface AgentCredentialRecord {
  hash: string;
  createdAtMs: number;
  hostname: string;
}

export interface ControllerState {
  schemaVersion: 1;
  agents: Record<string, AgentRecord>;
  instances: Record<string, KnownInstance>;
  apps: Record<string, AppRecord>;
  /** Keyed by "APP/vN". */
  releases: Record<string, Release>;
  deployments: Record<string, DeploymentRecord>;
  /** Per app, newest last, bounded. */
  hookLog: Record<string, HookLogEntry[]>;
  tokens: Record<string, TokenRecord>;
  joinTokens: JoinTokenRecord[];
  /** Keyed by agent id. Removing an agent (berth agents remove) revokes its credential. */
  agentCredentials: Record<string, AgentCredentialRecord>;
  /** One-off runs (berth run, schedules), keyed by run id; ended ones bounded per app. */
  runs: Record<string, RunRecord>;
  /** Per schedule ("APP/NAME"): when it last fired, so a restart knows what it missed. */
  scheduleMarks: Record<string, { lastFireMs: number }>;
  /** What several controllers on one state in NATS share: the admin token every one of them takes. */
  cluster: { adminToken: string | null };
}

export function emptyState(): ControllerState {
  return {
    schemaVersion: 1,
    agents: {},
    instances: {},
    apps: {},
    releases: {},
    deployments: {},
    hookLog: {},
    tokens: {},
    joinTokens: [],
    agentCredentials: {},
    runs: {},
    scheduleMarks: {},
    cluster: { adminToken: null },
  };
}

/** Tables kept as one value (small lists); every other table is a record per key. */
export const WHOLE_TABLES: ReadonlySet<string> = new Set(['schemaVersion', 'joinTokens', 'cluster']);
