/**
 * GET /metrics as Prometheus scrapes it, after real work (controller, an agent, Docker, NATS): a
 * deployment that succeeds, one whose postdeploy exits 3, and a hook request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers } from '../helpers/deployments.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `metrics-${suffix}`;
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '200ms' });
  await cluster.startAgent(`metrics-${suffix}`);
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

/** The value of one sample, by metric name and exact labels (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] as string).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return 0;
}

const spec = (postdeploy: string) =>
  specText({ name: app, drain: '0s', postdeploy, services: { web: { image: TEST_IMAGE, port: 8080, scale: 1, health: { path: '/index.html' } } } });

describe('GET /metrics', { timeout: 90_000 }, () => {
  it('counts deployments, phases, postdeploy exits, hook decisions, tasks, agents and instances', async () => {
    applySpec(cluster.controller, spec('true'));
    expect((await deploy(cluster.controller, app)).state).toBe('succeeded');
    applySpec(cluster.controller, spec('exit 3'));
    expect((await deploy(cluster.controller, app)).state).toBe('failed');
    const token = cluster.controller.store.data.apps[app]?.hook.token as string;
    const hook = await fetch(`http://127.0.0.1:${cluster.controller.httpPort}/hooks/redeploy/${app}/${token}?dry_run=1`, { method: 'POST' });
    expect(hook.status).toBe(200);
    const malformed = await fetch(`http://127.0.0.1:${cluster.controller.httpPort}/hooks/redeploy/${app}/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(malformed.status).toBe(400);

    const res = await fetch(`http://127.0.0.1:${cluster.controller.httpPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'berth_deployments_total', { app, kind: 'deploy', result: 'succeeded' })).toBe(1);
    expect(sample(text, 'berth_deployments_total', { app, kind: 'deploy', result: 'failed' })).toBe(1);
    expect(sample(text, 'berth_postdeploy_exits_total', { app, status: '0' })).toBe(1);
    expect(sample(text, 'berth_postdeploy_exits_total', { app, status: '3' })).toBe(1);
    // Both deployments went through verifying; only the first one through routing.
    expect(sample(text, 'berth_deployment_phase_seconds_count', { phase: 'verifying' })).toBe(2);
    expect(sample(text, 'berth_deployment_phase_seconds_count', { phase: 'routing' })).toBe(1);
    expect(sample(text, 'berth_hook_decisions_total', { app, decision: 'deploy', reason: 'no-git-info' })).toBe(1);
    expect(sample(text, 'berth_hook_decisions_total', { app, decision: 'rejected', reason: 'invalid-request' })).toBe(1);
    expect(sample(text, 'berth_task_round_trip_seconds_count', { kind: 'start-instance' })).toBe(2);
    expect(sample(text, 'berth_agents', { status: 'ready' })).toBe(1);
    expect(sample(text, 'berth_agents', { status: 'connected' })).toBe(1);
    expect(sample(text, 'berth_instances', { state: 'running', health: 'healthy' })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^berth_controller_process_resident_memory_bytes \d+/m);
    // The failed release's instance is removed after the failure; let that finish before the agent stops.
    await waitFor(
      'the failed release to be removed',
      async () => (await docker('ps', '-aq', '--filter', `label=berth.app=${app}`, '--filter', 'label=berth.release=v2')) === '',
      30_000,
    );
  });
});
