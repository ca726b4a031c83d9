import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, containersWith, deploy, readTraefikFile, removeAppContainers, routedAnswers, routedServers, waitForEnd } from '../helpers/deployments.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { postdeployOneOffId } from '../../controller/core/release.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const agents = [`dep-a-${suffix}`, `dep-b-${suffix}`];
const apps: string[] = [];
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '500ms', stateStore: 'journal' });
  await Promise.all(agents.map((id) => cluster.startAgent(id)));
});

afterAll(async () => {
  await cluster?.close();
  await Promise.all(apps.map(removeAppContainers));
});

const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });

/** A web service that serves "CONTAINER_VERSION CONTAINER", a worker, and an optional postdeploy. */
function spec(app: string, extra: { postdeploy?: string; postdeployTimeout?: string; webCommand?: string; webScale?: number } = {}): string {
  apps.push(app);
  const web = extra.webCommand ?? 'mkdir -p /tmp/www && echo "$CONTAINER_VERSION $CONTAINER" > /tmp/www/index.html && exec httpd -f -p $PORT -h /tmp/www';
  return specText({
    name: app,
    domains: [`${app}.example.test`],
    env: { GREETING: 'hello', RAILS_ENV: 'production' },
    drain: '0s',
    ...(extra.postdeploy ? { postdeploy: extra.postdeploy } : {}),
    ...(extra.postdeployTimeout ? { postdeployTimeout: extra.postdeployTimeout } : {}),
    services: {
      web: { image: TEST_IMAGE, command: web, port: 8080, scale: extra.webScale ?? 2, health: { path: '/index.html', bootTimeout: '20s' } },
      worker: { image: TEST_IMAGE, command: 'sleep 3600' },
    },
  });
}

/** What the routed web servers answer, the same as the app answers through Traefik. */
const answers = (app: string) => routedAnswers(cluster, app);

