import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tempDir, writeAppConfig } from '../../controller/adapters/traefik-files.js';
import { hostRule, mergeConfigs, renderAppConfig, validateTraefikConfig, type AppRoutes } from '../../controller/core/traefik-config.js';

const shop: AppRoutes = {
  app: 'shop',
  services: [
    { service: 'web', domains: ['shop.example.com', 'www.shop.example.com'], servers: ['http://10.0.0.2:32001', 'http://10.0.0.1:32000'], healthPath: '/up' },
    { service: 'api', domains: ['api.shop.example.com'], servers: ['http://10.0.0.1:32002'] },
  ],
};

describe('renderAppConfig', () => {
  it('one router per domain, one service per routed Berth service, servers sorted', () => {
    expect(renderAppConfig(shop)).toEqual({
      http: {
        routers: {
          'shop-api-api-shop-example-com': { rule: 'Host(`api.shop.example.com`)', service: 'shop-api', entryPoints: ['web'], middlewares: ['shop-retry'] },
          'shop-web-shop-example-com': { rule: 'Host(`shop.example.com`)', service: 'shop-web', entryPoints: ['web'], middlewares: ['shop-retry'] },
          'shop-web-www-shop-example-com': { rule: 'Host(`www.shop.example.com`)', service: 'shop-web', entryPoints: ['web'], middlewares: ['shop-retry'] },
        },
        middlewares: { 'shop-retry': { retry: { attempts: 3, initialInterval: '50ms' } } },
        services: {
          'shop-api': { loadBalancer: { servers: [{ url: 'http://10.0.0.1:32002' }], passHostHeader: true } },
          'shop-web': {
            loadBalancer: {
              servers: [{ url: 'http://10.0.0.1:32000' }, { url: 'http://10.0.0.2:32001' }],
              passHostHeader: true,
              healthCheck: { path: '/up', interval: '2s', timeout: '1s' },
            },
          },
        },
      },
    });
  });

  it('tls routers go to the TLS entry point with the cert resolver; tls without one is tls: {}', () => {
    const withResolver = renderAppConfig({ ...shop, tls: { certResolver: 'le' } });
    expect(withResolver?.http.routers['shop-web-shop-example-com']).toMatchObject({ entryPoints: ['websecure'], tls: { certResolver: 'le' } });
    expect(renderAppConfig({ ...shop, tls: {} })?.http.routers['shop-web-shop-example-com']?.tls).toEqual({});
  });

  it.each([
    ['no services', { app: 'a', services: [] }],
    ['no healthy servers', { app: 'a', services: [{ service: 'web', domains: ['a.example.com'], servers: [] }] }],
    ['no domains', { app: 'a', services: [{ service: 'worker', domains: [], servers: ['http://127.0.0.1:1'] }] }],
  ])('%s → null (the app gets no file, never an empty map)', (_name, routes) => {
    expect(renderAppConfig(routes as AppRoutes)).toBeNull();
  });

  it('leaves out a service without servers together with its routers', () => {
    const config = renderAppConfig({
      app: 'a',
      services: [
        { service: 'web', domains: ['a.example.com'], servers: ['http://127.0.0.1:1'] },
        { service: 'api', domains: ['api.a.example.com'], servers: [] },
      ],
    });
    expect(Object.keys(config?.http.routers ?? {})).toEqual(['a-web-a-example-com']);
    expect(Object.keys(config?.http.services ?? {})).toEqual(['a-web']);
  });

  it.each([
    ['shop.example.com', 'Host(`shop.example.com`)'],
    ['*.example.com', 'HostRegexp(`^[a-z0-9-]+\\.example\\.com$`)'],
  ])('rule for %s', (domain, rule) => expect(hostRule(domain)).toBe(rule));

  it('renders configs that validate', () => {
    expect(validateTraefikConfig(renderAppConfig({ ...shop, tls: {} }))).toEqual([]);
  });
});

