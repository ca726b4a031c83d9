/**
 * What a deployment's notification URLs receive at each state change: a JSON body signed with
 * HMAC-SHA256 (header X-Berth-Signature-256: sha256=HEX, the GitHub convention), and the retry
 * schedule of a delivery. Pure.
 */
import type { DeploymentRecord } from './deployment-record.js';

export interface DeploymentNotice {
  event: 'deployment';
  app: string;
  deployment: string;
  kind: string;
  release: string | null;
  /** The machine's state (queued, building, ... succeeded, failed, cancelled). */
  state: string;
  /** queued | in_progress | succeeded | failed | cancelled: what a status badge needs. */
  status: 'queued' | 'in_progress' | 'succeeded' | 'failed' | 'cancelled';
  phase: string | null;
  reason: string | null;
  exitCode: number | null;
  atMs: number;
}

export function deploymentNotice(d: DeploymentRecord): DeploymentNotice {
  const status = d.state === 'queued' || d.state === 'succeeded' || d.state === 'failed' || d.state === 'cancelled' ? d.state : 'in_progress';
  return {
    event: 'deployment',
    app: d.app,
    deployment: d.id,
    kind: d.request.kind,
    release: d.release || null,
    state: d.state,
    status,
    phase: d.failure?.phase ?? null,
    reason: d.failure?.reason ?? null,
    exitCode: d.failure?.exitCode ?? null,
    atMs: d.history.at(-1)?.atMs ?? 0,
  };
}

/** Delays before each retry of a failed delivery: 1 s, 2 s, 4 s, 8 s, 16 s; then it is dropped. */
export const NOTICE_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000];

export function retryDelay(attempt: number, delays: number[] = NOTICE_RETRY_DELAYS_MS): number | null {
  return attempt < delays.length ? (delays[attempt] as number) : null;
}
