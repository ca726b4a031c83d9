import { describe, expect, it } from 'vitest';
import {
  describeRouting,
  expectedRoutes,
  routesLoaded,
  routingConfirmed,
  type ExpectedRoutes,
  type ObservedService,
} from '../../controller/core/route-confirmation.js';
import { renderAppConfig } from '../../controller/core/traefik-config.js';

const A = 'http://10.0.0.1:32001';
const B = 'http://10.0.0.2:32002';
const OLD = 'http://10.0.0.9:32000';

const seen = (name: string, servers: string[], provider = 'file', status = 'enabled'): ObservedService => ({
  name: `${name}@${provider}`,
  provider,
  status,
  servers,
});

describe('expectedRoutes', () => {
  it('lists each routed service with its servers, sorted, and every other service of the app as absent', () => {
    const config = renderAppConfig({
      app: 'shop',
      services: [
        { service: 'web', domains: ['shop.test'], servers: [B, A] },
        { service: 'api', domains: ['api.shop.test'], servers: [] },
      ],
    });
    expect(expectedRoutes(config, 'shop', ['web', 'api', 'worker', 'web'])).toEqual({ services: { 'shop-web': [A, B] }, absent: ['shop-api', 'shop-worker'] });
  });

  it('nothing routable: every service must be gone', () => {
    expect(expectedRoutes(null, 'shop', ['web'])).toEqual({ services: {}, absent: ['shop-web'] });
  });
});

describe('routesLoaded', () => {
  const expected: ExpectedRoutes = { services: { 'shop-web': [A, B] }, absent: ['shop-api'] };
  it.each<[string, ObservedService[], ReturnType<typeof routesLoaded>]>([
    ['exactly the new servers', [seen('shop-web', [B, A])], { loaded: true }],
    ['the same through both providers', [seen('shop-web', [A, B]), seen('shop-web', [B, A], 'http')], { loaded: true }],
    ['another provider’s service of the same name is not ours', [seen('shop-web', [A, B]), seen('shop-web', [OLD], 'docker')], { loaded: true }],
    ['not loaded at all', [], { loaded: false, waitingFor: 'shop-web is not loaded yet' }],
    ['still the old servers', [seen('shop-web', [OLD])], { loaded: false, waitingFor: `shop-web@file routes to ${OLD}, not yet to ${A}, ${B}` }],
    [
      'old and new together',
      [seen('shop-web', [A, B, OLD])],
      { loaded: false, waitingFor: `shop-web@file routes to ${A}, ${B}, ${OLD}, not yet to ${A}, ${B}` },
    ],
    [
      'one provider behind the other',
      [seen('shop-web', [A, B]), seen('shop-web', [OLD], 'http')],
      { loaded: false, waitingFor: `shop-web@http routes to ${OLD}, not yet to ${A}, ${B}` },
    ],
    ['disabled by an error', [seen('shop-web', [A, B], 'file', 'disabled')], { loaded: false, waitingFor: 'shop-web@file is disabled' }],
    [
      'a service that must be gone is still there',
      [seen('shop-web', [A, B]), seen('shop-api', [OLD])],
      { loaded: false, waitingFor: `shop-api@file is still routed (to ${OLD})` },
    ],
    ['a longer name that only starts the same is another service', [seen('shop-web', [A, B]), seen('shop-api2', [OLD])], { loaded: true }],
  ])('%s', (_name, observed, verdict) => {
    expect(routesLoaded(expected, observed)).toEqual(verdict);
  });
});

describe('describeRouting and routingConfirmed', () => {
  it.each([
    [{ waitedMs: 7000, settleMs: 7000, traefiks: [] }, true, 'routes written; waited 7.0s for Traefik to load them (no --traefik-api to confirm with)'],
    [
      { waitedMs: 250, settleMs: null, traefiks: [{ api: 'http://t1:8081', confirmed: true, ms: 250, detail: 'loaded' }] },
      true,
      'routes confirmed: http://t1:8081 confirmed in 0.3s',
    ],
    [
      {
        waitedMs: 30000,
        settleMs: null,
        traefiks: [
          { api: 'http://t1:8081', confirmed: true, ms: 120, detail: 'loaded' },
          { api: 'http://t2:8081', confirmed: false, ms: 30000, detail: 'connection refused' },
        ],
      },
      false,
      'routes NOT confirmed: http://t1:8081 confirmed in 0.1s; http://t2:8081 did not confirm within 30.0s (connection refused)',
    ],
  ])('%#', (confirmation, confirmed, line) => {
    expect(routingConfirmed(confirmation)).toBe(confirmed);
    expect(describeRouting(confirmation)).toBe(line);
  });
});
