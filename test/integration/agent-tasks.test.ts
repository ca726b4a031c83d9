import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentTaskSubject } from '../../shared/subjects.js';
import { encodeTask } from '../../shared/task.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';

const suffix = uniqueSuffix();
const agentA = `tasks-a-${suffix}`;
const agentB = `tasks-b-${suffix}`;

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.startAgent(agentA);
  await cluster.startAgent(agentB, ['--label', 'region=eu']);
  await waitFor('both agents ready', () => cluster.controller.store.data.agents[agentB]?.alive && cluster.controller.store.data.agents[agentA]?.alive);
});

afterAll(async () => {
  await cluster?.close();
});

function startSpec(instanceId: string) {
  return {
    instanceId,
    app: 'shop',
    service: 'web',
    release: 'v1',
    image: TEST_IMAGE,
    containerPort: 8080,
    health: { type: 'http' as const, path: '/index.html', intervalMs: 200 },
  };
}

async function containersOf(instanceId: string): Promise<string[]> {
  return (await docker('ps', '-aq', '--filter', `label=berth.instance=${instanceId}`)).split('\n').filter(Boolean);
}

describe('tasks from the controller to agents', () => {
  it('starts a container that answers HTTP on its loopback port, shown on the right agent', async () => {
    const instanceId = `web-${suffix}-1`;
    const result = await cluster.controller.dispatcher.run(
      { kind: 'start-instance', agentId: agentB, deploymentId: 'd1', spec: startSpec(instanceId) },
      30_000,
    );
    expect(result.status).toBe('ok');
    expect(result.instance?.hostIp).toBe('127.0.0.1');
    const port = result.instance?.hostPort ?? 0;
    expect(port).toBeGreaterThan(0);

    const body = await waitFor('the container to answer', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/index.html`);
      return res.ok ? res.text() : undefined;
    });
    expect(body).toContain('hello from berth-test');

    const onB = await waitFor('instance healthy in registry', () => {
      const i = cluster.controller.store.data.agents[agentB]?.instances[instanceId];
      return i?.health === 'healthy' ? i : undefined;
    });
    expect(onB).toMatchObject({ state: 'running', app: 'shop', service: 'web', release: 'v1', hostPort: port });
    expect(cluster.controller.store.data.agents[agentA]?.instances[instanceId]).toBeUndefined();
    // The container carries the labels an agent rebuilds its view from.
    const labels = JSON.parse(await docker('inspect', '--format', '{{json .Config.Labels}}', `berth-${instanceId}`)) as Record<string, string>;
    expect(labels).toMatchObject({ 'berth.agent': agentB, 'berth.instance': instanceId, 'berth.app': 'shop', 'berth.deployment': 'd1' });
  });

  it('learns the exit code when the container is killed', async () => {
    const instanceId = `web-${suffix}-1`;
    await docker('kill', `berth-${instanceId}`);
    const seen = await waitFor('the exit to reach the controller', () => {
      const i = cluster.controller.store.data.agents[agentB]?.instances[instanceId];
      return i && i.exitCode === 137 ? i : undefined;
    });
    expect(seen.exitCode).toBe(137);
    expect(cluster.controllerLogs.text()).toMatch(new RegExp(`"instanceId":"${instanceId}","event":"exited","exitCode":137`));
  });

  it('stops and removes an instance', async () => {
    const instanceId = `web-${suffix}-2`;
    const started = await cluster.controller.dispatcher.run(
      { kind: 'start-instance', agentId: agentA, spec: { ...startSpec(instanceId), restart: 'no' } },
      30_000,
    );
    expect(started.status).toBe('ok');
    const stopped = await cluster.controller.dispatcher.run({ kind: 'stop-instance', agentId: agentA, spec: { instanceId, graceSeconds: 1 } }, 30_000);
    expect(stopped.status).toBe('ok');
    expect(await docker('inspect', '--format', '{{.State.Status}}', `berth-${instanceId}`)).toBe('exited');
    const removed = await cluster.controller.dispatcher.run({ kind: 'remove-instance', agentId: agentA, spec: { instanceId } }, 30_000);
    expect(removed.status).toBe('ok');
    expect(await containersOf(instanceId)).toEqual([]);
    await waitFor('the instance to leave the registry', () => cluster.controller.store.data.agents[agentA]?.instances[instanceId] === undefined);
  });

  it('refuses a task whose deadline has passed', async () => {
    const instanceId = `web-${suffix}-late`;
    const result = await cluster.controller.dispatcher.run(
      { kind: 'start-instance', agentId: agentA, deadlineMs: Date.now() - 1000, spec: startSpec(instanceId) },
      30_000,
    );
    expect(result.status).toBe('expired');
    expect(result.errorCode).toBe('TASK_EXPIRED');
    expect(await containersOf(instanceId)).toEqual([]);
  });

  it('applies the same task id once when it is delivered twice', async () => {
    const instanceId = `web-${suffix}-dup`;
    const nc = await connect({ servers: cluster.nats.url });
    try {
      const now = Date.now();
      const bytes = encodeTask({
        id: `dup-${suffix}`,
        kind: 'start-instance',
        agentId: agentA,
        deploymentId: null,
        createdAtMs: now,
        deadlineMs: now + 60_000,
        spec: startSpec(instanceId),
      });
      // Plain publishes bypass JetStream's own dedupe (no Nats-Msg-Id): the agent must catch it.
      nc.publish(agentTaskSubject(agentA), bytes);
      nc.publish(agentTaskSubject(agentA), bytes);
      await nc.flush();
    } finally {
      await nc.close();
    }
    await waitFor('the container', async () => (await containersOf(instanceId)).length === 1);
    const agent = cluster.agents.find((a) => a.id === agentA);
    const taskId = `dup-${suffix}`;
    await agent?.waitForLog(new RegExp(`"taskId":"${taskId}".*ignored duplicate task`));
    expect(await containersOf(instanceId)).toHaveLength(1);
    const applied = (agent?.output ?? '').split('\n').filter((l) => l.includes(`"taskId":"${taskId}"`) && l.includes('"msg":"task applied"'));
    expect(applied).toHaveLength(1);
  });

  it('drops garbage bytes with a log line and keeps working', async () => {
    const nc = await connect({ servers: cluster.nats.url });
    try {
      nc.publish(agentTaskSubject(agentA), new Uint8Array([0xff, 0x00, 0x13, 0x37]));
      nc.publish(agentTaskSubject(agentA), new TextEncoder().encode('{"kind":"start-instance"}'));
      await nc.flush();
    } finally {
      await nc.close();
    }
    const agent = cluster.agents.find((a) => a.id === agentA);
    await agent?.waitForLog(/"reason":"task is not JSON[^"]*","msg":"dropped malformed task"/);
    await agent?.waitForLog(/"reason":"task is invalid: [^"]*","msg":"dropped malformed task"/);
    const result = await cluster.controller.dispatcher.run({ kind: 'noop', agentId: agentA }, 15_000);
    expect(result.status).toBe('ok');
  });

  it("reports a container that will not start as a failed task with Docker's reason", async () => {
    const instanceId = `web-${suffix}-bad`;
    const result = await cluster.controller.dispatcher.run(
      { kind: 'start-instance', agentId: agentA, spec: { ...startSpec(instanceId), command: ['/bin/does-not-exist'] } },
      30_000,
    );
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/start-container: .*does-not-exist/);
    expect(await containersOf(instanceId)).toEqual([]);
  });
});
