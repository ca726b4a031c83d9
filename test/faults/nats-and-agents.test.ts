/**
 * Faults: nats-server restarted during a deployment, and an agent killed (SIGKILL) while it starts
 * instances and while it runs the postdeploy container. Real processes throughout, and a real
 * Traefik on the controller's Traefik directory that the controller confirms switches with and the
 * probe requests the app through. Container starts are held 4 s by the agents' Docker socket
 * proxies in the starting rows, so the fault lands in starting; each row checks it did, by the
 * deployment's state as the controller reports it right before and right after the fault.
 * Must hold: after the NATS restart the deployment completes with exactly the instances it wanted
 * (no task lost, none applied twice); after the agent kill the deployment ends (succeeded on the
 * other agent, or failed) with the app still served, and once the agent is back none of its
 * containers of a deployment that did not succeed is left running; after each, the app's Traefik
 * file routes to exactly the running instances of one release, and Traefik to the same servers;
 * every request through Traefik meanwhile answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import { callUnary } from '../../cli/admin-client.js';
import type { Deployment__Output } from '../../proto/gen/berth/v1/Deployment.js';
import type { AgentProcess } from '../helpers/cluster.js';
import { uniqueSuffix } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { startDockerProxy, type DockerProxy } from './docker-proxy.js';
import { recordFault } from './fault-report.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';
import { probeFigures, probeLost, startRouteProbe, type RouteProbe } from './route-probe.js';
import { routesSettle } from './routes-check.js';

const suffix = uniqueSuffix();
const app = `fnats-${suffix}`;
let stack: ProcessStack;
let agentA: AgentProcess;
const agentB = `fnats-b-${suffix}`;
const agents = new Map<string, AgentProcess>();
const proxies = new Map<string, DockerProxy>();
const HOLD_STARTS_MS = 4000;
const ORDER = ['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining', 'succeeded', 'failed', 'cancelled'];

beforeAll(async () => {
  stack = await startProcessStack({ stabilityWindow: '1s', heartbeatTtl: '3s', traefik: true });
  const agentAId = `fnats-a-${suffix}`;
  for (const id of [agentAId, agentB]) proxies.set(id, await startDockerProxy());
  agentA = await stack.startAgent(agentAId, null, ['--docker-host', proxies.get(agentAId)!.host]);
  agents.set(agentA.id, agentA);
  agents.set(agentB, await stack.startAgent(agentB, null, ['--docker-host', proxies.get(agentB)!.host]));
  const spec = {
    name: app,
    domains: [`${app}.example.test`],
    drain: '1s',
    // Long enough to kill its agent in the middle of it.
    postdeploy: 'sleep 3',
    services: {
      web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /www', port: 8080, scale: 2, health: { path: '/index.html', bootTimeout: '20s' } },
    },
  };
  const admin = stack.admin();
  await callUnary(admin.ApplyApp.bind(admin), { specText: JSON.stringify(spec), source: 'fault suite' });
  const first = await deploy();
  expect((await waitForEnd(first.id, 60_000)).state).toBe('succeeded');
}, 120_000);

afterAll(async () => {
  await stack?.close();
  for (const p of proxies.values()) await p.close();
  await stack?.removeAppContainers(app);
}, 60_000);

const deploy = () => stack.deploy(app);
const waitForEnd = (id: string, timeoutMs: number) => stack.waitForEnd(id, timeoutMs);
const holdStarts = (ms: number) => {
  for (const p of proxies.values()) p.holdStarts(ms);
};

/** The first state the controller streams for the deployment at or after `phase` (60 s at most). */
function reach(id: string, phase: string): Promise<string> {
  const admin = stack.admin();
  const call = admin.WatchDeployment({ id });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      call.cancel();
      reject(new Error(`deployment ${id} did not reach ${phase} within 60 s`));
    }, 60_000);
    call.on('data', (u) => {
      const state = u.deployment?.state ?? '';
      if (ORDER.indexOf(state) >= ORDER.indexOf(phase)) {
        clearTimeout(timer);
        call.cancel();
        resolve(state);
      }
    });
    call.on('error', (err: grpc.ServiceError) => {
      if (err.code !== 1) reject(err); // 1: CANCELLED, ours
    });
  });
}

/**
 * Injects the fault once the deployment is in `phase`, and says where it landed: the phase the
 * controller streamed, and the deployment's state it reports right before and right after.
 */
async function injectIn(id: string, phase: string, fault: () => Promise<void>): Promise<string[]> {
  const seen = await reach(id, phase);
  const before = (await stack.deployment(id)).state;
  await fault();
  const after = (await stack.deployment(id)).state;
  return seen === phase && before === phase && after === phase
    ? []
    : [`the fault landed outside ${phase}: streamed ${seen}, ${before} right before it, ${after} right after`];
}

