/**
 * Fault: the Docker Engine restarted on one host (dockerd stopped with SIGTERM, as a service
 * restart does, and started again). The host is a private dockerd of its own (engine-instance.ts),
 * so the engine the rest of the suite uses is not touched. Two agents, one instance each: `near`
 * on the main engine, `far` on the private one. Must hold: the far agent notices and comes back
 * to the engine, reports its instance again (Docker restarts it: restart policy unless-stopped),
 * and the routes follow: the instance leaves the Traefik file while its engine is down and is back
 * in it, on the port Docker gave it now, once it runs; the app answers throughout on `near`;
 * nothing runs twice.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUnary } from '../../cli/admin-client.js';
import type { AgentProcess } from '../helpers/cluster.js';
import { uniqueSuffix } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { startEngineInstance, type EngineInstance } from './engine-instance.js';
import { recordFault } from './fault-report.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';
import { probeFigures, probeLost, startRouteProbe } from './route-probe.js';

const suffix = uniqueSuffix();
const app = `feng-${suffix}`;
const near = `feng-a-${suffix}`;
const far = `feng-b-${suffix}`;
let stack: ProcessStack;
let engine: EngineInstance;
let farAgent: AgentProcess;

beforeAll(async () => {
  engine = await startEngineInstance([TEST_IMAGE]);
  stack = await startProcessStack({ stabilityWindow: '500ms', heartbeatTtl: '3s', traefik: true });
  await stack.startAgent(near);
  farAgent = await stack.startAgent(far, null, ['--docker-host', engine.host]);
  const admin = stack.admin();
  const spec = {
    name: app,
    domains: [`${app}.example.test`],
    drain: '0s',
    services: { web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /www', port: 8080, scale: 2, health: { path: '/index.html' } } },
  };
  await callUnary(admin.ApplyApp.bind(admin), { specText: JSON.stringify(spec), source: 'fault suite' });
  const d = await stack.deploy(app);
  const end = await stack.waitForEnd(d.id, 90_000);
  expect(end.state, JSON.stringify(end.failure)).toBe('succeeded');
}, 180_000);

afterAll(async () => {
  try {
    await stack?.close();
    await stack?.removeAppContainers(app);
  } finally {
    // Whatever failed above, the private engine, its bridge and mounts go.
    await engine?.close();
  }
}, 90_000);

/** The file's servers, each named by the agent whose engine publishes its port. */
async function routedAgents(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return [];
  const config = parseYaml(text) as { http: { services: Record<string, { loadBalancer: { servers: Array<{ url: string }> } }> } };
  const urls = config.http.services[`${app}-web`]?.loadBalancer.servers.map((s) => s.url) ?? [];
  const format = ['--filter', `label=berth.app=${app}`, '--format', '{{.Ports}}'];
  const nearPorts = await docker('ps', ...format);
  const farPorts = await engine.docker('ps', ...format).catch(() => ''); // down: nothing published
  return urls.map((url) => {
    const port = `:${new URL(url).port}->`;
    return nearPorts.includes(port) ? near : farPorts.includes(port) ? far : `nothing on ${url}`;
  });
}

describe('fault: the Docker Engine is restarted on a host', { timeout: 300_000 }, () => {
  it('dockerd stopped and started again under a running agent', async () => {
    const file = join(stack.dataDir, 'traefik', `${app}.yml`);
    expect((await routedAgents(file)).sort()).toEqual([near, far].sort());
    // The probe requests the app through the real Traefik. Requests that fail in the moment
    // between the engine killing the instance and Traefik following the file count as at the
    // switch (route-probe.ts: a second before the file changes to 3 s after), and only here:
    // nobody can know before Docker says so. They are still shown in the row's failed requests.
    const probe = await startRouteProbe({
      traefikDir: stack.traefikDir,
      traefik: stack.traefik,
      app,
      host: `${app}.example.test`,
      service: `${app}-web`,
      path: '/index.html',
      lenientAtSwitch: true,
    });
    const lost: string[] = [];
    const before = farAgent.output.length;

    await engine.stop();
    // While its engine is down, the far instance leaves the routes; near serves alone.
    const left = await waitFor(
      'the far instance to leave the routes',
      async () => ((await routedAgents(file)).join() === near ? true : undefined),
      30_000,
      100,
    ).catch(() => false);
    if (!left) lost.push(`routes while the engine was down: ${(await routedAgents(file)).join(', ')}`);
    await engine.start();

    // The agent notices, resubscribes, and reports the instance Docker restarted.
    const resumed = await waitFor(
      'the far agent to resume the engine',
      () => (/Docker event stream resumed/.test(farAgent.output.slice(before)) ? true : undefined),
      60_000,
      200,
    ).catch(() => false);
    if (!resumed) lost.push('the agent did not resume the Docker event stream');
    const back = await waitFor(
      'both instances to be routed again',
      async () => {
        const agents = await routedAgents(file);
        return agents.length === 2 && agents.includes(near) && agents.includes(far) ? true : undefined;
      },
      60_000,
      250,
    ).catch(() => false);
    if (!back) lost.push(`routes after the engine came back: ${(await routedAgents(file)).join(', ')}`);
    // Every routed server answers; one instance per engine, nothing twice.
    const config = parseYaml(await readFile(file, 'utf8')) as { http: { services: Record<string, { loadBalancer: { servers: Array<{ url: string }> } }> } };
    for (const { url } of config.http.services[`${app}-web`]?.loadBalancer.servers ?? []) {
      const ok = await fetch(`${url}/index.html`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ok) lost.push(`${url} does not answer`);
    }
    const running = [
      ...(await docker('ps', '-q', '--filter', `label=berth.app=${app}`)).split('\n').filter(Boolean),
      ...(await engine.docker('ps', '-q', '--filter', `label=berth.app=${app}`)).split('\n').filter(Boolean),
    ];
    if (running.length !== 2) lost.push(`${running.length} instances of the app run, 2 wanted`);
    // Traefik routes to the same servers as the file (the file's were checked above, by engine).
    const fileServers = (config.http.services[`${app}-web`]?.loadBalancer.servers ?? []).map((s) => s.url);
    await stack.traefik!.waitForServers(`${app}-web`, fileServers).catch((err: Error) => lost.push(err.message));
    const result = await probe.stop();
    lost.push(...probeLost(result));
    console.log(`dockerd restarted: probe ${result.sent} requests, ${result.failed} failed, ${result.failedAtSwitch} at the switch`);
    const atSwitch = result.failedAtSwitch
      ? ` (${result.failedAtSwitch} failed requests at the switch tolerated: the engine killed the instance before anyone could know)`
      : '';
    recordFault({ fault: `dockerd restarted under a running agent${atSwitch}`, injected: 1, held: lost.length === 0 ? 1 : 0, lost, ...probeFigures(result) });
    expect(lost).toEqual([]);
    expect(result.ok).toBeGreaterThan(0);
  });
});
