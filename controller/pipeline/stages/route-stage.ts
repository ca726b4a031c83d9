/**
 * routing: Traefik's file (and the HTTP provider's answer) now lists the new instances and the
 * kept ones; then every Traefik the controller knows must confirm it has loaded them (or, with
 * none, a settle time passes) before draining starts: an old instance is never stopped while a
 * Traefik may still send it requests.
 */
import { toBerthError } from '../../../shared/errors.js';
import type { DeploymentEvent } from '../../core/deployment-machine.js';
import { describeRouting, routingConfirmed } from '../../core/route-confirmation.js';
import { serviceRouteName } from '../../core/traefik-config.js';
import { confirmRoutes } from '../route-confirmer.js';
import { appRecord, releaseOf, routedRelease, stageFailure, type StageContext } from './stage-context.js';

export async function routeStage(ctx: StageContext): Promise<DeploymentEvent> {
  const d = ctx.deployment();
  const plan = d.plan;
  if (!plan) throw stageFailure('the deployment has no plan');
  const ids = [...plan.keep, ...plan.start].map((i) => i.instanceId);
  const before = routedRelease(ctx, appRecord(ctx, d.app));
  const services = [...Object.keys(releaseOf(ctx).spec.services), ...Object.keys(before?.spec.services ?? {})];
  try {
    // "routing" must be on disk before the file changes: a controller restarted in between
    // resumes routing instead of failing (and removing) the instances the file names. persisted(),
    // not flush(): changes others make meanwhile must not keep this waiting.
    await ctx.store.persisted();
    const outcome = await ctx.router.route(d.app, d.release, ids);
    ctx.log.info({ release: d.release, outcome, instances: ids.length }, 'routes switched');
  } catch (err) {
    throw stageFailure(toBerthError(err).message);
  }
  const confirmation = await confirmRoutes(ctx.router.options.confirm, serviceRouteName(d.app, ''), () => ctx.router.expected(d.app, services), ctx.signal);
  ctx.patch((r) => {
    r.routing = confirmation;
  });
  const line = describeRouting(confirmation);
  ctx.emitLines([`--> ${line}`]);
  if (routingConfirmed(confirmation)) ctx.log.info({ confirmation }, 'routes confirmed');
  else ctx.log.warn({ confirmation }, 'routes not confirmed: old instances will be kept');
  return { type: 'routed' };
}
