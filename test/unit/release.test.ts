import { describe, expect, it } from 'vitest';
import type { AgentRecord } from '../../shared/agent.js';
import { parseAppSpec } from '../../shared/app-spec.js';
import { appRoutesOf } from '../../controller/core/app-routes.js';
import { containerEnv, healthCheckOf, makeRelease, startSpecOf } from '../../controller/core/release.js';

const spec = parseAppSpec(`
name: shop
domains: [shop.example.com]
env: { RAILS_ENV: production }
services:
  web: { git: { repo: "file:///srv/shop" }, port: 8080, scale: 2, health: { path: /up } }
  api: { image: shop-api:2, command: ./api, port: 9000, domains: [api.example.com] }
  worker: { image: shop-worker:1 }
`);
const built = {
  prepared: {
    image: 'berth/shop-web:abc123',
    imageId: 'sha256:w',
    commitSha: 'abc123',
    procfile: { web: 'puma -p $PORT', postdeploy: 'rake db:migrate' },
    fresh: true,
  },
};
const image = (id: string) => ({ prepared: { image: id, imageId: id, commitSha: '', procfile: {}, fresh: false } });
const release = makeRelease({ app: 'shop', number: 3, deploymentId: 'd3', spec, images: { web: built, api: image('sha256:a'), worker: image('sha256:k') } }, 5);

describe('releases', () => {
  it('take the command from the spec, else the Procfile, else the image; postdeploy from the Procfile of web', () => {
    expect(release.name).toBe('v3');
    expect(release.services.web).toEqual({ source: 'git', image: 'berth/shop-web:abc123', imageId: 'sha256:w', commitSha: 'abc123', command: 'puma -p $PORT' });
    expect(release.services.api?.command).toBe('./api');
    expect(release.services.worker?.command).toBeNull();
    expect(release.postdeploy).toEqual({ command: 'rake db:migrate', service: 'web', timeoutMs: 20 * 60_000 });
  });

  it('give every container the app env and the injected variables', () => {
    expect(containerEnv(release, 'web', 'web-1', 'd3')).toEqual({
      RAILS_ENV: 'production',
      APP: 'shop',
      CONTAINER: 'web-1',
      CONTAINER_VERSION: 'abc123',
      PORT: '8080',
      BERTH_RELEASE: 'v3',
      BERTH_DEPLOYMENT_ID: 'd3',
    });
    expect(containerEnv(release, 'worker', 'worker-1', 'd3')).toEqual({
      RAILS_ENV: 'production',
      APP: 'shop',
      CONTAINER: 'worker-1',
      CONTAINER_VERSION: 'v3',
      BERTH_RELEASE: 'v3',
      BERTH_DEPLOYMENT_ID: 'd3',
    });
  });

  it.each([
    ['web', 'http', '/up'],
    ['api', 'tcp', undefined],
    ['worker', 'none', undefined],
  ])('health of %s is %s', (service, type, path) => {
    const check = healthCheckOf(release, service);
    expect([check.type, check.path]).toEqual([type, path]);
  });

  it('run commands through /bin/sh -c and publish the port', () => {
    expect(startSpecOf(release, 'web', 'web-2', 'shop-web-2-d3', 'd3')).toMatchObject({
      image: 'berth/shop-web:abc123',
      command: ['/bin/sh', '-c', 'puma -p $PORT'],
      containerPort: 8080,
    });
    expect(startSpecOf(release, 'worker', 'worker-1', 'i', 'd3').command).toBeUndefined();
  });
});

describe('routes from state', () => {
  const instance = (instanceId: string, hostPort: number, over: object = {}) => ({
    instanceId,
    containerId: 'c',
    app: 'shop',
    service: 'web',
    release: 'v3',
    deploymentId: 'd3',
    state: 'running' as const,
    health: 'healthy' as const,
    containerPort: 8080,
    hostPort,
    hostIp: '127.0.0.1',
    exitCode: -1,
    oomKilled: false,
    image: 'i',
    startedAtMs: 1,
    finishedAtMs: 0,
    ...over,
  });
  const agent = (id: string, alive: boolean, instances: ReturnType<typeof instance>[]): AgentRecord => ({
    id,
    hostname: id,
    advertiseAddr: '127.0.0.1',
    labels: {},
    cpus: 1,
    memoryBytes: 1,
    version: '0',
    sessionId: 's',
    alive,
    draining: false,
    lastHeartbeatMs: 0,
    connectedAtMs: 0,
    downSinceMs: null,
    instances: Object.fromEntries(instances.map((i) => [i.instanceId, i])),
  });

  it('list the running instances of up agents; down agents, exited and unhealthy instances leave', () => {
    const agents = {
      a: agent('a', true, [instance('w1', 30001), instance('w3', 30003, { state: 'exited' }), instance('w4', 30004, { health: 'unhealthy' })]),
      b: agent('b', false, [instance('w2', 30002)]),
    };
    const refs = ['w1', 'w2', 'w3', 'w4'].map((id) => ({ instanceId: id, service: 'web', agentId: id === 'w2' ? 'b' : 'a' }));
    const routes = appRoutesOf(release, refs, agents);
    expect(routes.services).toEqual([
      { service: 'web', domains: ['shop.example.com'], servers: ['http://127.0.0.1:30001'], healthPath: '/up' },
      { service: 'api', domains: ['api.example.com'], servers: [] },
    ]);
  });
});