const startProbe = () =>
  startRouteProbe({ traefikDir: stack.traefikDir, traefik: stack.traefik, app, host: `${app}.example.test`, service: `${app}-web`, path: '/index.html' });

/** The probe's losses and the routes once settled, into the row. */
async function finish(fault: string, end: Deployment__Output, probe: RouteProbe, lost: string[]): Promise<void> {
  const routes = await routesSettle(stack.traefikDir, app, `${app}-web`, stack.traefik);
  if (routes) lost.push(`routes after the fault: ${routes}`);
  const result = await probe.stop();
  lost.push(...probeLost(result));
  console.log(
    `${fault}: ${end.state} (${end.history.map((h) => h.state).join(' > ')}${end.failure ? `: ${end.failure.reason}` : ''}); probe ${result.sent} requests, ${result.failed} failed`,
  );
  recordFault({ fault, injected: 1, held: lost.length === 0 ? 1 : 0, lost, ...probeFigures(result) });
}

const running = async (filter: string) => (await docker('ps', '-q', '--filter', filter)).split('\n').filter(Boolean);

describe('faults: NATS and agents', { timeout: 300_000 }, () => {
  it('nats-server restarted while a deployment starts its instances', async () => {
    const probe = await startProbe();
    try {
      const lost: string[] = [];
      holdStarts(HOLD_STARTS_MS);
      const d = await deploy();
      lost.push(...(await injectIn(d.id, 'starting', () => stack.nats.stop())));
      await stack.nats.restart();
      holdStarts(0);
      const end = await waitForEnd(d.id, 90_000);
      if (end.state !== 'succeeded') lost.push(`the deployment ${end.state}: ${end.failure?.reason ?? ''}`);
      // Exactly the two instances the deployment wanted run for its release: none lost, none twice.
      const mine = await running(`label=berth.deployment=${d.id}`);
      if (end.state === 'succeeded' && mine.length !== 2) lost.push(`${mine.length} instances run for the release, 2 wanted`);
      await finish('nats-server restarted during a deployment', end, probe, lost);
      expect(lost).toEqual([]);
    } finally {
      holdStarts(0);
      await probe.stop();
    }
  });

  it('an agent SIGKILLed while it starts instances; its stale containers stop when it returns', async () => {
    const probe = await startProbe();
    try {
      const lost: string[] = [];
      holdStarts(HOLD_STARTS_MS);
      const heldBefore = proxies.get(agentA.id)!.held();
      const d = await deploy();
      lost.push(
        ...(await injectIn(d.id, 'starting', async () => {
          // The agent is killed while its own container start is held, i.e. while it starts one.
          await waitFor('agent A to start an instance', () => (proxies.get(agentA.id)!.held() > heldBefore ? true : undefined), 10_000, 20).catch(() =>
            lost.push('agent A was not starting an instance when it was killed'),
          );
          await agentA.kill('SIGKILL');
        })),
      );
      holdStarts(0);
      const end = await waitForEnd(d.id, 120_000);
      // Either way the app is still served: by the new release on the other agent, or the old one.
      agentA.start();
      await agentA.waitForLog(/"msg":"agent started"/, 30_000);
      if (end.state !== 'succeeded') {
        const stopped = await waitFor(
          'the failed deployment to have nothing running',
          async () => ((await running(`label=berth.deployment=${d.id}`)).length === 0 ? true : undefined),
          40_000,
          500,
        ).catch(() => false);
        if (!stopped) lost.push(`containers of ${end.state} deployment ${d.id} still running after the agent returned`);
      }
      await finish('agent SIGKILL while it starts instances', end, probe, lost);
      expect(lost).toEqual([]);
    } finally {
      holdStarts(0);
      await probe.stop();
    }
  });

  it('the agent running the postdeploy container SIGKILLed; the deployment ends, nothing of it runs once the agent is back', async () => {
    const probe = await startProbe();
    try {
      const lost: string[] = [];
      const d = await deploy();
      let victim = agentA;
      lost.push(
        ...(await injectIn(d.id, 'postdeploy', async () => {
          victim = agents.get((await stack.deployment(d.id)).postdeployAgent) ?? agentA;
          await victim.kill('SIGKILL');
        })),
      );
      const end = await waitForEnd(d.id, 120_000);
      victim.start();
      await victim.waitForLog(/"msg":"agent started"/, 30_000);
      if (end.state !== 'succeeded') {
        const stopped = await waitFor(
          'nothing of the deployment running',
          async () => ((await running(`label=berth.deployment=${d.id}`)).length === 0 ? true : undefined),
          40_000,
          500,
        ).catch(() => false);
        if (!stopped) lost.push(`containers of ${end.state} deployment ${d.id} still running after the agent returned`);
      }
      await finish('agent SIGKILL while it runs the postdeploy container', end, probe, lost);
      expect(lost).toEqual([]);
    } finally {
      await probe.stop();
    }
  });
});
