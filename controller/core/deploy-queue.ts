/**
 * One deployment per app at a time. A request arriving while one runs waits as the app's single
 * queued request; later requests merge into it (union of services, the latest ref per service
 * wins), so any burst of triggers yields at most one running and one queued deployment, and the
 * final release holds the last ref asked for.
 */
export interface DeployRequest {
  /** deploy: build a new release; rollback: an earlier release again; scale: the routed release at a new scale. */
  kind: 'deploy' | 'rollback' | 'scale';
  /** Services to build (deploy); the others keep the previous release's image. */
  services: string[];
  /** service → git ref (commit SHA or branch) asked for; absent: the service's own branch head or image. */
  refs: Record<string, string>;
  withPostdeploy: boolean;
  /** rollback: the release to deploy again. */
  release?: string;
}

export interface AppQueue {
  runningId: string | null;
  queued: DeployRequest | null;
}

export type EnqueueDecision = { action: 'start'; request: DeployRequest } | { action: 'queue'; request: DeployRequest; merged: boolean };

export function mergeDeployRequests(earlier: DeployRequest, later: DeployRequest): DeployRequest {
  // A scale change waiting behind a deploy or rollback is already in it (they read the current
  // scale); a lost agent's replacement must not drop a queued push.
  if (later.kind === 'scale' && earlier.kind !== 'scale') return earlier;
  // Only builds merge; a rollback asked for later replaces whatever waited.
  if (earlier.kind !== 'deploy' || later.kind !== 'deploy') return later;
  return {
    kind: 'deploy',
    services: [...new Set([...earlier.services, ...later.services])].sort(),
    refs: { ...earlier.refs, ...later.refs },
    withPostdeploy: earlier.withPostdeploy || later.withPostdeploy,
  };
}

export function decideEnqueue(queue: AppQueue, incoming: DeployRequest): EnqueueDecision {
  if (queue.runningId === null && queue.queued === null) return { action: 'start', request: incoming };
  if (queue.queued === null) return { action: 'queue', request: incoming, merged: false };
  return { action: 'queue', request: mergeDeployRequests(queue.queued, incoming), merged: true };
}

/** When the running deployment ends: the queued request (if any) starts next. */
export function nextAfterFinish(queue: AppQueue): { start: DeployRequest | null; queue: AppQueue } {
  return { start: queue.queued, queue: { runningId: null, queued: null } };
}
