/**
 * building: decide the release (core/release-target.ts: build a new one, or take the one rolled
 * back to or routed now), plan where its instances go (core/rollout-plan.ts), and make sure each
 * of those agents holds the image. Run again after a controller restart, it plans afresh (nothing
 * was started yet) and finds what the first run built: the release if it was recorded, else the
 * images, the agents' prepares of a service queuing behind the one still running.
 */
import type { ImageSource, PreparedImage } from '../../../shared/task.js';
import type { DeploymentEvent } from '../../core/deployment-machine.js';
import { fleetView } from '../../core/fleet-view.js';
import { strandedInstances } from '../../core/leftovers.js';
import { placeReplicas } from '../../core/placement.js';
import { makeRelease, releaseKey, type Release, type ServiceImage } from '../../core/release.js';
import { chooseTarget, runsPostdeploy, servicesToBuild, targetScale } from '../../core/release-target.js';
import { planRollout, type PlannedInstance } from '../../core/rollout-plan.js';
import { ensureImages, prepareOn } from './images.js';
import { appRecord, routedInstances, routedRelease, stageFailure, type StageContext } from './stage-context.js';

export async function buildStage(ctx: StageContext): Promise<DeploymentEvent> {
  const d = ctx.deployment();
  const app = appRecord(ctx, d.app);
  const previous = routedRelease(ctx, app);
  const choice = chooseTarget({
    app: d.app,
    deploymentId: d.id,
    request: d.request,
    spec: app.spec,
    nextReleaseNumber: app.nextReleaseNumber,
    routed: previous,
    rollbackTo: d.request.kind === 'rollback' ? (ctx.store.data.releases[releaseKey(d.app, d.request.release ?? '')] ?? null) : null,
    builtHere: Object.values(ctx.store.data.releases).find((r) => r.app === d.app && r.deploymentId === d.id) ?? null,
    now: Date.now(),
  });
  if (!choice.ok) throw stageFailure(choice.reason);
  let target = choice.release;
  const planned = planRollout({
    app: d.app,
    deploymentId: d.id,
    release: target,
    scale: targetScale(target, app.spec),
    routed: app.routed ? { release: app.routed.release, instances: routedInstances(ctx, app) } : null,
    leftovers: strandedInstances(ctx.store.data, d.app, d.id),
    agents: fleetView(ctx.store.data),
  });
  if (!planned.ok) throw stageFailure(planned.reason);
  const plan = planned.plan;
  ctx.patch((r) => {
    r.plan = plan;
    r.progress = { healthy: 0, wanted: plan.start.length };
  });

  const built = new Set<string>();
  if (choice.draft) {
    const images: Record<string, ServiceImage> = {};
    for (const [service, how] of Object.entries(servicesToBuild(target, previous, d.request.services))) {
      const reused = previous?.services[service];
      if (how === 'reuse' && reused) {
        images[service] = { reused };
      } else {
        images[service] = { prepared: await prepareService(ctx, target, service, plan.start) };
        built.add(service);
      }
    }
    const number = app.nextReleaseNumber;
    const release = makeRelease({ app: d.app, number, deploymentId: d.id, spec: target.spec, images }, Date.now());
    ctx.store.update((s) => {
      s.releases[releaseKey(d.app, release.name)] = release;
      const a = s.apps[d.app];
      if (a) a.nextReleaseNumber = number + 1;
    });
    target = release;
  }
  await ensureImages(ctx, target, plan.start, built);
  return { type: 'built', release: target.name, hasPostdeploy: runsPostdeploy(target, d.request) };
}

/**
 * Every agent that will run the service gets the image. For git, the first agent resolves the ref
 * to a commit and the others build exactly that commit, so the release names one SHA.
 */
async function prepareService(ctx: StageContext, release: Release, service: string, start: PlannedInstance[]): Promise<PreparedImage> {
  const spec = release.spec.services[service];
  if (!spec) throw stageFailure(`no service ${service}`);
  let agents = [...new Set(start.filter((i) => i.service === service).map((i) => i.agentId))];
  if (agents.length === 0) {
    // Scaled to zero: one agent still builds it, so the release records what it would run.
    const placed = placeReplicas({ app: release.app, service, replicas: 1, labels: spec.placement.labels }, fleetView(ctx.store.data));
    if (!placed.ok) throw stageFailure(placed.reason);
    agents = placed.placements.map((p) => p.agentId);
  }
  const ref = ctx.deployment().request.refs[service];
  let source: ImageSource = spec.git
    ? { type: 'git', repo: spec.git.repo, ref: ref ?? spec.git.branch, dockerfile: spec.git.dockerfile, context: spec.git.context }
    : { type: 'image', image: spec.image as string };
  const [first, ...rest] = agents as [string, ...string[]];
  const prepared = await prepareOn(ctx, release.app, service, first, source);
  if (source.type === 'git') source = { ...source, ref: prepared.commitSha };
  const others = await Promise.all(rest.map((agentId) => prepareOn(ctx, release.app, service, agentId, source)));
  if (source.type === 'git') return prepared;
  // An image is pinned by its id, so a tag moved later cannot change the release; only when
  // agents hold different images under the tag does the release keep the tag.
  const sameImage = others.every((o) => o.imageId === prepared.imageId);
  if (!sameImage) ctx.emitLines([`--> agents hold different images for ${source.image}; the release keeps the tag, not an id`]);
  return { ...prepared, image: sameImage ? prepared.imageId : source.image };
}
