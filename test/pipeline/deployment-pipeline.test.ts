/**
 * The deployment pipeline without Docker: the real controller and agents on a MemoryRuntime
 * (test/helpers/memory-cluster.ts). Every test holds the pipeline in a phase and acts there: a
 * cancel, a controller restart, a lost agent, a crash, a burst of requests. Each deployment takes
 * well under a second; the Docker-backed integration and fault suites stay as they are.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeploymentState } from '../../controller/core/deployment-machine.js';
import type { DeploymentRecord } from '../../controller/core/deployment-record.js';
import { LABELS } from '../../shared/instance.js';
import { decodeTask } from '../../shared/task.js';
import { applySpec, routedServers, waitForEnd } from '../helpers/deployments.js';
import { startMemoryCluster, type MemoryCluster } from '../helpers/memory-cluster.js';
import type { MemoryRuntime, RuntimeGate } from '../helpers/memory-runtime.js';
import { waitFor } from '../helpers/wait-for.js';

let cluster: MemoryCluster;

beforeAll(async () => {
  cluster = await startMemoryCluster();
  await cluster.startAgent('a');
  await cluster.startAgent('b');
});

afterAll(async () => {
  await cluster?.close();
});

function spec(app: string, fields: { image?: string; drain?: string; scale?: number; postdeploy?: boolean } = {}): string {
  return `
name: ${app}
domains: [${app}.test]
drain: ${fields.drain ?? '0s'}
${fields.postdeploy === false ? '' : 'postdeploy: "migrate --all"'}
services:
  web: { image: "${fields.image ?? 'mem/web:1'}", port: 8080, scale: ${fields.scale ?? 2} }
`;
}

function requestDeploy(app: string): DeploymentRecord {
  return cluster.controller.runner.request(app, { kind: 'deploy', services: [], refs: {}, withPostdeploy: true });
}

/** An app with v1 routed, ready for the test to deploy v2 over it. */
async function appWithV1(app: string, fields: Parameters<typeof spec>[1] = {}): Promise<DeploymentRecord> {
  applySpec(cluster.controller, spec(app, fields));
  const v1 = await waitForEnd(cluster.controller, requestDeploy(app).id, 10_000);
  expect(v1.state, v1.failure?.reason).toBe('succeeded');
  return v1;
}

/** Holds one step on every agent; the returned function lets them all go. */
function holdEverywhere(gate: RuntimeGate): () => void {
  const opens = [...cluster.agents.values()].map((a) => a.runtime.hold(gate));
  return () => {
    for (const open of opens) open();
  };
}

/** Instance containers of an app still running, across agents. */
function runningContainers(app: string): string[] {
  return [...cluster.agents.values()].flatMap((a) =>
    a.runtime
      .runningInstances()
      .filter((i) => i.app === app)
      .map((i) => i.instanceId),
  );
}

function postdeployRuns(app: string): number {
  return [...cluster.agents.values()].flatMap((a) => a.runtime.created).filter((c) => c.labels[LABELS.oneOff] && c.labels[LABELS.app] === app).length;
}

/** The phase each held gate keeps a deployment in. */
const PHASES: Array<[Exclude<RuntimeGate, 'health'> | 'health', DeploymentState]> = [
  ['prepare', 'building'],
  ['start', 'starting'],
  ['health', 'verifying'],
  ['oneoff', 'postdeploy'],
];

describe('a deployment', () => {
  it('runs every stage and routes the new release', async () => {
    const v1 = await appWithV1('plain');
    expect(v1.history.map((h) => h.state)).toEqual(['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining', 'succeeded']);
    expect(cluster.controller.store.data.apps.plain?.routed?.release).toBe('v1');
    expect(Object.values(await routedServers(cluster.controller, 'plain')).flat()).toHaveLength(2);
    expect(postdeployRuns('plain')).toBe(1);
    expect(runningContainers('plain').sort()).toEqual(v1.plan?.start.map((i) => i.instanceId).sort());
  });
});

describe('cancelled', () => {
  it.each(PHASES)('while %s holds it in %s: the new instances go, v1 keeps serving', async (gate, phase) => {
    const app = `cancel-${phase}`;
    const v1 = await appWithV1(app);
    const open = holdEverywhere(gate);
    try {
      const v2 = requestDeploy(app);
      await cluster.waitForState(v2.id, phase);
      expect(cluster.controller.store.data.deployments[v2.id]?.state).toBe(phase);
      // Let the held step go once the cancel is asked for: removing an instance waits for its start.
      const cancelling = cluster.controller.runner.cancel(v2.id);
      open();
      const ended = await cancelling;
      expect(ended.state).toBe('cancelled');
      expect(ended.failure?.phase).toBe(phase);
    } finally {
      open();
    }
    expect(cluster.controller.store.data.apps[app]?.routed?.release).toBe('v1');
    await waitFor(
      'only v1 to run',
      () =>
        runningContainers(app).sort().join() ===
        v1.plan?.start
          .map((i) => i.instanceId)
          .sort()
          .join(),
      5000,
    );
    // A cancelled postdeploy is stopped, not left to finish: the one-off ran for v1 and began for v2.
    expect(postdeployRuns(app)).toBe(phase === 'postdeploy' ? 2 : 1);
  });
});

