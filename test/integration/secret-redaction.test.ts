/**
 * Secrets never reach logs: a full deployment (hook-triggered, with env, a webhook secret, a
 * notification URL with a password, named tokens and an agent join) with the controller and the
 * agent logging at debug, then every line they wrote is searched for each planted value.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../controller/core/hook-signature.js';
import { runBerth } from '../helpers/berth-cli.js';
import { AgentProcess, startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, removeAppContainers, waitForEnd } from '../helpers/deployments.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `secrets-${suffix}`;
const planted = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
const ENV_VALUE = planted('envvalue');
const ENV_SET_VALUE = planted('envset');
const HOOK_SECRET = planted('hooksecret');
const NOTIFY_PASSWORD = planted('notifypass');
let cluster: Cluster;
let agent: AgentProcess;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '200ms' });
  agent = await cluster.startAgent(`secrets-${suffix}`);
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });

describe('secrets in logs', { timeout: 120_000 }, () => {
  it('a full deployment with planted secrets leaves none of them in any log line', async () => {
    applySpec(
      cluster.controller,
      specText({
        name: app,
        env: { API_KEY: ENV_VALUE },
        drain: '0s',
        postdeploy: 'test -n "$API_KEY" && echo postdeploy ran',
        services: { web: { image: TEST_IMAGE, port: 8080, scale: 1 } },
      }),
    );
    expect((await berth(['env', 'set', app, `OTHER_KEY=${ENV_SET_VALUE}`])).code).toBe(0);
    expect((await berth(['hooks', 'secret', app, '--value', HOOK_SECRET])).code).toBe(0);
    // Nothing listens on port 1: the notification fails and is retried, and logged each time.
    expect((await berth(['notify', app, '--add', `http://berth:${NOTIFY_PASSWORD}@127.0.0.1:1/hook`])).code).toBe(0);
    const apiToken = (await berth(['tokens', 'create', `ci-${suffix}`])).stdout.trim();
    // Both used, so they travel through the controller: a call with the API token, a join with the join token.
    expect((await runBerth(['apps', 'list'], { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: apiToken })).code).toBe(0);
    const joinToken = (await berth(['agents', 'join-token'])).stdout.trim();
    const joinDir = await mkdtemp(join(tmpdir(), 'berth-agent-'));
    const second = new AgentProcess(
      `secrets2-${suffix}`,
      ['--data-dir', joinDir, '--controller', `127.0.0.1:${cluster.controller.grpcPort}`, '--nats', cluster.nats.url, '--log-level', 'debug'],
      { BERTH_JOIN_TOKEN: joinToken },
    ).start();
    await second.waitForLog(/"msg":"agent started"/, 20_000);
    await second.kill('SIGTERM');
    const hookUrl = (await berth(['hooks', 'url', app])).stdout.trim();
    const hookToken = hookUrl.slice(hookUrl.lastIndexOf('/') + 1);

    // A bad signature (refused), then a good one that deploys.
    const body = '{}';
    const bad = await fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Hub-Signature-256': `sha256=${'0'.repeat(64)}` },
      body,
    });
    expect(bad.status).toBe(401);
    const signature = `sha256=${hmacSha256Hex(HOOK_SECRET, Buffer.from(body))}`;
    const good = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Hub-Signature-256': signature }, body });
    expect(good.status).toBe(202);
    const { deployment } = (await good.json()) as { deployment: string };
    const d = await waitForEnd(cluster.controller, deployment);
    expect(d.state).toBe('succeeded');
    expect(d.output).toContain('postdeploy ran');
    // A hook request to a path with a wrong token, as a scanner would send.
    expect((await fetch(`${hookUrl.slice(0, hookUrl.lastIndexOf('/'))}/${planted('wrongtoken')}`, { method: 'POST' })).status).toBe(404);
    await waitFor('the notification to fail and be logged', () => cluster.controllerLogs.lines.some((l) => l.includes('notification failed')), 20_000);

    const agentSecret = (
      JSON.parse(await readFile(join(/"credentials":"([^"]+)\/credentials\.json"/.exec(agent.output)?.[1] as string, 'credentials.json'), 'utf8')) as {
        secret: string;
      }
    ).secret;
    const secrets = {
      ENV_VALUE,
      ENV_SET_VALUE,
      HOOK_SECRET,
      NOTIFY_PASSWORD,
      apiToken,
      joinToken,
      hookToken,
      signature: signature.slice(7),
      agentSecret,
      adminToken: cluster.controller.adminToken,
    };
    const logs = `${cluster.controllerLogs.text()}\n${agent.output}\n${second.output}`;
    // The logs did record the work (so an empty log cannot pass) ...
    expect(logs).toMatch(/redeployment hook/);
    expect(logs).toMatch(/env set/);
    expect(logs).toMatch(/task applied/);
    // Every line about the deployment, on the controller and on the agent, names it and its app.
    const about = [...cluster.controllerLogs.lines, ...agent.output.split('\n')].filter((l) => l.includes(`"deploymentId":"${deployment}"`));
    expect(about.length).toBeGreaterThan(10);
    for (const line of about) expect(JSON.parse(line), line).toMatchObject({ app, deploymentId: deployment });
    // ... and none of the secrets.
    for (const [name, value] of Object.entries(secrets)) {
      expect(value.length, name).toBeGreaterThan(8);
      expect(logs.includes(value), `${name} is in the logs`).toBe(false);
    }
  });
});
