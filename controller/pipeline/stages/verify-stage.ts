/**
 * verifying: every new instance must run, answer its health check within the boot timeout and
 * stay up for the stability window. An instance whose agent goes down is placed elsewhere.
 */
import type { BerthError } from '../../../shared/errors.js';
import { errorMessage } from '../../../shared/errors.js';
import type { DeploymentEvent } from '../../core/deployment-machine.js';
import { judgeInstance, NOT_UP } from '../../core/instance-verdict.js';
import { healthCheckOf, type Release } from '../../core/release.js';
import type { PlannedInstance } from '../../core/rollout-plan.js';
import { cancelled, releaseOf, stageFailure, type StageContext } from './stage-context.js';
import { replaceOnOtherAgent } from './start-stage.js';

const POLL_MS = 100;

export async function verifyStage(ctx: StageContext): Promise<DeploymentEvent> {
  const release = releaseOf(ctx);
  const plan = ctx.deployment().plan;
  if (!plan) throw stageFailure('the deployment has no plan');
  // Exits are taken from the events: with a restart policy the registry may already show the
  // container running again.
  const exits = new Map<string, { kind: string; exitCode: number }>();
  // Waiters by instance id: an event wakes the check of its own instance only (waking every check
  // of every verifying deployment on every event cost O(instances²) in a wave of thousands).
  const wake = new Map<string, Set<() => void>>();
  const stopListening = ctx.intake.onInstanceEvent((notice) => {
    if ((notice.kind === 'exited' || notice.kind === 'oom_killed') && !exits.has(notice.instanceId))
      exits.set(notice.instanceId, { kind: notice.kind, exitCode: notice.exitCode });
    // The check runs again at once, not a poll interval later.
    for (const w of [...(wake.get(notice.instanceId) ?? [])]) w();
  });
  const changed = (instanceId: string, ms: number) =>
    new Promise<void>((resolve) => {
      const waiters = wake.get(instanceId) ?? new Set();
      wake.set(instanceId, waiters);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0 && wake.get(instanceId) === waiters) wake.delete(instanceId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });
  // The first instance that fails stops the others' checks (and any replacement they would start).
  const local = new AbortController();
  const forward = () => local.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', forward, { once: true });
  const vctx: StageContext = { ...ctx, signal: local.signal };
  try {
    let healthy = 0;
    await Promise.all(
      plan.start.map(async (planned) => {
        await verifyInstance(vctx, release, planned, exits, changed);
        healthy++;
        ctx.patch((r) => {
          r.progress = { healthy, wanted: plan.start.length };
        });
      }),
    );
  } catch (err) {
    if (!local.signal.aborted) local.abort('another instance failed');
    throw err;
  } finally {
    ctx.signal.removeEventListener('abort', forward);
    stopListening();
  }
  return { type: 'verified' };
}

async function verifyInstance(
  ctx: StageContext,
  release: Release,
  first: PlannedInstance,
  exits: Map<string, { kind: string; exitCode: number }>,
  changed: (instanceId: string, ms: number) => Promise<void>,
): Promise<void> {
  let planned = first;
  const bootTimeoutMs = release.spec.services[planned.service]?.health.bootTimeout ?? 60_000;
  const check = healthCheckOf(release, planned.service);
  const port = release.spec.services[planned.service]?.port;
  const checkDescription = check.type === 'http' ? `GET ${check.path} on port ${port}` : check.type === 'tcp' ? `a TCP connect to port ${port}` : 'running';
  let deadline = Date.now() + bootTimeoutMs;
  let watch = NOT_UP;
  for (;;) {
    if (ctx.signal.aborted) throw cancelled(ctx.signal);
    const agent = ctx.store.data.agents[planned.agentId];
    const verdict = judgeInstance(
      {
        agentAlive: agent?.alive === true,
        seen: agent?.instances[planned.instanceId],
        exit: exits.get(planned.instanceId),
        unchecked: check.type === 'none',
        now: Date.now(),
        deadline,
        stabilityWindowMs: ctx.stabilityWindowMs,
        checkDescription,
        bootTimeoutMs,
        watch,
      },
      POLL_MS,
    );
    switch (verdict.kind) {
      case 'stable':
        return;
      case 'failed':
        throw await instanceFailure(ctx, planned, verdict.how, verdict.exitCode);
      case 'replace':
        planned = await replaceOnOtherAgent(ctx, release, planned);
        deadline = Date.now() + bootTimeoutMs;
        watch = NOT_UP;
        continue;
      case 'wait':
        watch = verdict.watch;
        await changed(planned.instanceId, verdict.wakeInMs);
    }
  }
}

/** The instance's last output lines, fetched by removing it; then the failure to record. */
async function instanceFailure(ctx: StageContext, planned: PlannedInstance, how: string, exitCode: number | undefined): Promise<BerthError> {
  let output: string[] = [];
  try {
    const removed = await ctx.dispatcher.run(
      { kind: 'remove-instance', agentId: planned.agentId, deploymentId: ctx.deployment().id, spec: { instanceId: planned.instanceId } },
      30_000,
    );
    output = removed.outputTail.slice(-20);
  } catch (err) {
    ctx.log.warn({ instanceId: planned.instanceId, err: errorMessage(err) }, 'cannot fetch the output of a failed instance');
  }
  return stageFailure(`${planned.container} (${planned.instanceId} on ${planned.agentId}) ${how}`, {
    ...(exitCode !== undefined && exitCode >= 0 ? { exitCode } : {}),
    output,
  });
}
