import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputNotice } from '../../controller/pipeline/report-intake.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';

const suffix = uniqueSuffix();
const agentId = `oneoff-${suffix}`;
let cluster: Cluster;
const output: OutputNotice[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.startAgent(agentId);
  cluster.controller.intake.onOutput((notice) => output.push(notice));
});

afterAll(async () => {
  await cluster?.close();
});

const oneOffContainers = async (oneOffId: string) => (await docker('ps', '-aq', '--filter', `label=berth.oneoff=${oneOffId}`)).split('\n').filter(Boolean);
const linesOf = (taskId: string) => output.filter((o) => o.taskId === taskId).flatMap((o) => o.lines);

describe('one-off containers (the postdeploy command)', () => {
  it('runs the command with /bin/sh -c in the given environment, streams its output, records the exit status, and removes the container', async () => {
    const oneOffId = `postdeploy-${suffix}-1`;
    const result = await cluster.controller.dispatcher.run(
      {
        kind: 'run-oneoff',
        agentId,
        deploymentId: 'd1',
        spec: {
          oneOffId,
          app: 'shop',
          release: 'v2',
          image: TEST_IMAGE,
          command: 'echo "migrating $APP at $CONTAINER"; echo to-stderr >&2; exit 3',
          env: { APP: 'shop', CONTAINER: 'postdeploy-1' },
        },
      },
      30_000,
    );
    expect(result.status).toBe('ok');
    expect(result.exitCode).toBe(3);
    // stdout and stderr are separate pipes: their relative order is not kept, their content is.
    expect([...result.outputTail].sort()).toEqual(['migrating shop at postdeploy-1', 'to-stderr']);
    expect(linesOf(result.taskId).sort()).toEqual(['migrating shop at postdeploy-1', 'to-stderr']);
    expect(await oneOffContainers(oneOffId)).toEqual([]);
  });

  it('stops a one-off at its time limit and records -128', async () => {
    const oneOffId = `postdeploy-${suffix}-slow`;
    const started = Date.now();
    const result = await cluster.controller.dispatcher.run(
      {
        kind: 'run-oneoff',
        agentId,
        spec: { oneOffId, app: 'shop', release: 'v2', image: TEST_IMAGE, command: 'echo begin; sleep 60; echo never', timeoutMs: 2000 },
      },
      30_000,
    );
    expect(result.exitCode).toBe(-128);
    expect(result.outputTail).toEqual(['begin']);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await oneOffContainers(oneOffId)).toEqual([]);
  });

  it('a one-off is not an instance: it never shows in the registry', async () => {
    const oneOffId = `postdeploy-${suffix}-quiet`;
    const result = await cluster.controller.dispatcher.run(
      { kind: 'run-oneoff', agentId, spec: { oneOffId, app: 'shop', release: 'v2', image: TEST_IMAGE, command: 'true' } },
      30_000,
    );
    expect(result.exitCode).toBe(0);
    expect(Object.keys(cluster.controller.store.data.agents[agentId]?.instances ?? {})).toEqual([]);
  });
});
