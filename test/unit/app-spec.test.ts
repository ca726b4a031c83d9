import { describe, expect, it } from 'vitest';
import { parseAppSpec, postdeployServiceOf, routedDomains, validateAppSpec } from '../../shared/app-spec.js';

const SHOP = `
name: shop
domains: [shop.example.com]
tls: { certResolver: le }
env: { RAILS_ENV: production, WORKERS: 4 }
postdeploy: bundle exec rake db:migrate
postdeployTimeout: 20m
postdeployService: web
drain: 10s
services:
  web:
    image: registry.example.com/shop:1.4
    command: bundle exec puma -p $PORT
    port: 8080
    scale: 2
    health: { path: /up, bootTimeout: 60s }
    placement: { labels: { region: eu } }
  worker:
    git: { repo: https://github.com/acme/shop.git, branch: main, dockerfile: Dockerfile, context: . }
  api:
    image: shop-api:2
    port: 9000
    domains: [api.shop.example.com]
`;

describe('parseAppSpec', () => {
  it('reads the documented example and fills defaults', () => {
    const spec = parseAppSpec(SHOP);
    expect(spec).toMatchObject({
      name: 'shop',
      domains: ['shop.example.com'],
      tls: { certResolver: 'le' },
      env: { RAILS_ENV: 'production', WORKERS: '4' },
      postdeployTimeout: 1_200_000,
      drain: 10_000,
    });
    expect(spec.services.web).toMatchObject({ port: 8080, scale: 2, health: { path: '/up', bootTimeout: 60_000 }, placement: { labels: { region: 'eu' } } });
    expect(spec.services.worker).toMatchObject({
      scale: 1,
      git: { repo: 'https://github.com/acme/shop.git', branch: 'main', dockerfile: 'Dockerfile', context: '.' },
      health: { bootTimeout: 60_000 },
      placement: { labels: {} },
    });
    expect(routedDomains(spec)).toEqual({ web: ['shop.example.com'], api: ['api.shop.example.com'] });
  });

  it('reads JSON too', () => {
    const spec = parseAppSpec(JSON.stringify({ name: 'tiny', services: { clock: { image: 'busybox', scale: 0 } } }));
    expect(spec.services.clock?.scale).toBe(0);
    expect(spec.drain).toBe(10_000);
  });

  it('reports every problem at once, each with its path', () => {
    const result = validateAppSpec({
      name: 'Shop_1',
      domains: ['not a host'],
      drain: 'soon',
      postdeployService: 'nope',
      services: {
        web: { image: 'x', git: { repo: 'file:///r' }, port: 70000, scale: -1, health: { path: 'up' } },
        worker: {},
        'Bad Name': { image: 'y' },
      },
      extra: true,
    });
    expect(result.spec).toBeNull();
    expect(result.problems).toEqual(
      expect.arrayContaining([
        'name: must be a lowercase DNS label (a-z, 0-9, "-", at most 63)',
        'domains.0: must be a host name such as shop.example.com',
        'drain: "soon" is not a duration (use e.g. 500ms, 15s, 20m, 1h)',
        'services.web.port: must be 1-65535',
        'services.web.scale: must be a whole number from 0 to 100',
        'services.web.health.path: must be a path starting with /',
        'services.worker: give either image or git, not both and not neither',
        expect.stringMatching(/^\(spec\): Unrecognized key: "extra"/),
        expect.stringMatching(/^services\.Bad Name: service names must be lowercase DNS labels/),
      ]),
    );
  });

  it.each([
    ['no services', { name: 'a', services: {} }, 'services: must name at least one service'],
    ['both sources', { name: 'a', services: { web: { image: 'x', git: { repo: 'r' } } } }, 'services.web: give either image or git, not both and not neither'],
    [
      'unknown postdeployService',
      { name: 'a', postdeployService: 'db', services: { web: { image: 'x' } } },
      'postdeployService: no service "db" (services: web)',
    ],
    [
      'domains without web',
      { name: 'a', domains: ['a.example.com'], services: { api: { image: 'x', port: 1 } } },
      'domains: are routed to the service named web, and there is none',
    ],
    [
      'domains without a web port',
      { name: 'a', domains: ['a.example.com'], services: { web: { image: 'x' } } },
      'services.web.port: is needed to route the app domains to web',
    ],
    [
      'health path without port',
      { name: 'a', services: { web: { image: 'x', health: { path: '/up' } } } },
      'services.web.health.path: needs a port to send the request to',
    ],
    [
      'a domain twice',
      { name: 'a', domains: ['a.example.com'], services: { web: { image: 'x', port: 1 }, api: { image: 'y', port: 2, domains: ['a.example.com'] } } },
      'services.api.domains: a.example.com is already routed to web',
    ],
    [
      'template braces in a path',
      { name: 'a', services: { web: { image: 'x', port: 1, health: { path: '/{{.Env}}' } } } },
      'services.web.health.path: must be a path starting with /',
    ],
    ['bad env name', { name: 'a', env: { 'A-B': '1' }, services: { web: { image: 'x' } } }, 'env.A-B: must be a valid variable name (letters, digits, _)'],
  ])('%s', (_name, value, problem) => {
    expect(validateAppSpec(value).problems).toContain(problem);
  });

  it('a YAML syntax error says so, and bad specs throw INVALID_ARGUMENT listing the problems', () => {
    expect(() => parseAppSpec('name: [unclosed', 'shop.yml')).toThrowError(/shop.yml is not valid YAML or JSON/);
    expect(() => parseAppSpec('name: shop\nservices: {}', 'shop.yml')).toThrowError(/shop.yml is invalid:\n {2}services: must name at least one service/);
  });

  it.each([
    [{ name: 'a', services: { web: { image: 'x' }, worker: { image: 'y' } } }, 'web'],
    [{ name: 'a', services: { worker: { image: 'y' }, clock: { image: 'z' } } }, 'worker'],
    [{ name: 'a', postdeployService: 'clock', services: { web: { image: 'x' }, clock: { image: 'z' } } }, 'clock'],
  ])('postdeploy runs in the image of %o → %s', (value, service) => {
    const { spec } = validateAppSpec(value);
    expect(spec && postdeployServiceOf(spec)).toBe(service);
  });
});
