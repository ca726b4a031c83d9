/**
 * Faults: nats-server restarted during a deployment, and an agent killed (SIGKILL) while it starts
 * instances. Real processes throughout. Must hold: after the NATS restart the deployment completes
 * with exactly the instances it wanted (no task lost, none applied twice); after the agent kill the
 * deployment ends (succeeded on the other agent, or failed) with the app still served, and once the
 * agent is back none of its containers of a deployment that did not succeed is left running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import { callUnary } from '../../cli/admin-client.js';
import type { Deployment__Output } from '../../proto/gen/berth/v1/Deployment.js';
import type { DeploymentUpdate__Output } from '../../proto/gen/berth/v1/DeploymentUpdate.js';
import type { AgentProcess } from '../helpers/cluster.js';
import { uniqueSuffix } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { recordFault } from './fault-report.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';
import { startRouteProbe } from './route-probe.js';
import { join } from 'node:path';

const suffix = uniqueSuffix();
const app = `fnats-${suffix}`;
let stack: ProcessStack;
let agentA: AgentProcess;
const agentB = `fnats-b-${suffix}`;
const agents = new Map<string, AgentProcess>();

beforeAll(async () => {
  stack = await startProcessStack({ stabilityWindow: '1s', heartbeatTtl: '3s' });
  agentA = await stack.startAgent(`fnats-a-${suffix}`);
  agents.set(agentA.id, agentA);
  agents.set(agentB, await stack.startAgent(agentB));
  const spec = {
    name: app,
    domains: [`${app}.example.test`],
    drain: '1s',
    // Long enough to kill its agent in the middle of it.
    postdeploy: 'sleep 3',
    services: { web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /www', port: 8080, scale: 2, health: { path: '/index.html', bootTimeout: '20s' } } },
  };
  const admin = stack.admin();
  await callUnary(admin.ApplyApp.bind(admin) as never, { specText: JSON.stringify(spec), source: 'fault suite' });
  const first = await deploy();
  expect((await waitForEnd(first.id, 60_000)).state).toBe('succeeded');
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await stack?.removeAppContainers(app);
}, 60_000);

const deploy = () => stack.deploy(app);
const waitForEnd = (id: string, timeoutMs: number) => stack.waitForEnd(id, timeoutMs);

function reach(id: string, phase: string): Promise<Deployment__Output | null> {
  const admin = stack.admin();
  const call = (admin.WatchDeployment as unknown as (req: { id: string }) => grpc.ClientReadableStream<DeploymentUpdate__Output>)({ id });
  return new Promise((resolve) => {
    call.on('data', (u: DeploymentUpdate__Output) => {
      if (u.deployment?.state === phase || ['succeeded', 'failed', 'cancelled'].includes(u.deployment?.state ?? '')) {
        call.cancel();
        resolve(u.deployment ?? null);
      }
    });
    call.on('error', () => resolve(null));
  });
}

const running = async (filter: string) => (await docker('ps', '-q', '--filter', filter)).split('\n').filter(Boolean);

describe('faults: NATS and agents', { timeout: 300_000 }, () => {
  it('nats-server restarted while a deployment starts its instances', async () => {
    const probe = startRouteProbe(join(stack.dataDir, 'traefik', `${app}.yml`), `${app}-web`, '/index.html');
    const lost: string[] = [];
    const d = await deploy();
    await reach(d.id, 'starting');
    await stack.nats.restart();
    const end = await waitForEnd(d.id, 90_000);
    if (end.state !== 'succeeded') lost.push(`the deployment ${end.state}: ${end.failure?.reason ?? ''}`);
    // Exactly the two instances the deployment wanted run for its release: none lost, none twice.
    const mine = await running(`label=berth.deployment=${d.id}`);
    if (end.state === 'succeeded' && mine.length !== 2) lost.push(`${mine.length} instances run for the release, 2 wanted`);
    const result = await probe.stop();
    if (result.failed > 0) lost.push(`${result.failed} requests failed outside the switch`);
    recordFault({ fault: 'nats-server restarted during a deployment', injected: 1, held: lost.length === 0 ? 1 : 0, lost });
    expect(lost).toEqual([]);
  });

  it('an agent SIGKILLed while it starts instances; its stale containers stop when it returns', async () => {
    const probe = startRouteProbe(join(stack.dataDir, 'traefik', `${app}.yml`), `${app}-web`, '/index.html');
    const lost: string[] = [];
    const d = await deploy();
    await reach(d.id, 'starting');
    await agentA.kill('SIGKILL');
    const end = await waitForEnd(d.id, 120_000);
    // Either way the app is still served: by the new release on the other agent, or the old one.
    agentA.start();
    await agentA.waitForLog(/"msg":"agent started"/, 30_000);
    if (end.state !== 'succeeded') {
      const stopped = await waitFor('the failed deployment to have nothing running', async () => ((await running(`label=berth.deployment=${d.id}`)).length === 0 ? true : undefined), 40_000, 500).catch(() => false);
      if (!stopped) lost.push(`containers of ${end.state} deployment ${d.id} still running after the agent returned`);
    }
    const result = await probe.stop();
    if (result.failed > 0) lost.push(`${result.failed} requests failed outside the switch (${result.failures.join(', ')})`);
    recordFault({ fault: 'agent SIGKILL while it starts instances', injected: 1, held: lost.length === 0 ? 1 : 0, lost });
    expect(lost).toEqual([]);
  });

  it('the agent running the postdeploy container SIGKILLed; the deployment ends, nothing of it runs once the agent is back', async () => {
    const probe = startRouteProbe(join(stack.dataDir, 'traefik', `${app}.yml`), `${app}-web`, '/index.html');
    const lost: string[] = [];
    const d = await deploy();
    const during = await reach(d.id, 'postdeploy');
    const victim = agents.get(during?.postdeployAgent ?? '') ?? agentA;
    await victim.kill('SIGKILL');
    const end = await waitForEnd(d.id, 120_000);
    victim.start();
    await victim.waitForLog(/"msg":"agent started"/, 30_000);
    if (end.state !== 'succeeded') {
      const stopped = await waitFor('nothing of the deployment running', async () => ((await running(`label=berth.deployment=${d.id}`)).length === 0 ? true : undefined), 40_000, 500).catch(() => false);
      if (!stopped) lost.push(`containers of ${end.state} deployment ${d.id} still running after the agent returned`);
    }
    const result = await probe.stop();
    if (result.failed > 0) lost.push(`${result.failed} requests failed outside the switch (${result.failures.join(', ')})`);
    recordFault({ fault: 'agent SIGKILL while it runs the postdeploy container', injected: 1, held: lost.length === 0 ? 1 : 0, lost });
    expect(lost).toEqual([]);
  });
});
