import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstanceEventNotice } from '../../controller/pipeline/report-intake.js';
import type { TaskInput } from '../../shared/task.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';

const suffix = uniqueSuffix();
const agentId = `health-${suffix}`;
const HEALTHCHECK_IMAGE = 'berth-test/busybox-healthcheck:1';

let cluster: Cluster;
const events: InstanceEventNotice[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.startAgent(agentId);
  cluster.controller.intake.onInstanceEvent((notice) => events.push(notice));
  // An image with a Docker HEALTHCHECK, built locally from the test image (nothing is pulled).
  const context = await mkdtemp(join(tmpdir(), 'berth-hc-'));
  await writeFile(
    join(context, 'Dockerfile'),
    `FROM ${TEST_IMAGE}\nHEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD ["/bin/sh", "-c", "test -f /tmp/ok"]\nCMD ["/bin/sleep", "3600"]\n`,
  );
  await docker('build', '-q', '-t', HEALTHCHECK_IMAGE, context);
  await rm(context, { recursive: true, force: true });
});

afterAll(async () => {
  await cluster?.close();
});

/**
 * Starts an instance as a deployment would, known to the controller first: one it does not know
 * is a stray, which it stops at its first event (before, on a loaded machine, the OOM test's
 * instance was stopped that way before it could run out of memory).
 */
type StartSpec = Extract<TaskInput, { kind: 'start-instance' }>['spec'];

async function startKnownInstance(spec: StartSpec) {
  cluster.controller.store.update((s) => {
    s.instances[spec.instanceId] = {
      instanceId: spec.instanceId,
      agentId,
      app: spec.app,
      service: spec.service,
      release: spec.release,
      deploymentId: null,
      container: `${spec.service}-1`,
      createdAtMs: Date.now(),
    };
  });
  return cluster.controller.dispatcher.run({ kind: 'start-instance', agentId, spec });
}

const registryHealth = (instanceId: string) => cluster.controller.store.data.agents[agentId]?.instances[instanceId]?.health;
const eventKinds = (instanceId: string) => events.filter((e) => e.instanceId === instanceId).map((e) => e.kind);

describe('instance health as the task asks', () => {
  it('HTTP probe: healthy while the path answers, unhealthy after it stops answering', async () => {
    const instanceId = `http-${suffix}`;
    const result = await startKnownInstance({
      instanceId,
      app: 'shop',
      service: 'web',
      release: 'v1',
      image: TEST_IMAGE,
      containerPort: 8080,
      command: ['/bin/sh', '-c', 'cp -r /www /tmp/www && exec httpd -f -p 8080 -h /tmp/www'],
      health: { type: 'http', path: '/index.html', intervalMs: 200, unhealthyThreshold: 2 },
    });
    expect(result.status).toBe('ok');
    await waitFor('healthy', () => registryHealth(instanceId) === 'healthy');
    await docker('exec', `berth-${instanceId}`, 'rm', '/tmp/www/index.html');
    await waitFor('unhealthy', () => registryHealth(instanceId) === 'unhealthy');
    expect(eventKinds(instanceId)).toEqual(expect.arrayContaining(['started', 'healthy', 'unhealthy']));
  });

  it('TCP probe: an instance whose port never opens stays unknown; one that listens becomes healthy', async () => {
    const silent = `tcp-silent-${suffix}`;
    const listening = `tcp-open-${suffix}`;
    const base = { app: 'shop', service: 'worker', release: 'v1', image: TEST_IMAGE, containerPort: 8080, health: { type: 'tcp' as const, intervalMs: 200 } };
    await startKnownInstance({ ...base, instanceId: silent, command: ['/bin/sleep', '3600'] });
    await startKnownInstance({ ...base, instanceId: listening });
    await waitFor('listening instance healthy', () => registryHealth(listening) === 'healthy');
    await new Promise((r) => setTimeout(r, 1000));
    expect(registryHealth(silent)).toBe('unknown');
  });

  it("uses Docker's HEALTHCHECK where the image has one", async () => {
    const instanceId = `docker-hc-${suffix}`;
    const result = await startKnownInstance({ instanceId, app: 'shop', service: 'worker', release: 'v1', image: HEALTHCHECK_IMAGE, health: { type: 'tcp' } });
    expect(result.status).toBe('ok');
    await waitFor('unhealthy from Docker', () => registryHealth(instanceId) === 'unhealthy', 20_000);
    await docker('exec', `berth-${instanceId}`, 'sh', '-c', 'echo > /tmp/ok');
    await waitFor('healthy from Docker', () => registryHealth(instanceId) === 'healthy', 20_000);
  });

  it('reports an instance killed by the OOM killer as oom_killed', async () => {
    const instanceId = `oom-${suffix}`;
    const result = await startKnownInstance({
      instanceId,
      app: 'shop',
      service: 'hog',
      release: 'v1',
      image: TEST_IMAGE,
      restart: 'no',
      // The shell keeps the whole output in memory: far past the 16 MiB limit. /dev/zero, not
      // /dev/urandom: on a busy machine generating 60 MB of random bytes took longer than the wait.
      command: ['/bin/sh', '-c', 'x=$(head -c 60000000 /dev/zero | tr "\\0" x); echo ${#x}'],
      limits: { memoryBytes: 16 * 1024 * 1024 },
    });
    expect(result.status).toBe('ok');
    // Within the test's own time, so a miss says what was reported instead.
    await waitFor('oom_killed event', () => eventKinds(instanceId).includes('oom_killed'), 45_000).catch((err: Error) => {
      const seen = cluster.controller.store.data.agents[agentId]?.instances[instanceId];
      throw new Error(`${err.message}; events: ${eventKinds(instanceId).join(', ') || 'none'}; the agent's report: ${JSON.stringify(seen)}`);
    });
    expect(cluster.controller.store.data.agents[agentId]?.instances[instanceId]).toMatchObject({ state: 'exited', oomKilled: true, exitCode: 137 });
  });

  it('an instance with no health check is healthy once running', async () => {
    const instanceId = `plain-${suffix}`;
    const result = await startKnownInstance({ instanceId, app: 'shop', service: 'clock', release: 'v1', image: TEST_IMAGE, command: ['/bin/sleep', '3600'] });
    expect(result.instance?.health).toBe('healthy');
    await waitFor('healthy in registry', () => registryHealth(instanceId) === 'healthy');
  });
});
