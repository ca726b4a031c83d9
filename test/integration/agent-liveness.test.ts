import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentTaskSubject } from '../../shared/subjects.js';
import { encodeTask } from '../../shared/task.js';
import { startCluster, uniqueSuffix, type AgentProcess, type Cluster } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';

const suffix = uniqueSuffix();
const idOne = `live-1-${suffix}`;
const idTwo = `live-2-${suffix}`;
const TTL_MS = 3000;

let cluster: Cluster;
let one: AgentProcess;

beforeAll(async () => {
  cluster = await startCluster({ heartbeatTtl: `${TTL_MS}ms`, agentHeartbeat: '500ms' });
  one = await cluster.startAgent(idOne);
  await cluster.startAgent(idTwo);
  await waitFor('both agents ready', () => cluster.controller.store.data.agents[idOne]?.alive && cluster.controller.store.data.agents[idTwo]?.alive);
});

afterAll(async () => {
  await cluster?.close();
});

const agentRecord = (id: string) => cluster.controller.store.data.agents[id];

describe('agent liveness and reconciliation', () => {
  const instanceId = `live-${suffix}-1`;

  it('marks a SIGKILLed agent down within TTL + 2 s while the other stays ready', async () => {
    const started = await cluster.controller.dispatcher.run(
      { kind: 'start-instance', agentId: idOne, spec: { instanceId, app: 'shop', service: 'web', release: 'v1', image: TEST_IMAGE, containerPort: 8080 } },
      30_000,
    );
    expect(started.status).toBe('ok');

    await one.kill('SIGKILL');
    const killedAt = Date.now();
    await waitFor('agent one marked down', () => agentRecord(idOne)?.alive === false, TTL_MS + 2000, 50);
    const tookMs = Date.now() - killedAt;
    expect(tookMs).toBeLessThanOrEqual(TTL_MS + 2000);
    expect(cluster.controllerLogs.text()).toMatch(new RegExp(`"agentId":"${idOne}".*"msg":"agent marked down: heartbeats stopped"`));
    expect(agentRecord(idTwo)?.alive).toBe(true);
    // Its container outlived it.
    expect(await docker('inspect', '--format', '{{.State.Status}}', `berth-${instanceId}`)).toBe('running');
  });

  it('a restarted agent reports the instances it still has, and receives tasks sent while it was away', async () => {
    // Sent while the agent is dead: it waits in JetStream for the agent's consumer.
    const pending = cluster.controller.dispatcher.run({ kind: 'noop', agentId: idOne }, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    one = await cluster.startAgent(idOne);
    const back = await waitFor('agent one ready again', () => (agentRecord(idOne)?.alive ? agentRecord(idOne) : undefined));
    expect(back.instances[instanceId]).toMatchObject({ state: 'running', app: 'shop', containerPort: 8080 });
    expect((await pending).status).toBe('ok');
    expect(cluster.controllerLogs.text()).toMatch(new RegExp(`"agentId":"${idOne}".*"restarted":true.*"msg":"agent reconnected"`));
  });

  it('reports containers the controller did not start as strays', async () => {
    const strayId = `stray-${suffix}`;
    await docker(
      'run',
      '-d',
      '--name',
      `berth-${strayId}`,
      '--label',
      `berth.agent=${idOne}`,
      '--label',
      `berth.instance=${strayId}`,
      '--label',
      'berth.app=ghost',
      TEST_IMAGE,
    );
    await one.kill('SIGTERM');
    one = await cluster.startAgent(idOne);
    await waitFor('the stray in the registry', () => agentRecord(idOne)?.instances[strayId]);
    expect(cluster.controllerLogs.text()).toMatch(new RegExp(`"strays":\\["${strayId}"\\].*"msg":"agent runs instances the controller did not start"`));
    // The controller can tell the agent to stop it.
    const removed = await cluster.controller.dispatcher.run({ kind: 'remove-instance', agentId: idOne, spec: { instanceId: strayId } }, 30_000);
    expect(removed.status).toBe('ok');
    expect(await docker('ps', '-aq', '--filter', `name=berth-${strayId}`)).toBe('');
  });

  it('buffers reports while the controller is away, delivers all of them, and lets none roll the registry back', async () => {
    await cluster.stopController();
    // A start task applied while the controller is down: its result ("running") can only arrive
    // through the buffer, and then the container dies, which the hello will show.
    const awayId = `away-${suffix}`;
    const taskId = `while-away-${suffix}`;
    const nc = await connect({ servers: cluster.nats.url });
    const now = Date.now();
    const spec = { instanceId: awayId, app: 'shop', service: 'web', release: 'v1', image: TEST_IMAGE, containerPort: 8080, restart: 'no' as const };
    nc.publish(
      agentTaskSubject(idOne),
      encodeTask({ id: taskId, kind: 'start-instance', agentId: idOne, deploymentId: null, createdAtMs: now, deadlineMs: now + 60_000, spec }),
    );
    await nc.flush();
    await nc.close();
    await one.waitForLog(new RegExp(`"taskId":"${taskId}".*"msg":"task applied"`));
    await docker('kill', `berth-${awayId}`);
    await docker('kill', `berth-${instanceId}`);
    await waitFor('both containers exited', async () => (await docker('inspect', '--format', '{{.State.Status}}', `berth-${awayId}`)) === 'exited');

    const controller = await cluster.startController();
    const result = await controller.dispatcher.waitForResult(taskId, 20_000);
    expect(result.status).toBe('ok');
    expect(result.instance?.state).toBe('running');
    // The buffered exit events arrive too, as history.
    await waitFor('the buffered exit event', () =>
      new RegExp(`"instanceId":"${awayId}","event":"exited","exitCode":137,"history":true`).test(cluster.controllerLogs.text()),
    );
    // ...and the registry holds the newer truth from the hello, not the resent "running".
    const away = controller.store.data.agents[idOne]?.instances[awayId];
    expect(away).toMatchObject({ state: 'exited', exitCode: 137 });
    expect(controller.store.data.agents[idOne]?.instances[instanceId]).toMatchObject({ state: 'exited', exitCode: 137 });
    expect(controller.store.data.agents[idTwo]?.alive).toBe(true);
  });
});
