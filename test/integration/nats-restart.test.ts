import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, uniqueSuffix, type AgentProcess, type Cluster } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';

const suffix = uniqueSuffix();
const agentId = `nats-${suffix}`;

let cluster: Cluster;
let agent: AgentProcess;

beforeAll(async () => {
  cluster = await startCluster();
  agent = await cluster.startAgent(agentId);
});

afterAll(async () => {
  await cluster?.close();
});

const spec = (instanceId: string) => ({ instanceId, app: 'shop', service: 'web', release: 'v1', image: TEST_IMAGE, containerPort: 8080 });
const countLines = (text: string, pattern: RegExp) => text.split('\n').filter((l) => pattern.test(l)).length;

describe('NATS restarting under a running system', () => {
  it('reconnects by itself, and a task sent after NATS is back is applied exactly once', async () => {
    await cluster.nats.restart();
    await waitFor('controller NATS reconnect', () => cluster.controller.nats.connected(), 20_000);
    await agent.waitForLog(/"msg":"NATS reconnected"/, 20_000);

    const instanceId = `after-${suffix}`;
    const result = await cluster.controller.dispatcher.run({ kind: 'start-instance', agentId, spec: spec(instanceId) }, 30_000);
    expect(result.status).toBe('ok');
    // Give a redelivery, if any, time to show up before counting.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await docker('ps', '-aq', '--filter', `label=berth.instance=${instanceId}`)).split('\n').filter(Boolean)).toHaveLength(1);
    expect(countLines(agent.output, new RegExp(`"taskId":"${result.taskId}".*"msg":"task applied"`))).toBe(1);
  });

  it('holds a task dispatched while NATS is down and applies it once when NATS returns', async () => {
    await cluster.nats.stop();
    const instanceId = `during-${suffix}`;
    const pending = cluster.controller.dispatcher.run({ kind: 'start-instance', agentId, spec: spec(instanceId) }, 45_000);
    await new Promise((r) => setTimeout(r, 1000));
    await cluster.nats.restart();
    const result = await pending;
    expect(result.status).toBe('ok');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await docker('ps', '-aq', '--filter', `label=berth.instance=${instanceId}`)).split('\n').filter(Boolean)).toHaveLength(1);
    expect(countLines(agent.output, new RegExp(`"taskId":"${result.taskId}".*"msg":"task applied"`))).toBe(1);
  });
});
