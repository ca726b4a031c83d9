/**
 * `berth apps delete` against an instance event arriving while the app's instances are removed:
 * the refresh it queues must not write the app's Traefik file back. Real store and Traefik files in
 * a temp directory; the dispatcher is a stub that raises the instance event as a removal would.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../controller/state/store.js';
import { appConfigPath } from '../../controller/adapters/traefik-files.js';
import type { Release } from '../../controller/core/release.js';
import { deleteApp } from '../../controller/pipeline/app-catalog.js';
import { Router } from '../../controller/pipeline/router.js';
import type { TaskDispatcher } from '../../controller/pipeline/task-dispatcher.js';
import { parseAppSpec } from '../../shared/app-spec.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.flush();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function routedApp(): Promise<{ store: Store; router: Router; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-app-delete-'));
  dirs.push(dir);
  const store = await Store.open(join(dir, 'data'));
  stores.push(store);
  const router = new Router(store, {
    traefikDir: join(dir, 'traefik'),
    traefik: { entryPoint: 'web', tlsEntryPoint: 'websecure' },
    confirm: { apis: [], settleMs: 0, timeoutMs: 0 },
  });
  const spec = parseAppSpec('name: shop\ndomains: [shop.example.test]\nservices: { web: { image: "shop:1", port: 8080 } }');
  const release: Release = {
    app: 'shop',
    name: 'v1',
    number: 1,
    createdAtMs: 0,
    deploymentId: 'd1',
    spec,
    services: { web: { source: 'image', image: 'shop:1', imageId: 'sha256:1', commitSha: null, command: null } },
    postdeploy: null,
  };
  store.update((s) => {
    s.apps.shop = {
      spec,
      createdAtMs: 0,
      updatedAtMs: 0,
      routed: null,
      nextReleaseNumber: 2,
      hook: { token: 't', secret: null },
      notify: { urls: [], secret: 's' },
      github: null,
    };
    s.releases['shop/v1'] = release;
    s.instances['shop-web-1'] = { instanceId: 'shop-web-1', container: 'shop-web-1', app: 'shop', service: 'web', release: 'v1', agentId: 'a1' } as never;
    // The agent sees it running: a server Traefik is given.
    s.agents.a1 = {
      id: 'a1',
      advertiseAddr: '127.0.0.1',
      alive: true,
      instances: { 'shop-web-1': { state: 'running', hostPort: 30001, health: 'healthy' } },
    } as never;
  });
  await router.route('shop', 'v1', ['shop-web-1']);
  return { store, router, file: appConfigPath(router.options.traefikDir, 'shop') };
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('deleteApp', () => {
  it('an instance event during the delete cannot write the routes back', async () => {
    const { store, router, file } = await routedApp();
    expect(await exists(file)).toBe(true);
    const refreshes: Array<Promise<unknown>> = [];
    // Removing an instance makes its agent report it gone, which refreshes the app's routes.
    const dispatcher = { dispatch: async () => void refreshes.push(router.refresh('shop')) } as unknown as TaskDispatcher;

    const result = await deleteApp(store, dispatcher, router, 'shop', pino({ level: 'silent' }));
    await Promise.all(refreshes);
    expect(result).toEqual({ instancesRemoved: 1, routesRemoved: true });
    expect(refreshes).toHaveLength(1);
    expect(await exists(file)).toBe(false);
    expect(store.data.apps.shop).toBeUndefined();
  });
});