describe('a controller restarted', () => {
  it.each(PHASES.filter(([, phase]) => phase !== 'postdeploy'))('while %s holds it in %s: carries it on, each new instance made once', async (gate, phase) => {
    const app = `restart-${phase}`;
    const v1 = await appWithV1(app);
    const open = holdEverywhere(gate);
    let v2: DeploymentRecord;
    try {
      v2 = requestDeploy(app);
      await cluster.waitForState(v2.id, phase);
      await cluster.stopController();
      await cluster.startController();
      expect(cluster.controller.store.data.deployments[v2.id]?.state).toBe(phase);
    } finally {
      open();
    }
    const ended = await waitForEnd(cluster.controller, v2.id, 15_000);
    expect(ended.state, ended.failure?.reason).toBe('succeeded');
    expect(ended.release).toBe('v2');
    expect(cluster.controller.store.data.apps[app]?.routed?.release).toBe('v2');
    const v2Ids = ended.plan?.start.map((i) => i.instanceId).sort() ?? [];
    expect(v2Ids).toHaveLength(2);
    // One release recorded, each instance created once, v1 retired, postdeploy run once more.
    expect(
      Object.values(cluster.controller.store.data.releases)
        .filter((r) => r.app === app)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['v1', 'v2']);
    const made = [...cluster.agents.values()].flatMap((a) => a.runtime.created).filter((c) => c.labels[LABELS.app] === app && !c.labels[LABELS.oneOff]);
    expect(made).toHaveLength(4);
    expect(postdeployRuns(app)).toBe(2);
    await waitFor('only v2 to run', () => runningContainers(app).sort().join() === v2Ids.join(), 10_000);
    expect(v1.plan?.start.some((i) => v2Ids.includes(i.instanceId))).toBe(false);
  });

  it('in postdeploy: carries on with the one-off already running, which runs once', async () => {
    const app = 'restart-postdeploy';
    await appWithV1(app);
    const open = holdEverywhere('oneoff');
    const v2 = requestDeploy(app);
    try {
      await cluster.waitForState(v2.id, 'postdeploy');
      await cluster.stopController();
      await cluster.startController();
      expect(cluster.controller.store.data.deployments[v2.id]?.state).toBe('postdeploy');
    } finally {
      open();
    }
    const ended = await waitForEnd(cluster.controller, v2.id, 15_000);
    expect(ended.state, ended.failure?.reason).toBe('succeeded');
    expect(ended.postdeploy?.exitCode).toBe(0);
    expect(postdeployRuns(app)).toBe(2);
    expect(cluster.controller.store.data.apps[app]?.routed?.release).toBe('v2');
  });

  it('while it drains: carries on and retires v1', async () => {
    const app = 'restart-draining';
    const v1 = await appWithV1(app, { drain: '1s' });
    const v2 = requestDeploy(app);
    await cluster.waitForState(v2.id, 'draining');
    await cluster.stopController();
    await cluster.startController();
    const ended = await waitForEnd(cluster.controller, v2.id, 15_000);
    expect(ended.state, ended.failure?.reason).toBe('succeeded');
    await waitFor('v1 to be retired', () => !runningContainers(app).some((id) => v1.plan?.start.some((i) => i.instanceId === id)), 10_000);
    expect(runningContainers(app)).toHaveLength(2);
  });
});

describe('while instances are verified', () => {
  it('an instance that exits fails the deployment with its status', async () => {
    const app = 'crash';
    await appWithV1(app);
    const open = holdEverywhere('health');
    try {
      const v2 = requestDeploy(app);
      const verifying = await cluster.waitForState(v2.id, 'verifying');
      const first = verifying.plan?.start[0];
      if (!first) throw new Error('no instance planned');
      cluster.agents.get(first.agentId)?.runtime.exit(first.instanceId, 3);
      const ended = await waitForEnd(cluster.controller, v2.id, 10_000);
      expect(ended.state).toBe('failed');
      expect(ended.failure?.reason).toContain('exited with code 3');
      expect(ended.failure?.exitCode).toBe(3);
    } finally {
      open();
    }
    expect(cluster.controller.store.data.apps[app]?.routed?.release).toBe('v1');
  });

  it('an agent lost: its instance is started on another agent and the deployment succeeds', async () => {
    const app = 'lost';
    await cluster.startAgent('c');
    await appWithV1(app, { scale: 3, postdeploy: false });
    const open = holdEverywhere('health');
    let v2: DeploymentRecord;
    let lostAgent: string;
    try {
      v2 = requestDeploy(app);
      const verifying = await cluster.waitForState(v2.id, 'verifying');
      lostAgent = (verifying.plan?.start.find((i) => i.agentId !== 'a') ?? verifying.plan?.start[0])?.agentId as string;
      await cluster.stopAgent(lostAgent);
      await waitFor('a replacement', () => cluster.controller.store.data.deployments[v2.id]?.plan?.start.some((i) => i.instanceId.endsWith('-r1')), 10_000);
    } finally {
      open();
    }
    const ended = await waitForEnd(cluster.controller, v2.id, 15_000);
    expect(ended.state, ended.failure?.reason).toBe('succeeded');
    const replaced = ended.plan?.start.filter((i) => i.instanceId.endsWith('-r1')) ?? [];
    expect(replaced).toHaveLength(1);
    expect(replaced[0]?.agentId).not.toBe(lostAgent);
    // Back again, the lost agent's replaced instance is retired: the app runs its three.
    await cluster.startAgent(lostAgent);
    await waitFor('the replaced instance to be retired', () => runningContainers(app).length === 3, 10_000);
    expect(runningContainers(app).sort()).toEqual(ended.plan?.start.map((i) => i.instanceId).sort());
  });
});

