/**
 * What every stage of a deployment works with: the controller's parts it needs (DeploymentDeps),
 * the deployment itself and the cancel signal (StageContext), and the helpers they share: running
 * one task of the deployment, failing it with a reason, reading its app and releases. The stages
 * (one file each beside this one) hold no state of their own; each returns the event that ends it
 * or throws a stage failure.
 */
import { BerthError, errorMessage, isBerthError } from '../../../shared/errors.js';
import { newTaskId } from '../../../shared/ids.js';
import type { Logger } from '../../../shared/logger.js';
import type { TaskInput } from '../../../shared/task.js';
import type { Store } from '../../state/store.js';
import type { AppRecord } from '../../state/schema.js';
import type { DeploymentRecord } from '../../core/deployment-record.js';
import { OPERATOR_CANCEL } from '../../core/deployment-machine.js';
import { releaseKey, type Release } from '../../core/release.js';
import type { PlannedInstance } from '../../core/rollout-plan.js';
import type { ReportIntake } from '../report-intake.js';
import type { ReplacementPlacer } from '../replacement-placer.js';
import type { Router } from '../router.js';
import type { TaskDispatcher, TaskResult } from '../task-dispatcher.js';

/** What deployments need from the rest of the controller. */
export interface DeploymentDeps {
  store: Store;
  dispatcher: TaskDispatcher;
  intake: ReportIntake;
  router: Router;
  /** Places replacements for instances lost with their agent. */
  replacements: ReplacementPlacer;
  log: Logger;
  /** How long a healthy new instance must stay up before it counts (default 3 s). */
  stabilityWindowMs: number;
  /** Ended deployments kept per app (default DEPLOYMENTS_KEPT_PER_APP). */
  deploymentHistory?: number;
}

export interface StageContext extends DeploymentDeps {
  /** Aborted when an operator cancels the deployment. */
  signal: AbortSignal;
  deployment(): DeploymentRecord;
  patch(change: (d: DeploymentRecord) => void): void;
  /** Build and postdeploy output: kept (bounded) on the deployment and streamed to watchers. */
  emitLines(lines: string[]): void;
}

/** Fails the deployment in its current phase. */
export function stageFailure(reason: string, extra: { exitCode?: number; output?: string[] } = {}): BerthError {
  return new BerthError('DEPLOYMENT_FAILED', reason, extra);
}

export const TASK_TIMEOUT_MS = 5 * 60_000;
const AGENT_WATCH_MS = 250;

export function cancelled(signal: AbortSignal): BerthError {
  return new BerthError('CANCELLED', String(signal.reason ?? OPERATOR_CANCEL));
}

/** Runs one task, streaming its output lines into the deployment; rejects when cancelled. */
export async function runTask(
  ctx: StageContext,
  request: Omit<TaskInput, 'id' | 'createdAtMs' | 'deadlineMs' | 'deploymentId'>,
  timeoutMs = TASK_TIMEOUT_MS,
): Promise<TaskResult> {
  if (ctx.signal.aborted) throw cancelled(ctx.signal);
  const id = newTaskId();
  const stopOutput = ctx.intake.onOutput((notice) => {
    if (notice.taskId === id) ctx.emitLines(notice.lines);
  });
  let onAbort: (() => void) | null = null;
  let agentWatch: NodeJS.Timeout | undefined;
  try {
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(cancelled(ctx.signal));
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      // A task on an agent that went down would only time out (up to an hour for a build).
      agentWatch = setInterval(() => {
        if (ctx.store.data.agents[request.agentId]?.alive === false)
          reject(new BerthError('AGENT_NOT_READY', `agent ${request.agentId} went down during ${ctx.deployment().state}`, { agentId: request.agentId }));
      }, AGENT_WATCH_MS);
    });
    const result = ctx.dispatcher.run({ ...request, id, deploymentId: ctx.deployment().id, deadlineMs: Date.now() + timeoutMs } as never, timeoutMs);
    result.catch(() => undefined);
    return await Promise.race([result, aborted]);
  } catch (err) {
    if (isBerthError(err, 'CANCELLED') || isBerthError(err, 'AGENT_NOT_READY')) throw err;
    throw stageFailure(`${request.kind} on ${request.agentId}: ${errorMessage(err)}`);
  } finally {
    clearInterval(agentWatch);
    stopOutput();
    if (onAbort) ctx.signal.removeEventListener('abort', onAbort);
  }
}

export function appRecord(ctx: StageContext, app: string): AppRecord {
  const record = ctx.store.data.apps[app];
  if (!record) throw stageFailure(`app ${app} was deleted`);
  return record;
}

export function routedRelease(ctx: StageContext, app: AppRecord): Release | null {
  return app.routed ? (ctx.store.data.releases[releaseKey(app.spec.name, app.routed.release)] ?? null) : null;
}

export function releaseOf(ctx: StageContext): Release {
  const d = ctx.deployment();
  const release = ctx.store.data.releases[releaseKey(d.app, d.release)];
  if (!release) throw stageFailure(`release ${d.release} of ${d.app} is missing from the store`);
  return release;
}

/** The routed instances as planned instances (service, container, agent). */
export function routedInstances(ctx: StageContext, app: AppRecord): PlannedInstance[] {
  return (app.routed?.instanceIds ?? []).flatMap((id) => {
    const known = ctx.store.data.instances[id];
    return known ? [{ instanceId: id, service: known.service, container: known.container, agentId: known.agentId }] : [];
  });
}
