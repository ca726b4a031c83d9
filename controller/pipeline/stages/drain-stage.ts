/**
 * draining: old instances keep running for the drain period after Traefik confirmed the switch,
 * then are stopped and removed. When a Traefik did not confirm, they are kept running (it may
 * still send them requests); the next deployment retires them once its own switch is confirmed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeploymentEvent } from '../../core/deployment-machine.js';
import { describeRouting, routingConfirmed } from '../../core/route-confirmation.js';
import { retireInstances } from './instance-removal.js';
import { releaseOf, stageFailure, type StageContext } from './stage-context.js';

export async function drainStage(ctx: StageContext): Promise<DeploymentEvent> {
  const d = ctx.deployment();
  const release = releaseOf(ctx);
  const retire = d.plan?.retire ?? [];
  if (retire.length === 0) return { type: 'drained' };
  if (d.routing && !routingConfirmed(d.routing)) {
    const waiting = d.routing.traefiks.filter((t) => !t.confirmed).map((t) => t.api);
    const kept = `kept ${retire.length} old instance(s) running: ${waiting.join(', ')} did not confirm the new routes (${describeRouting(d.routing)})`;
    ctx.patch((r) => {
      r.warnings = [...r.warnings, `draining: ${kept}`];
    });
    ctx.emitLines([`--> ${kept}`]);
    return { type: 'drained' };
  }
  const drainMs = Math.max(0, d.history.at(-1)!.atMs + release.spec.drain - Date.now());
  if (drainMs > 0) await sleep(drainMs, undefined, { signal: ctx.signal });
  const problems = await retireInstances(ctx.store, ctx.dispatcher, retire, d.id);
  if (problems.length) throw stageFailure(problems.join('; '));
  return { type: 'drained' };
}