describe('an agent lost while it starts an instance', () => {
  it('the start task it died applying, delivered again after the instance was replaced and removed, is stopped', async () => {
    const app = 'redelivered';
    await appWithV1(app, { postdeploy: false });
    const opens = new Map([...cluster.agents].map(([id, a]) => [id, a.runtime.hold('start')]));
    const handled = [...cluster.agents.values()].flatMap((a) => (a.agent ? [vi.spyOn(a.agent.runner, 'handle')] : []));
    try {
      const v2 = requestDeploy(app);
      const lost = (await cluster.waitForState(v2.id, 'starting')).plan?.start[0];
      if (!lost) throw new Error('no instance planned');
      const victim = lost.agentId;
      const runtime = cluster.agents.get(victim)?.runtime as MemoryRuntime;
      const container = () => runtime.findInstanceContainer(victim, lost.instanceId);
      await waitFor('its container to be created', async () => (await container()) !== null, 5000);
      // The agent dies while its start is held: the start never reaches the engine, the task is
      // never acknowledged. A new gate, opened at once, lets later starts through.
      await cluster.stopAgent(victim);
      runtime.hold('start')();
      for (const [id, open] of opens) if (id !== victim) open();
      const ended = await waitForEnd(cluster.controller, v2.id, 15_000);
      expect(ended.state, ended.failure?.reason).toBe('succeeded');
      expect(ended.plan?.start.map((i) => i.instanceId)).toContain(`${lost.instanceId}-r1`);
      // Back, the agent applies the removal queued for the replaced instance.
      const back = await cluster.startAgent(victim);
      await waitFor('the replaced instance to be removed', async () => (await container()) === null, 5000);
      // JetStream delivers the start task again once its ack wait (30 s) has passed, after that
      // removal; here it is handed to the agent at once. The agent makes the instance again.
      const task = handled
        .flatMap((spy) => spy.mock.calls.map(([data]) => data))
        .find((data) => {
          const t = decodeTask(data);
          return t.kind === 'start-instance' && t.spec.instanceId === lost.instanceId;
        });
      if (!task) throw new Error('the start task was not seen');
      await back.agent?.runner.handle(task);
      expect(runtime.created.filter((c) => c.labels[LABELS.instance] === lost.instanceId)).toHaveLength(2);
      // The controller no longer knows it: a stray, stopped; only what v2 routes runs.
      await waitFor('the instance made again to be stopped', async () => (await container())?.State.Running === false, 5000);
      expect(runningContainers(app).sort()).toEqual(ended.plan?.start.map((i) => i.instanceId).sort());
    } finally {
      for (const spy of handled) spy.mockRestore();
      // The held start goes on and fails: its container is gone.
      for (const open of opens.values()) open();
    }
  });
});

describe('requests arriving while a deployment runs', () => {
  it('wait as one queued deployment that merges them', async () => {
    const app = 'burst';
    await appWithV1(app);
    const open = holdEverywhere('prepare');
    const first = requestDeploy(app);
    let queued: DeploymentRecord[];
    try {
      await cluster.waitForState(first.id, 'building');
      queued = Array.from({ length: 5 }, () => requestDeploy(app));
      expect(new Set(queued.map((d) => d.id)).size).toBe(1);
      expect(queued[0]?.state).toBe('queued');
    } finally {
      open();
    }
    const [a, b] = [await waitForEnd(cluster.controller, first.id, 10_000), await waitForEnd(cluster.controller, queued[0]?.id as string, 10_000)];
    expect([a.state, b.state]).toEqual(['succeeded', 'succeeded']);
    expect(cluster.controller.runner.list(app).map((d) => d.release)).toEqual(['v3', 'v2', 'v1']);
  });
});
