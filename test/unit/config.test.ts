import { describe, expect, it } from 'vitest';
import { parseAgentConfig, parseLabels } from '../../agent/config.js';
import { parseDockerHost } from '../../agent/core/docker-host.js';
import { parseControllerConfig } from '../../controller/config.js';
import { parseHostPort } from '../../shared/address.js';
import { formatDuration, parseDuration } from '../../shared/duration.js';
import { agentIdFromHostname, isValidAgentId } from '../../shared/ids.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['15s', 15_000],
    ['20m', 1_200_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['500', 500],
  ])('%s = %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', 'soon', '10 s', '5d', '-1s', '1s2'])('refuses %o', (text) =>
    expect(() => parseDuration(text, '--ttl')).toThrowError(/--ttl: .* is not a duration/),
  );
  it.each([
    [500, '500ms'],
    [15_000, '15s'],
    [1500, '1.5s'],
    [1_200_000, '20m'],
    [90_000, '1m30s'],
  ])('formats %i as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('parseHostPort', () => {
  it.each([
    ['127.0.0.1:7443', { host: '127.0.0.1', port: 7443 }],
    ['[::1]:80', { host: '::1', port: 80 }],
    [':8080', { host: '0.0.0.0', port: 8080 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
  ])('%s', (text, expected) => expect(parseHostPort(text, '--addr')).toEqual(expected));
  it.each(['7443', 'host:', 'host:99999', 'a:b:c'])('refuses %s', (text) =>
    expect(() => parseHostPort(text, '--addr')).toThrowError(/--addr: .* is not host:port/),
  );
});

describe('parseDockerHost', () => {
  it.each([
    ['unix:///var/run/docker.sock', { socketPath: '/var/run/docker.sock' }],
    ['/run/docker.sock', { socketPath: '/run/docker.sock' }],
    ['tcp://10.0.0.2:2375', { protocol: 'http', host: '10.0.0.2', port: 2375 }],
    ['https://docker.example:2376', { protocol: 'https', host: 'docker.example', port: 2376 }],
  ])('%s', (text, expected) => expect(parseDockerHost(text)).toEqual(expected));
  it('refuses an unknown scheme', () => expect(() => parseDockerHost('ssh://host')).toThrowError(/--docker-host/));
});

describe('agent ids', () => {
  it.each([
    ['web-1', true],
    ['Web_2', true],
    ['web.1', false],
    ['-web', false],
    ['a'.repeat(64), false],
    ['', false],
    ['web*', false],
  ])('%s valid: %s', (id, valid) => expect(isValidAgentId(id)).toBe(valid));
  it.each([
    ['web-1.eu.example.com', 'web-1-eu-example-com'],
    ['.hidden', 'hidden'],
    ['***', 'agent'],
  ])('hostname %s → %s', (host, id) => expect(agentIdFromHostname(host)).toBe(id));
});

describe('parseAgentConfig', () => {
  it('defaults the id to the hostname and applies defaults', () => {
    const c = parseAgentConfig({}, 'node-1.example.com');
    expect(c).toMatchObject({
      id: 'node-1-example-com',
      controllerAddr: '127.0.0.1:7443',
      natsUrl: 'nats://127.0.0.1:4222',
      advertiseAddr: '127.0.0.1',
      heartbeatMs: 5000,
      labels: {},
    });
    expect(c.docker).toEqual({ socketPath: '/var/run/docker.sock' });
  });
  it('refuses an advertise address nobody can reach', () => expect(() => parseAgentConfig({ advertiseAddr: '0.0.0.0' }, 'h')).toThrowError(/--advertise-addr/));
  it('parses labels; a value may hold "="', () => expect(parseLabels(['region=eu', 'gpu=', 'a=b=c'])).toEqual({ region: 'eu', gpu: '', a: 'b=c' }));
  it.each(['novalue', '=x', 'bad key=1'])('refuses label %s', (label) => expect(() => parseLabels([label])).toThrowError(/--label/));
});

describe('parseControllerConfig', () => {
  it('puts the Traefik directory under the data dir by default', () => {
    const c = parseControllerConfig({ dataDir: '/srv/berth' });
    expect(c).toMatchObject({
      dataDir: '/srv/berth',
      traefikDir: '/srv/berth/traefik',
      heartbeatTtlMs: 15_000,
      grpcAddr: { host: '127.0.0.1', port: 7443 },
      httpAddr: { host: '127.0.0.1', port: 8080 },
    });
  });
  it('refuses an unknown log level', () => expect(() => parseControllerConfig({ logLevel: 'loud' })).toThrowError(/--log-level/));
  it('writes state.json whole by default; --state-store journal appends changes; anything else is refused', () => {
    expect(parseControllerConfig({}).stateStore).toBe('json');
    expect(parseControllerConfig({ stateStore: 'journal' }).stateStore).toBe('journal');
    expect(() => parseControllerConfig({ stateStore: 'sqlite' })).toThrowError(/--state-store: "sqlite" is not one of json, journal/);
  });
  it('keeps 50 ended deployments per app unless --deployment-history says otherwise', () => {
    expect(parseControllerConfig({}).deploymentHistory).toBe(50);
    expect(parseControllerConfig({ deploymentHistory: '5' }).deploymentHistory).toBe(5);
    for (const bad of ['0', '-1', '2.5', 'lots']) expect(() => parseControllerConfig({ deploymentHistory: bad })).toThrowError(/--deployment-history/);
  });
});

describe('the controller’s Traefik confirmation settings', () => {
  it('defaults: no API, a settle time covering Traefik’s throttle (2s) and HTTP poll (5s)', () => {
    expect(parseControllerConfig({})).toMatchObject({ traefikApis: [], traefikSettleMs: 7000, traefikConfirmTimeoutMs: 30_000 });
  });
  it('takes several APIs, without a trailing slash', () => {
    expect(parseControllerConfig({ traefikApi: ['http://127.0.0.1:8081/', 'https://user:pw@edge.example.com'] }).traefikApis).toEqual([
      'http://127.0.0.1:8081',
      'https://user:pw@edge.example.com',
    ]);
  });
  it.each([
    [{ traefikApi: ['127.0.0.1:8081'] }, /--traefik-api: "127.0.0.1:8081" (is not a URL|must be http)/],
    [{ traefikApi: ['ftp://x'] }, /--traefik-api: "ftp:\/\/x" must be http/],
    [{ traefikSettle: 'soon' }, /--traefik-settle: .* is not a duration/],
    [{ traefikConfirmTimeout: '-1s' }, /--traefik-confirm-timeout: .* is not a duration/],
  ])('refuses %o', (flags, message) => expect(() => parseControllerConfig(flags)).toThrowError(message));
});
