import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers } from '../helpers/deployments.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `errs-${suffix}`;
const TOKEN = 'traefik-secret';
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '200ms', traefikToken: TOKEN });
  await cluster.startAgent(`errs-${suffix}`);
  applySpec(
    cluster.controller,
    specText({ name: app, domains: [`${app}.example.test`], drain: '0s', services: { web: { image: TEST_IMAGE, port: 8080, scale: 1 } } }),
  );
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });

describe('deploy commands answer bad requests with a message a person can act on', { timeout: 60_000 }, () => {
  it.each([
    ['an unknown app', ['deploy', 'nope'], /no app "nope" \(apps: errs-.*\) \[NOT_FOUND\]/],
    ['an unknown service', ['deploy', app, '--services', 'api'], /has no service api \(services: web\) \[INVALID_ARGUMENT\]/],
    ['a ref for an app without git services', ['deploy', app, '--ref', 'main'], /has no git service to build at a ref \[INVALID_ARGUMENT\]/],
    ['a rollback before any release', ['rollback', app], /no release before .* to roll back to; name one with --to \[FAILED_PRECONDITION\]/],
    ['a rollback to a release that does not exist', ['rollback', app, '--to', 'v9'], /has no release v9; 'berth releases .*' lists them \[NOT_FOUND\]/],
    ['an unknown deployment', ['deployments', 'show', 'abc'], /no deployment "abc"; 'berth deployments APP' lists .* \[NOT_FOUND\]/],
  ])('%s', async (_name, args, message) => {
    const res = await berth(args);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
  });

  it('a bad scale pair is a usage error (exit 2)', async () => {
    const res = await berth(['scale', app, 'web=lots']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/"web=lots" is not SERVICE=COUNT/);
  });

  it('a finished deployment cannot be cancelled; the list and the show say what happened', async () => {
    const d = await deploy(cluster.controller, app);
    expect(d.state).toBe('succeeded');
    const cancel = await berth(['deployments', 'cancel', d.id]);
    expect(cancel.stderr).toMatch(/already succeeded \[FAILED_PRECONDITION\]/);
    const list = await berth(['deployments', app]);
    expect(list.stdout).toMatch(new RegExp(`${d.id}\\s+deploy\\s+v1\\s+succeeded\\s+1/1`));
    const show = await berth(['deployments', 'show', d.id]);
    expect(show.stdout).toMatch(/state\s+succeeded[\s\S]*history[\s\S]*queued[\s\S]*draining[\s\S]*succeeded/);
  });

  it('GET /traefik/dynamic asks for its bearer token', async () => {
    const url = `http://127.0.0.1:${cluster.controller.httpPort}/traefik/dynamic`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { http?: { routers: Record<string, { rule: string }> } };
    expect(Object.values(body.http?.routers ?? {}).map((r) => r.rule)).toContain(`Host(\`${app}.example.test\`)`);
  });
});