describe('validateTraefikConfig', () => {
  const good = () => renderAppConfig(shop) as unknown as { http: Record<string, Record<string, unknown>> };
  it.each([
    [
      'an empty routers map',
      () => ({ http: { routers: {}, services: { s: { loadBalancer: { servers: [{ url: 'http://a:1' }] } } } } }),
      'http.routers: is an empty map',
    ],
    [
      'a router to a missing service',
      () => {
        const c = good();
        (c.http.routers as Record<string, { service: string }>)['shop-web-shop-example-com']!.service = 'ghost';
        return c;
      },
      'http.routers.shop-web-shop-example-com: service ghost is not defined',
    ],
    [
      'template braces',
      () => {
        const c = good();
        (c.http.routers as Record<string, { rule: string }>)['shop-web-shop-example-com']!.rule = 'Host(`{{ .X }}`)';
        return c;
      },
      'http.routers.shop-web-shop-example-com.rule: contains a Go template delimiter',
    ],
    [
      'a router with a missing middleware',
      () => {
        const c = good();
        (c.http.routers as Record<string, { middlewares: string[] }>)['shop-web-shop-example-com']!.middlewares = ['ghost'];
        return c;
      },
      'http.routers.shop-web-shop-example-com: middleware ghost is not defined',
    ],
    [
      'a service without servers',
      () => ({ http: { routers: { r: { rule: 'Host(`a`)', service: 's' } }, services: { s: { loadBalancer: { servers: [] } } } } }),
      'http.services.s: has no servers',
    ],
    [
      'a server URL with a path',
      () => ({ http: { routers: { r: { rule: 'Host(`a`)', service: 's' } }, services: { s: { loadBalancer: { servers: [{ url: 'http://a:1/x' }] } } } } }),
      'http.services.s.loadBalancer.servers.0: url must be http://host:port',
    ],
    ['nothing', () => null, 'http: missing'],
  ])('finds %s', (_name, make, problem) => {
    expect(validateTraefikConfig(make())).toContain(problem);
  });
});

describe('mergeConfigs', () => {
  it('merges apps for the HTTP provider; nothing routed is {}', () => {
    const other = renderAppConfig({ app: 'blog', services: [{ service: 'web', domains: ['blog.example.com'], servers: ['http://127.0.0.1:9'] }] });
    const merged = mergeConfigs([renderAppConfig(shop)!, other!]);
    expect(Object.keys('http' in merged ? merged.http.services : {})).toEqual(['shop-api', 'shop-web', 'blog-web']);
    expect(mergeConfigs([])).toEqual({});
  });
});

describe('writeAppConfig (real files)', () => {
  it('writes atomically, skips unchanged content, removes the file when nothing is routed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-traefik-'));
    const config = renderAppConfig(shop);
    expect(await writeAppConfig(dir, 'shop', config)).toBe('written');
    const text = await readFile(join(dir, 'shop.yml'), 'utf8');
    expect(parseYaml(text)).toEqual(config);
    expect(await writeAppConfig(dir, 'shop', config)).toBe('unchanged');
    // The temp file is gone: only the app's file and the (empty) directory writes are prepared in.
    expect(await readdir(dir)).toEqual(['.berth-tmp', 'shop.yml']);
    expect(await readdir(tempDir(dir))).toEqual([]);
    expect(await writeAppConfig(dir, 'shop', null)).toBe('removed');
    expect(await readdir(dir)).toEqual(['.berth-tmp']);
    expect(await writeAppConfig(dir, 'shop', null)).toBe('absent');
  });

  it('keeps the previous file byte for byte when the write fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-traefik-'));
    await writeAppConfig(dir, 'shop', renderAppConfig(shop));
    const before = await readFile(join(dir, 'shop.yml'), 'utf8');
    // The temp file's name is taken by a directory: opening it fails as a full disk would.
    await mkdir(join(tempDir(dir), `shop.yml.tmp-${process.pid}`), { recursive: true });
    const changed = renderAppConfig({ ...shop, services: [{ service: 'web', domains: ['shop.example.com'], servers: ['http://10.9.9.9:1'] }] });
    await expect(writeAppConfig(dir, 'shop', changed)).rejects.toMatchObject({
      code: 'ROUTING_FAILED',
      message: expect.stringMatching(/cannot write Traefik file .*shop\.yml/),
    });
    expect(await readFile(join(dir, 'shop.yml'), 'utf8')).toBe(before);
  });

  it('refuses to write a config Traefik would reject', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-traefik-'));
    await writeFile(join(dir, 'shop.yml'), 'previous: true\n');
    const bad = {
      http: {
        routers: { r: { rule: 'Host(`a`)', service: 'missing', entryPoints: ['web'], middlewares: [] } },
        middlewares: {},
        services: { s: { loadBalancer: { servers: [{ url: 'http://a:1' }], passHostHeader: true as const } } },
      },
    };
    await expect(writeAppConfig(dir, 'shop', bad)).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
    expect(await readFile(join(dir, 'shop.yml'), 'utf8')).toBe('previous: true\n');
  });
});
