/**
 * Benchmark (prints figures; not a test): routing one app's change into Traefik's file provider.
 * Target: under 5 ms per change while 10,000 apps exist, without rewriting the other apps' files.
 *
 * Berth: a Store (--state-store journal) with BENCH_ROUTING_APPS apps (each a release with a web service on two domains,
 * three instances routed on agents that are up), every app's file written once. Then one app
 * changes again and again (its routed instances alternate between two sets, so every change is
 * a real write): Router.route renders the app's config from the state, serializes it to YAML, parses
 * the bytes back and validates them, writes a temp file, fsyncs it, renames it over the old one
 * and fsyncs the directory. The figure is the time from the call to the file on disk.
 *
 * Baseline, in the same directory and run: the bare atomic write of the same bytes (write a temp
 * file, fsync, rename, fsync the directory), so Berth / baseline is what rendering and checking
 * add to the disk's own cost. Both are measured in alternating blocks.
 *
 * Also printed: that no other file's modification time changed (the change rewrote one file), and
 * the render alone (no disk) for one app and for the whole set (the HTTP provider's document).
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist-bench/bench/routing.js   (or: npm run bench)
 * Tunables: BENCH_ROUTING_APPS (10000), BENCH_ROUTING_N (300 changes each).
 */
import { mkdtemp, open, rename, rm, stat, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../controller/state/store.js';
import { serializeAppConfig } from '../controller/adapters/traefik-files.js';
import { renderRoutes, Router, type RouterOptions } from '../controller/pipeline/router.js';
import { DEFAULT_TRAEFIK_OPTIONS } from '../controller/core/traefik-config.js';
import { parseAppSpec } from '../shared/app-spec.js';
import { intEnv, stats } from './measure.js';

const APPS = intEnv('BENCH_ROUTING_APPS', 10_000);
const N = intEnv('BENCH_ROUTING_N', 300);
const AGENTS = 20;

const dataDir = await mkdtemp(join(tmpdir(), 'berth-bench-routing-'));
const traefikDir = join(dataDir, 'traefik');
// The journal store: with json, each change's write-behind of the whole state (tens of MiB here)
// would take the event loop from the measured writes (bench/state-store.ts measures that).
const store = await Store.open(dataDir, 'journal');
const options: RouterOptions = { traefikDir, traefik: DEFAULT_TRAEFIK_OPTIONS, confirm: { apis: [], settleMs: 0, timeoutMs: 0 } };
const router = new Router(store, options);
const now = Date.now();

// The fleet and the apps, straight into the state (the store's own write is not measured here).
store.update((s) => {
  for (let a = 0; a < AGENTS; a++) {
    const id = `agent-${a}`;
    s.agents[id] = {
      id,
      hostname: id,
      advertiseAddr: `10.0.0.${a + 1}`,
      labels: {},
      cpus: 4,
      memoryBytes: 8 << 30,
      version: 'bench',
      sessionId: 's',
      alive: true,
      draining: false,
      lastHeartbeatMs: now,
      connectedAtMs: now,
      downSinceMs: null,
      instances: {},
    };
  }
  for (let i = 0; i < APPS; i++) {
    const app = `app-${i}`;
    const spec = parseAppSpec(
      JSON.stringify({
        name: app,
        domains: [`${app}.example.test`, `www.${app}.example.test`],
        services: { web: { image: 'registry.example.test/web:1', port: 8080, scale: 3, health: { path: '/healthz' } } },
      }),
    );
    s.releases[`${app}/v1`] = {
      app,
      name: 'v1',
      number: 1,
      createdAtMs: now,
      deploymentId: `d-${i}`,
      spec,
      services: { web: { source: 'image', image: 'registry.example.test/web:1', imageId: 'sha256:0', commitSha: null, command: null } },
      postdeploy: null,
    };
    const ids: string[] = [];
    for (let r = 0; r < 6; r++) {
      const instanceId = `${app}-web-${r}`;
      const agentId = `agent-${(i + r) % AGENTS}`;
      s.instances[instanceId] = { instanceId, agentId, app, service: 'web', release: 'v1', deploymentId: `d-${i}`, container: `web-${r}`, createdAtMs: now };
      (s.agents[agentId] as { instances: Record<string, unknown> }).instances[instanceId] = {
        instanceId,
        containerId: instanceId,
        app,
        service: 'web',
        release: 'v1',
        deploymentId: `d-${i}`,
        state: 'running',
        health: 'healthy',
        containerPort: 8080,
        hostPort: 20_000 + ((i * 6 + r) % 40_000),
        hostIp: '',
        exitCode: 0,
        oomKilled: false,
        image: 'registry.example.test/web:1',
        startedAtMs: now,
        finishedAtMs: 0,
      };
      if (r < 3) ids.push(instanceId);
    }
    s.apps[app] = {
      spec,
      createdAtMs: now,
      updatedAtMs: now,
      routed: { release: 'v1', instanceIds: ids },
      nextReleaseNumber: 2,
      hook: { token: 't', secret: null },
      notify: { urls: [], secret: 's' },
      github: null,
    };
  }
});

console.log(`routing: one app changing while ${APPS.toLocaleString('en-US')} apps exist (${N} changes each, alternating blocks of 10)`);
let t = performance.now();
for (let i = 0; i < APPS; i++) {
  const app = `app-${i}`;
  await router.route(app, 'v1', store.data.apps[app]?.routed?.instanceIds ?? []);
}
console.log(`  writing all ${APPS.toLocaleString('en-US')} files once: ${((performance.now() - t) / 1000).toFixed(1)} s`);

const changing = `app-${Math.floor(APPS / 2)}`;
const sets = [0, 1].map((k) => [0, 1, 2].map((r) => `${changing}-web-${r + 3 * k}`));
const mtimes = async () => {
  const names = await readdir(traefikDir);
  return new Map(await Promise.all(names.filter((n) => n.endsWith('.yml')).map(async (n) => [n, (await stat(join(traefikDir, n))).mtimeMs] as const)));
};
const before = await mtimes();

// The same bytes Berth writes for the app, written atomically and nothing more.
const config = renderRoutes(store, options, changing, 'v1', sets[0] as string[]);
const bytes = serializeAppConfig(changing, config as NonNullable<typeof config>);
const baselinePath = join(traefikDir, 'baseline.yml.bench');
async function bareAtomicWrite(): Promise<void> {
  const tmp = `${baselinePath}.tmp`;
  const file = await open(tmp, 'w', 0o644);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, baselinePath);
  const dir = await open(traefikDir, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

const berth: number[] = [];
const bare: number[] = [];
let flip = 1; // set 0 is routed now: start with the other
for (let done = 0; done < N; done += 10) {
  for (let k = 0; k < 10; k++) {
    t = performance.now();
    const outcome = await router.route(changing, 'v1', sets[flip++ % 2] as string[]);
    berth.push(performance.now() - t);
    if (outcome !== 'written') throw new Error(`expected a write, got ${outcome}`);
  }
  for (let k = 0; k < 10; k++) {
    t = performance.now();
    await bareAtomicWrite();
    bare.push(performance.now() - t);
  }
}
const after = await mtimes();
const rewritten = [...after].filter(([name, m]) => name !== `${changing}.yml` && before.get(name) !== m).length;

const b = stats(berth);
const base = stats(bare);
const f = (x: number) => x.toFixed(2);
console.log(`  Berth (render, YAML, parse back, validate, atomic write): p50 ${f(b.p50)} ms, p99 ${f(b.p99)} ms, mean ${f(b.mean)} ms (target < 5 ms)`);
console.log(`  baseline (the same bytes, atomic write only):            p50 ${f(base.p50)} ms, p99 ${f(base.p99)} ms, mean ${f(base.mean)} ms`);
console.log(
  `  Berth / baseline: p50 ${(b.p50 / base.p50).toFixed(2)}×, mean ${(b.mean / base.mean).toFixed(2)}×; other apps' files rewritten meanwhile: ${rewritten} of ${after.size - 1}`,
);

// Render alone, no disk: one app, and every app (the HTTP provider's whole document).
t = performance.now();
for (let i = 0; i < 1000; i++)
  serializeAppConfig(changing, renderRoutes(store, options, changing, 'v1', sets[i % 2] as string[]) as NonNullable<typeof config>);
const renderOne = (performance.now() - t) / 1000;
t = performance.now();
const all = router.renderAll();
const renderAll = performance.now() - t;
console.log(
  `  render + YAML of one app alone: ${(renderOne * 1000).toFixed(0)} µs; the HTTP provider's document of all ${Object.keys((all as { http?: { routers?: object } }).http?.routers ?? {}).length.toLocaleString('en-US')} routers: ${renderAll.toFixed(0)} ms`,
);

await store.flush();
await rm(dataDir, { recursive: true, force: true });
