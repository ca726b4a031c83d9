/**
 * postdeploy: one one-off container runs the command with exactly the instances' environment, on
 * an agent that holds the image (core/postdeploy-agent.ts). Carried on after a controller restart:
 * the same agent is asked for the same one-off, and answers with the running one's or the ended
 * one's result, so the command never runs twice.
 */
import { errorMessage } from '../../../shared/errors.js';
import { OPERATOR_CANCEL, type DeploymentEvent } from '../../core/deployment-machine.js';
import { fleetView } from '../../core/fleet-view.js';
import { choosePostdeployAgent } from '../../core/postdeploy-agent.js';
import { containerEnv, postdeployOneOffId, type Release } from '../../core/release.js';
import { releaseOf, runTask, stageFailure, TASK_TIMEOUT_MS, type StageContext } from './stage-context.js';

export async function postdeployStage(ctx: StageContext): Promise<DeploymentEvent> {
  const release = releaseOf(ctx);
  const d = ctx.deployment();
  const postdeploy = release.postdeploy;
  if (!postdeploy) return { type: 'postdeploy-succeeded' };
  // Carried on after a controller restart: the same agent, which still has the one-off or its result.
  const agentId = d.postdeploy?.agentId ?? postdeployAgent(ctx, release, postdeploy.service);
  ctx.patch((r) => {
    r.postdeploy = { agentId, exitCode: null };
  });
  ctx.emitLines([`--> postdeploy on ${agentId}: ${postdeploy.command}`]);
  const oneOffId = postdeployOneOffId(d.app, d.id);
  const stopOnCancel = () => {
    // An operator's cancel stops the one-off too (SIGTERM, then SIGKILL after 10 s); a stopping
    // controller leaves it to `recover`, as a crash would.
    if (ctx.signal.reason !== OPERATOR_CANCEL) return;
    ctx.dispatcher
      .dispatch({ kind: 'stop-oneoff', agentId, deploymentId: d.id, spec: { oneOffId, graceSeconds: 10 } })
      .catch((err: unknown) => ctx.log.warn({ oneOffId, err: errorMessage(err) }, 'cannot stop the postdeploy container'));
  };
  ctx.signal.addEventListener('abort', stopOnCancel, { once: true });
  const result = await runTask(
    ctx,
    {
      kind: 'run-oneoff',
      agentId,
      spec: {
        oneOffId,
        app: d.app,
        release: release.name,
        image: release.services[postdeploy.service]?.image ?? '',
        command: postdeploy.command,
        env: containerEnv(release, postdeploy.service, 'postdeploy-1', d.id),
        timeoutMs: postdeploy.timeoutMs,
      },
    },
    postdeploy.timeoutMs + TASK_TIMEOUT_MS,
  ).finally(() => ctx.signal.removeEventListener('abort', stopOnCancel));
  if (result.status !== 'ok') throw stageFailure(`the postdeploy container did not run on ${agentId}: ${result.message}`);
  ctx.patch((r) => {
    r.postdeploy = { agentId, exitCode: result.exitCode };
  });
  if (result.exitCode !== 0) {
    const why =
      result.exitCode === -128 ? `was stopped at its time limit (${postdeploy.timeoutMs / 1000}s): status -128` : `exited with status ${result.exitCode}`;
    throw stageFailure(`the postdeploy command ${why}`, { exitCode: result.exitCode, output: result.outputTail.slice(-20) });
  }
  return { type: 'postdeploy-succeeded' };
}

function postdeployAgent(ctx: StageContext, release: Release, service: string): string {
  const plan = ctx.deployment().plan;
  const choice = choosePostdeployAgent({
    app: release.app,
    service,
    labels: release.spec.services[service]?.placement.labels ?? {},
    instances: [...(plan?.start ?? []), ...(plan?.keep ?? [])],
    agents: fleetView(ctx.store.data),
  });
  if (!choice.ok) throw stageFailure(choice.reason);
  return choice.agentId;
}
