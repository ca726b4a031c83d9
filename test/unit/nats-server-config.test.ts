import { describe, expect, it } from 'vitest';
import {
  parseClusterFlags,
  renderServerConfig,
  type NatsClusterFlags,
  type NatsClusterValues,
  type NatsServerConfigValues,
} from '../../controller/core/nats-server-config.js';
import { isBerthError } from '../../shared/errors.js';

const auth: NatsServerConfigValues['auth'] = {
  operatorJwt: 'eyJ0.OPERATOR.sig',
  systemAccount: 'ASYSTEM',
  accounts: [
    { publicKey: 'ABERTH', jwt: 'eyJ0.BERTH.sig' },
    { publicKey: 'ASYSTEM', jwt: 'eyJ0.SYS.sig' },
  ],
};
const base = { listen: { host: '0.0.0.0', port: 4222 }, storeDir: '/var/lib/nats', auth };

const ROUTES = 'nats-route://10.0.0.6:6222,nats-route://10.0.0.7:6222';
const ROUTE_AUTH = { user: 'berth-route', password: 'pw_-1' };

describe('parseClusterFlags', () => {
  it.each([
    ['nothing: one server', {}, {}],
    ['a name alone: one server with a name', { serverName: 'n1' }, { serverName: 'n1' }],
    [
      'a node: the cluster name defaults to berth',
      { serverName: 'n1', clusterListen: '10.0.0.5:6222', routes: ROUTES },
      {
        serverName: 'n1',
        cluster: { name: 'berth', listen: { host: '10.0.0.5', port: 6222 }, routes: ['nats-route://10.0.0.6:6222', 'nats-route://10.0.0.7:6222'] },
      },
    ],
    [
      'a node with its own cluster name, spaces around the routes, IPv6 and host names',
      { serverName: 'b.internal', clusterName: 'prod-eu', clusterListen: '[::]:6222', routes: ' nats-route://a.internal:6222 , nats-route://[fd00::7]:6222' },
      {
        serverName: 'b.internal',
        cluster: { name: 'prod-eu', listen: { host: '::', port: 6222 }, routes: ['nats-route://a.internal:6222', 'nats-route://[fd00::7]:6222'] },
      },
    ],
    [
      'one route (a two-node cluster is the operator’s choice)',
      { serverName: 'n1', clusterListen: ':6222', routes: 'nats-route://n2:6222' },
      { serverName: 'n1', cluster: { name: 'berth', listen: { host: '0.0.0.0', port: 6222 }, routes: ['nats-route://n2:6222'] } },
    ],
  ] as Array<[string, NatsClusterFlags, ReturnType<typeof parseClusterFlags>]>)('%s', (_what, flags, expected) => {
    expect(parseClusterFlags(flags)).toEqual(expected);
  });

  it.each([
    ['--cluster-listen without --routes', { clusterListen: '10.0.0.5:6222' }, /^--cluster-listen: a cluster port needs --routes/],
    ['--cluster-name without --routes', { clusterName: 'berth' }, /^--cluster-name: a cluster name needs --routes/],
    ['--routes without --server-name', { clusterListen: '10.0.0.5:6222', routes: ROUTES }, /^--server-name: a cluster node needs a name of its own/],
    ['--routes without --cluster-listen', { serverName: 'n1', routes: ROUTES }, /^--cluster-listen: a cluster node needs the address/],
    ['a nats:// URL as a route', { serverName: 'n1', clusterListen: ':6222', routes: 'nats://10.0.0.6:4222' }, /is not nats-route:\/\/host:port/],
    ['a route without a port', { serverName: 'n1', clusterListen: ':6222', routes: 'nats-route://10.0.0.6' }, /is not nats-route:\/\/host:port/],
    ['a route with a user', { serverName: 'n1', clusterListen: ':6222', routes: 'nats-route://u:p@10.0.0.6:6222' }, /is not nats-route:\/\/host:port/],
    ['a route with a path', { serverName: 'n1', clusterListen: ':6222', routes: 'nats-route://10.0.0.6:6222/x' }, /is not nats-route:\/\/host:port/],
    ['a route on port 0', { serverName: 'n1', clusterListen: ':6222', routes: 'nats-route://10.0.0.6:0' }, /is not nats-route:\/\/host:port/],
    ['a route past port 65535', { serverName: 'n1', clusterListen: ':6222', routes: 'nats-route://10.0.0.6:70000' }, /is not nats-route:\/\/host:port/],
    ['a route with a space in it', { serverName: 'n1', clusterListen: ':6222', routes: 'nats-route://10.0.0.6 :6222' }, /is not nats-route:\/\/host:port/],
    ['an empty --routes', { serverName: 'n1', clusterListen: ':6222', routes: '' }, /^--routes: give the other nodes/],
    ['an empty entry in --routes', { serverName: 'n1', clusterListen: ':6222', routes: `${ROUTES},` }, /has an empty entry/],
    [
      'a route given twice',
      { serverName: 'n1', clusterListen: ':6222', routes: `${ROUTES},nats-route://10.0.0.6:6222` },
      /nats-route:\/\/10\.0\.0\.6:6222 is given twice/,
    ],
    ['--cluster-listen not host:port', { serverName: 'n1', clusterListen: '10.0.0.5', routes: ROUTES }, /^--cluster-listen: "10\.0\.0\.5" is not host:port/],
    ['--cluster-listen on port 0', { serverName: 'n1', clusterListen: '10.0.0.5:0', routes: ROUTES }, /^--cluster-listen: give a port/],
    ['a server name with a space', { serverName: 'node 1' }, /^--server-name: "node 1" must be 1 to 63 letters/],
    ['a cluster name with a quote', { serverName: 'n1', clusterName: 'a"b', clusterListen: ':6222', routes: ROUTES }, /^--cluster-name: "a"b" must be/],
  ] as Array<[string, NatsClusterFlags, RegExp]>)('refuses %s', (_what, flags, message) => {
    let thrown: unknown;
    try {
      parseClusterFlags(flags);
    } catch (err) {
      thrown = err;
    }
    expect(isBerthError(thrown, 'INVALID_ARGUMENT')).toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });
});

describe('renderServerConfig', () => {
  it('one server: no cluster block and no sync_interval (Debian 2.9 refuses it), the operator and accounts preloaded', () => {
    expect(renderServerConfig(base).split('\n').slice(3)).toEqual([
      'host: "0.0.0.0"',
      'port: 4222',
      'jetstream: { store_dir: "/var/lib/nats" }',
      'operator: eyJ0.OPERATOR.sig',
      'system_account: ASYSTEM',
      'resolver: MEMORY',
      'resolver_preload: {',
      '  ABERTH: eyJ0.BERTH.sig',
      '  ASYSTEM: eyJ0.SYS.sig',
      '}',
      '',
    ]);
  });

  it('a cluster node: its server_name and a cluster block with its routes, authorized both ways', () => {
    const node = parseClusterFlags({ serverName: 'n1', clusterListen: '10.0.0.5:6222', routes: ROUTES });
    const text = renderServerConfig({ ...base, serverName: node.serverName, cluster: { ...(node.cluster as NatsClusterValues), auth: ROUTE_AUTH } });
    expect(text).toMatch(/^server_name: "n1"$/m);
    expect(text).toContain(
      [
        'cluster {',
        '  name: "berth"',
        '  listen: "10.0.0.5:6222"',
        '  authorization: { user: "berth-route", password: "pw_-1" }',
        '  routes: ["nats-route://berth-route:pw_-1@10.0.0.6:6222", "nats-route://berth-route:pw_-1@10.0.0.7:6222"]',
        '}',
      ].join('\n'),
    );
    // Its JetStream has every write on disk before it acknowledges it.
    expect(text).toMatch(/^jetstream: \{ store_dir: "\/var\/lib\/nats", sync_interval: always \}$/m);
  });

  it.each([
    ['an IPv6 cluster port in brackets', { host: '::', port: 6222 }, 'listen: "[::]:6222"'],
    ['an IPv4 one as it is', { host: '127.0.0.1', port: 16222 }, 'listen: "127.0.0.1:16222"'],
  ])('%s', (_what, listen, line) => {
    expect(renderServerConfig({ ...base, serverName: 'n1', cluster: { name: 'berth', listen, routes: ['nats-route://n2:6222'], auth: ROUTE_AUTH } })).toContain(
      line,
    );
  });

  it('quotes a store dir with a space or a quote as nats-server reads strings', () => {
    expect(renderServerConfig({ ...base, storeDir: '/srv/nats "js" data' })).toContain('jetstream: { store_dir: "/srv/nats \\"js\\" data" }');
  });

  it('a server name alone adds server_name and no cluster', () => {
    const text = renderServerConfig({ ...base, serverName: 'solo' });
    expect(text).toMatch(/^server_name: "solo"$/m);
    expect(text).not.toContain('cluster');
  });
});
