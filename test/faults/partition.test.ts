/**
 * Fault: a network partition between one agent and the controller and NATS (the agent reaches both
 * through loopback TCP proxies the test cuts) for longer than the heartbeat TTL. Must hold: the
 * agent is marked down, its routed instance leaves the Traefik file, a replacement starts on the
 * other agent and the app keeps answering; when the partition heals, no duplicates are left (the
 * cut-off instance is stopped as a stray) and every routed server answers.
 */
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUnary, required } from '../../cli/admin-client.js';
import { uniqueSuffix } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { recordFault } from './fault-report.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';
import { probeFigures, probeLost, startRouteProbe } from './route-probe.js';
import { routesSettle } from './routes-check.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const suffix = uniqueSuffix();
const app = `fpart-${suffix}`;
const near = `fpart-a-${suffix}`;
const far = `fpart-b-${suffix}`;
let stack: ProcessStack;
let grpcProxy: TcpProxy;
let natsProxy: TcpProxy;

beforeAll(async () => {
  stack = await startProcessStack({ stabilityWindow: '500ms', heartbeatTtl: '3s', traefik: true });
  grpcProxy = await startTcpProxy(Number(stack.grpcAddr.split(':')[1]));
  natsProxy = await startTcpProxy(stack.nats.port);
  await stack.startAgent(near);
  await stack.startAgent(far, { grpcPort: grpcProxy.port, natsPort: natsProxy.port });
  const admin = stack.admin();
  const spec = {
    name: app,
    domains: [`${app}.example.test`],
    drain: '0s',
    services: { web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /www', port: 8080, scale: 2, health: { path: '/index.html' } } },
  };
  await callUnary(admin.ApplyApp.bind(admin), { specText: JSON.stringify(spec), source: 'fault suite' });
  const d = required((await callUnary(admin.Deploy.bind(admin), { app, services: [], ref: '' })).deployment, 'deployment');
  await waitFor('the first deployment', async () => ((await stack.deployment(d.id)).state === 'succeeded' ? true : undefined), 60_000, 200);
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await grpcProxy?.close();
  await natsProxy?.close();
  await stack?.removeAppContainers(app);
}, 60_000);

async function routedAgents(file: string): Promise<string[]> {
  const config = parseYaml(await readFile(file, 'utf8')) as { http: { services: Record<string, { loadBalancer: { servers: Array<{ url: string }> } }> } };
  const urls = config.http.services[`${app}-web`]?.loadBalancer.servers.map((s) => s.url) ?? [];
  const rows = (await docker('ps', '--filter', `label=berth.app=${app}`, '--format', '{{.Label "berth.agent"}} {{.Ports}}')).split('\n').filter(Boolean);
  return urls.map((url) => rows.find((r) => r.includes(`:${new URL(url).port}->`))?.split(' ')[0] ?? 'nothing');
}

describe('fault: a network partition between one agent and the controller', { timeout: 180_000 }, () => {
  it('cut for longer than the TTL, then healed', async () => {
    const file = join(stack.dataDir, 'traefik', `${app}.yml`);
    expect((await routedAgents(file)).sort()).toEqual([near, far].sort());
    // Every request through Traefik must answer: the cut-off instance keeps serving until the
    // controller moves its route (it is only unreachable for the controller, not for Traefik).
    const probe = await startRouteProbe({
      traefikDir: stack.traefikDir,
      traefik: stack.traefik,
      app,
      host: `${app}.example.test`,
      service: `${app}-web`,
      path: '/index.html',
    });
    const lost: string[] = [];
    grpcProxy.cut();
    natsProxy.cut();
    // Down after the TTL; its instance leaves the file; a replacement runs on the near agent.
    const replaced = await waitFor(
      'the routes to hold two instances on the near agent',
      async () => {
        const agents = await routedAgents(file);
        return agents.length === 2 && agents.every((a) => a === near) ? true : undefined;
      },
      60_000,
      250,
    ).catch(() => false);
    if (!replaced) lost.push(`routes during the partition: ${(await routedAgents(file)).join(', ')}`);
    grpcProxy.heal();
    natsProxy.heal();
    // Back: the far agent's old instance is a stray now and is stopped; nothing runs twice.
    const settled = await waitFor(
      'the far agent to be back with nothing of the app running',
      async () => {
        const back = (await docker('ps', '-q', '--filter', `label=berth.app=${app}`, '--filter', `label=berth.agent=${far}`)) === '';
        return back ? true : undefined;
      },
      60_000,
      500,
    ).catch(() => false);
    if (!settled) lost.push('the cut-off instance still runs after the partition healed');
    const running = (await docker('ps', '-q', '--filter', `label=berth.app=${app}`)).split('\n').filter(Boolean).length;
    if (running !== 2) lost.push(`${running} instances of the app run, 2 wanted`);
    const routes = await routesSettle(stack.traefikDir, app, `${app}-web`, stack.traefik);
    if (routes) lost.push(`routes after the partition healed: ${routes}`);
    const result = await probe.stop();
    lost.push(...probeLost(result));
    console.log(`partition: probe ${result.sent} requests, ${result.failed} failed`);
    recordFault({
      fault: 'network partition of one agent for longer than the TTL',
      injected: 1,
      held: lost.length === 0 ? 1 : 0,
      lost,
      ...probeFigures(result),
    });
    expect(lost).toEqual([]);
  });
});
