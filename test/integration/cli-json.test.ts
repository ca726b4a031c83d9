/**
 * `--json` for scripts, as a user runs the CLI (spawned processes against a real controller, agent,
 * NATS and Docker): every command that prints data prints JSON that parses, with numbers for
 * times and null for absent values, and the exit code a script can branch on.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { removeAppContainers } from '../helpers/deployments.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `json-${suffix}`;
let cluster: Cluster;
let dir: string;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '200ms' });
  await cluster.startAgent(`json-${suffix}`);
  dir = await mkdtemp(join(tmpdir(), 'berth-json-'));
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
  await rm(dir, { recursive: true, force: true });
});

const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });

async function json<T>(args: string[], code = 0): Promise<T> {
  const res = await berth(args);
  expect(res.code, res.stderr).toBe(code);
  return JSON.parse(res.stdout) as T;
}

interface DeploymentJson {
  id: string;
  app: string;
  kind: string;
  release: string | null;
  state: string;
  healthy: number;
  wanted: number;
  createdAtMs: number;
  history: Array<{ state: string; atMs: number }>;
  failure: { phase: string; reason: string; exitCode: number | null; output: string[] } | null;
  postdeploy: { agent: string | null; exitCode: number | null } | null;
  output: string[];
}

async function applyFile(postdeploy: string): Promise<{ name: string; outcome: string }> {
  const file = join(dir, 'app.json');
  await writeFile(file, specText({ name: app, drain: '0s', postdeploy, services: { web: { image: TEST_IMAGE, port: 8080, scale: 1 } } }));
  return json(['apps', 'apply', '-f', file, '--json']);
}

describe('--json for scripts', { timeout: 120_000 }, () => {
  it('apply, deploy, list, show, releases, scale, failure, delete and version print JSON', async () => {
    expect(await applyFile('echo migrated')).toMatchObject({ name: app, outcome: 'created' });

    // --wait --json: quiet until the end, then the deployment; exit 0 because it succeeded.
    const first = await json<DeploymentJson>(['deploy', app, '--wait', '--json']);
    expect(first).toMatchObject({ app, kind: 'deploy', release: 'v1', state: 'succeeded', healthy: 1, wanted: 1, failure: null, postdeploy: { exitCode: 0 } });
    expect(first.output).toContain('migrated');
    expect(typeof first.createdAtMs).toBe('number');
    expect(first.history.map((h) => h.state)).toEqual(['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining', 'succeeded']);
    expect(first.history.every((h) => typeof h.atMs === 'number' && h.atMs >= first.createdAtMs)).toBe(true);

    // Without --wait: the deployment as created; deployments show --wait --json follows it to its end.
    const second = await json<DeploymentJson>(['deploy', app, '--json']);
    expect(second.state).not.toBe('succeeded');
    expect((await json<DeploymentJson>(['deployments', 'show', second.id, '--wait', '--json'])).state).toBe('succeeded');

    const listed = await json<DeploymentJson[]>(['deployments', app, '--json']);
    expect(listed.map((d) => d.id)).toEqual([second.id, first.id]);
    const releases = await json<
      Array<{
        name: string;
        routed: boolean;
        createdAtMs: number;
        deploymentId: string;
        postdeploy: string | null;
        services: Array<{ name: string; source: string; image: string | null; commitSha: string | null }>;
      }>
    >(['releases', app, '--json']);
    expect(releases.map((r) => [r.name, r.routed])).toEqual([
      ['v2', true],
      ['v1', false],
    ]);
    // The release pins the image it ran: its ID, not the tag, which may move.
    expect(releases[0]).toMatchObject({
      deploymentId: second.id,
      postdeploy: 'echo migrated',
      services: [{ name: 'web', source: 'image', image: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), commitSha: null }],
    });
    expect(typeof releases[0]?.createdAtMs).toBe('number');

    const scaled = await json<DeploymentJson>(['scale', app, 'web=2', '--wait', '--json']);
    // One instance added (the one serving stays): the deployment counts the one it started.
    expect(scaled).toMatchObject({ kind: 'scale', release: 'v2', state: 'succeeded', healthy: 1, wanted: 1 });

    // A failed deployment: the JSON says where and why, and the exit code is 1.
    await applyFile('echo no database >&2; exit 3');
    const failed = await json<DeploymentJson>(['deploy', app, '--wait', '--json'], 1);
    expect(failed).toMatchObject({ state: 'failed', failure: { phase: 'postdeploy', exitCode: 3 } });
    expect(failed.failure?.reason).toMatch(/exit/);

    // Cancelling an ended deployment is refused; the message goes to stderr, stdout stays empty.
    const cancel = await berth(['deployments', 'cancel', failed.id, '--json']);
    expect(cancel.code).toBe(1);
    expect(cancel.stdout).toBe('');
    expect(cancel.stderr).toMatch(/already failed \[FAILED_PRECONDITION\]/);

    expect(await json(['apps', 'delete', app, '--json'])).toEqual({ name: app, deleted: true, instancesRemoved: 2, routesRemoved: false });
    expect(await json(['version', '--json'])).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), node: process.versions.node });
  });
});
