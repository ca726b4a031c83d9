/**
 * Zero failed requests while the controller process is SIGKILLed mid-deployment and started again:
 * real processes (nats-server, `berth controller`, two `berth agent`s, Traefik confirming every
 * switch), an app of 3 echo instances, and the load generator requesting it through Traefik
 * (keep-alive, fresh connections, 2 s requests, a websocket). A kill in verifying fails the
 * deployment (the old release serves on); a kill in postdeploy or draining is carried on (the new
 * one does). Each row checks that the kill landed in its phase, and what clients saw (judgeLoad).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUnary } from '../../cli/admin-client.js';
import type { Deployment__Output } from '../../proto/gen/berth/v1/Deployment.js';
import { uniqueSuffix } from '../helpers/cluster.js';
import { ECHO_IMAGE, ensureEchoImage } from '../helpers/echo-image.js';
import { startLoad } from '../helpers/load-generator.js';
import { waitFor } from '../helpers/wait-for.js';
import { recordFault } from './fault-report.js';
import { judgeLoad, type DeploymentTimes } from './load-verdict.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';

const suffix = uniqueSuffix();
const app = `zdk-${suffix}`;
const domain = `${app}.example.test`;
const DRAIN_MS = 3000;
let stack: ProcessStack;

beforeAll(async () => {
  await ensureEchoImage();
  // A 3 s stability window and a 3 s postdeploy: phases long enough to kill the controller in.
  stack = await startProcessStack({ stabilityWindow: '3s', traefik: true });
  await Promise.all([stack.startAgent(`zdk-a-${suffix}`), stack.startAgent(`zdk-b-${suffix}`)]);
  const spec = {
    name: app,
    domains: [domain],
    drain: `${DRAIN_MS}ms`,
    postdeploy: 'sleep 3',
    services: { web: { image: ECHO_IMAGE, port: 8080, scale: 3, health: { path: '/healthz', bootTimeout: '20s' } } },
  };
  const admin = stack.admin();
  await callUnary(admin.ApplyApp.bind(admin), { specText: JSON.stringify(spec), source: 'fault suite' });
  expect((await stack.waitForEnd((await stack.deploy(app)).id, 90_000)).state).toBe('succeeded');
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await stack?.removeAppContainers(app);
}, 60_000);

const times = (d: Deployment__Output): DeploymentTimes => ({ state: d.state, history: d.history.map((h) => ({ state: h.state, atMs: Number(h.atMs) })) });

/** The release Traefik routes to now: what every answer says once nothing is switching. */
async function servingRelease(): Promise<string> {
  const answer = await stack.traefik?.get(domain);
  return (JSON.parse(answer?.body ?? '{}') as { release?: string }).release ?? '';
}

describe('zero failed requests through Traefik while the controller is SIGKILLed', { timeout: 240_000 }, () => {
  it.each([
    // Every phase is carried on by the restarted controller.
    ['verifying', 'succeeded'],
    // The agent waits for the one-off still running (or answers with its result).
    ['postdeploy', 'succeeded'],
    ['draining', 'succeeded'],
  ])('in %s: the deployment %s, no request fails', async (phase, outcome) => {
    const before = await servingRelease();
    const load = startLoad({ port: stack.traefik?.webPort as number, host: domain });
    await sleep(1000);
    const d = await stack.deploy(app);
    // The kill lands in the phase: the controller reports it right before the kill.
    const atKill = await waitFor(
      `${d.id} to be ${phase}`,
      async () => {
        const state = (await stack.deployment(d.id)).state;
        if (['succeeded', 'failed', 'cancelled'].includes(state)) throw new Error(`the deployment ended (${state}) before ${phase}`);
        return state === phase ? state : undefined;
      },
      90_000,
      25,
    );
    // ... and is on disk: a restart loads the state file, written a moment after the change.
    const onDisk = await waitFor(`${phase} on disk`, async () => ((await stack.persistedState(d.id)) === phase ? phase : undefined), 5_000, 20).catch(
      () => null,
    );
    await stack.killController();
    await stack.startController();
    const end = await stack.waitForEnd(d.id, 90_000);
    // Past the drain window of whatever was retired, then a moment more of load.
    const drainingAt = Number(end.history.find((h) => h.state === 'draining')?.atMs ?? 0);
    await sleep(Math.max(0, drainingAt + DRAIN_MS + 1500 - Date.now()));
    const report = await load.stop();
    const after = await servingRelease();
    const verdict = judgeLoad(report.records, report.startedAtMs, { before, after, deployments: [times(end)], drainMs: DRAIN_MS });
    const lost = [...verdict.lost];
    if (atKill !== phase || onDisk !== phase) lost.push(`the kill landed in ${atKill} (${onDisk ?? 'something else'} on disk), not ${phase}`);
    if (end.state !== outcome) lost.push(`the deployment ${end.state} (${end.failure?.reason ?? ''}), not ${outcome}`);
    recordFault({
      fault: `controller SIGKILL in ${phase}, under load through Traefik`,
      injected: 1,
      held: lost.length ? 0 : 1,
      lost,
      requests: verdict.requests,
      failedRequests: verdict.failed,
    });
    console.log(
      `zero-downtime controller SIGKILL in ${phase}: ${JSON.stringify({ requests: verdict.requests, failed: verdict.failed, end: end.state, releases: verdict.summary.releases })}`,
    );
    expect(lost).toEqual([]);
    expect(after).toBe(outcome === 'succeeded' ? end.release : before);
  });
});