/** The environment Docker gave PID 1 of a container (what the shell has before it adds its own). */
function environOf(lines: string[]): Record<string, string> {
  return Object.fromEntries(lines.filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('deployments', { timeout: 120_000 }, () => {
  it('happy path: builds, starts across both agents, runs postdeploy, routes to the new instances, drains the old', async () => {
    const app = `happy-${suffix}`;
    applySpec(cluster.controller, spec(app, { postdeploy: "cat /proc/1/environ | tr '\\0' '\\n'" }));

    const first = await berth(['deploy', app, '--wait']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /==> building[\s\S]*==> verifying[\s\S]*instances healthy 3\/3[\s\S]*==> postdeploy[\s\S]*==> routing[\s\S]*succeeded: .* v1 is live/,
    );
    expect((await answers(app)).sort()).toEqual(['v1 web-1', 'v1 web-2']);
    const v1Containers = await containersWith(`berth.release=v1`).then((ids) => ids);

    const second = await berth(['deploy', app, '--wait']);
    expect(second.code).toBe(0);
    const d2 = Object.values(cluster.controller.store.data.deployments).find((d) => d.app === app && d.release === 'v2');
    expect(d2?.state).toBe('succeeded');
    expect(d2?.history.map((h) => h.state)).toEqual(['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining', 'succeeded']);
    // Draining started only once Traefik's API listed the new servers, and the deployment says so.
    expect(d2?.routing?.traefiks).toEqual([{ api: cluster.traefik.api, confirmed: true, ms: expect.any(Number), detail: 'loaded' }]);
    expect(second.stdout).toMatch(/routes confirmed: http:\/\/127\.0\.0\.1:\d+ confirmed in \d+\.\ds/);

    // The file routes exactly to the new instances, and each answers with the new version.
    const servers = (await routedServers(cluster.controller, app))[`${app}-web`] ?? [];
    expect(servers).toHaveLength(2);
    expect((await answers(app)).sort()).toEqual(['v2 web-1', 'v2 web-2']);
    const newWeb = (d2?.plan?.start ?? []).filter((i) => i.service === 'web');
    expect(new Set(newWeb.map((i) => i.agentId)).size).toBe(2);

    // The old release's instances are gone after the drain; the new ones (2 web + 1 worker) run.
    const left = await containersWith(`berth.app=${app}`);
    expect(left).toHaveLength(3);
    for (const id of left) expect(await docker('inspect', '-f', '{{index .Config.Labels "berth.release"}}', id)).toBe('v2');
    expect(v1Containers.filter((id) => left.includes(id))).toEqual([]);

    // The postdeploy container had exactly a web instance's environment, but for CONTAINER and HOSTNAME.
    const webId = (await containersWith(`berth.instance=${newWeb[0]?.instanceId}`))[0] as string;
    const webEnv = environOf(JSON.parse(await docker('inspect', '-f', '{{json .Config.Env}}', webId)) as string[]);
    const postEnv = environOf(d2?.output ?? []);
    expect(postEnv.CONTAINER).toBe('postdeploy-1');
    expect(webEnv.CONTAINER).toMatch(/^web-[12]$/);
    // Docker itself adds HOSTNAME and HOME to what a container's process sees.
    const strip = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).filter(([k]) => !['CONTAINER', 'HOSTNAME', 'HOME'].includes(k)));
    expect(strip(postEnv)).toEqual(strip(webEnv));
    expect(webEnv).toMatchObject({ APP: app, CONTAINER_VERSION: 'v2', PORT: '8080', BERTH_RELEASE: 'v2', BERTH_DEPLOYMENT_ID: d2?.id, GREETING: 'hello' });

    // The HTTP provider serves the same routes.
    const dynamic = (await (await fetch(`http://127.0.0.1:${cluster.controller.httpPort}/traefik/dynamic`)).json()) as {
      http: { services: Record<string, { loadBalancer: { servers: Array<{ url: string }> } }> };
    };
    expect(dynamic.http.services[`${app}-web`]?.loadBalancer.servers.map((s) => s.url).sort()).toEqual([...servers].sort());
  });

  it('postdeploy exits 1: routing and the old instances stay exactly as they were, the new ones are removed', async () => {
    const app = `pdfail-${suffix}`;
    applySpec(cluster.controller, spec(app));
    expect((await deploy(cluster.controller, app)).state).toBe('succeeded');
    const before = await readTraefikFile(cluster.controller, app);
    const oldAnswers = (await answers(app)).sort();

    applySpec(cluster.controller, spec(app, { postdeploy: 'echo migrating; echo broken >&2; exit 1' }));
    const d = await deploy(cluster.controller, app);
    expect(d.state).toBe('failed');
    expect(d.failure).toMatchObject({ phase: 'postdeploy', exitCode: 1 });
    expect(d.failure?.output?.sort()).toEqual(['broken', 'migrating']);
    expect(d.postdeploy?.exitCode).toBe(1);
    expect(await readTraefikFile(cluster.controller, app)).toBe(before);
    expect((await answers(app)).sort()).toEqual(oldAnswers);
    expect(oldAnswers).toEqual(['v1 web-1', 'v1 web-2']);
    await waitFor('the new instances to be removed', async () => (await containersWith(`berth.deployment=${d.id}`)).length === 0);
  });

  it('postdeploy past its time limit: stopped, status -128, nothing changes', async () => {
    const app = `pdslow-${suffix}`;
    applySpec(cluster.controller, spec(app));
    await deploy(cluster.controller, app);
    const before = await readTraefikFile(cluster.controller, app);
    applySpec(cluster.controller, spec(app, { postdeploy: 'echo start; sleep 60', postdeployTimeout: '2s' }));
    const d = await deploy(cluster.controller, app);
    expect(d.failure).toMatchObject({ phase: 'postdeploy', exitCode: -128 });
    expect(d.failure?.reason).toMatch(/time limit/);
    expect(await readTraefikFile(cluster.controller, app)).toBe(before);
    await waitFor('the new instances to be removed', async () => (await containersWith(`berth.deployment=${d.id}`)).length === 0);
  });

  it('a web command that exits at once fails in verifying with its exit code and output', async () => {
    const app = `crash-${suffix}`;
    applySpec(cluster.controller, spec(app, { webCommand: 'echo missing DATABASE_URL >&2; exit 3', webScale: 1 }));
    const res = await berth(['deploy', app, '--wait']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/failed in verifying: web-1 .* exited with code 3/);
    const d = Object.values(cluster.controller.store.data.deployments).find((x) => x.app === app);
    expect(d?.failure).toMatchObject({ phase: 'verifying', exitCode: 3 });
    expect(d?.failure?.output).toContain('missing DATABASE_URL');
    expect(await readTraefikFile(cluster.controller, app)).toBeNull();
    await waitFor('no containers of the failed deployment', async () => (await containersWith(`berth.deployment=${d?.id}`)).length === 0);
  });

  it('scale goes through the same pipeline without a build; rollback routes an earlier release again', async () => {
    const app = `scale-${suffix}`;
    applySpec(cluster.controller, spec(app, { webScale: 1 }));
    await deploy(cluster.controller, app);
    await deploy(cluster.controller, app);
    expect(await answers(app)).toEqual(['v2 web-1']);
    const kept = await containersWith(`berth.app=${app}`);
    // The list shows the routed release, and follows it when it changes (rows are kept between calls).
    const listedRelease = async () =>
      (JSON.parse((await berth(['apps', 'list', '--json'])).stdout) as Array<{ name: string; release: string | null }>).find((a) => a.name === app)?.release;
    expect(await listedRelease()).toBe('v2');

    const scaled = await berth(['scale', app, 'web=3', '--wait']);
    expect(scaled.code).toBe(0);
    expect((await answers(app)).sort()).toEqual(['v2 web-1', 'v2 web-2', 'v2 web-3']);
    // The instances that served stay; only new ones were started.
    const after = await containersWith(`berth.app=${app}`);
    expect(after).toEqual(expect.arrayContaining(kept));
    expect(Object.values(cluster.controller.store.data.releases).filter((r) => r.app === app)).toHaveLength(2);

    const rolled = await berth(['rollback', app, '--to', 'v1', '--wait']);
    expect(rolled.code).toBe(0);
    expect((await answers(app)).sort()).toEqual(['v1 web-1', 'v1 web-2', 'v1 web-3']);
    expect(await listedRelease()).toBe('v1');
    const releases = await berth(['releases', app]);
    expect(releases.stdout).toMatch(/v1 \*/);
  });

  it('cancel before routing removes the new instances and leaves the old release serving', async () => {
    const app = `cancel-${suffix}`;
    applySpec(cluster.controller, spec(app, { webScale: 1 }));
    await deploy(cluster.controller, app);
    const before = await readTraefikFile(cluster.controller, app);
    applySpec(cluster.controller, spec(app, { webScale: 1, postdeploy: 'sleep 30' }));
    const d = cluster.controller.runner.request(app, { kind: 'deploy', services: [], refs: {}, withPostdeploy: true });
    await waitFor('postdeploy to start', () => cluster.controller.store.data.deployments[d.id]?.state === 'postdeploy', 30_000);
    const res = await berth(['deployments', 'cancel', d.id]);
    expect(res.stdout).toMatch(/cancelled in postdeploy/);
    expect(cluster.controller.store.data.deployments[d.id]?.state).toBe('cancelled');
    expect(await readTraefikFile(cluster.controller, app)).toBe(before);
    // Its instances and its postdeploy container are gone.
    await waitFor('the new instances and the one-off to go', async () => (await containersWith(`berth.deployment=${d.id}`)).length === 0, 30_000);
    expect(await answers(app)).toEqual(['v1 web-1']);
  });

  it('a controller restarted mid-deployment carries it on: the new release goes live, postdeploy runs once', async () => {
    const app = `restart-${suffix}`;
    applySpec(cluster.controller, spec(app, { webScale: 1 }));
    const v1 = await deploy(cluster.controller, app);
    applySpec(cluster.controller, spec(app, { webScale: 1, postdeploy: 'sleep 3' }));
    const d = cluster.controller.runner.request(app, { kind: 'deploy', services: [], refs: {}, withPostdeploy: true });
    await waitFor('verifying', () => cluster.controller.store.data.deployments[d.id]?.state === 'verifying', 30_000);
    await cluster.stopController();
    await cluster.startController();
    const end = await waitForEnd(cluster.controller, d.id);
    expect(end.state, end.failure?.reason).toBe('succeeded');
    expect(end.release).toBe('v2');
    expect(end.postdeploy?.exitCode).toBe(0);
    // One postdeploy container was started for v2, however many times it was asked for: the agents
    // log each one they start (Docker's own event log keeps too few events in a full run).
    const started = `"oneOffId":"${postdeployOneOffId(app, d.id)}"`;
    const starts = cluster.agents.flatMap((a) => a.output.split('\n')).filter((l) => l.includes(started) && l.includes('one-off container started'));
    expect(starts).toHaveLength(1);
    await waitFor('v1 retired', async () => (await containersWith(`berth.deployment=${v1.id}`)).length === 0, 30_000);
    expect(await answers(app)).toEqual(['v2 web-1']);
  });
});
