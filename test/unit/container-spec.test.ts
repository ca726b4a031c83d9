import { describe, expect, it } from 'vitest';
import { buildContainerSpec } from '../../agent/core/container-spec.js';
import { healthCheckFromLabels } from '../../agent/core/health-label.js';
import { StartInstanceSpecSchema } from '../../shared/task.js';

const agent = { id: 'a1', advertiseAddr: '10.0.0.5' };
const spec = (patch: Record<string, unknown> = {}) =>
  StartInstanceSpecSchema.parse({ instanceId: 'shop-web-v3-0', app: 'shop', service: 'web', release: 'v3', image: 'shop:3', ...patch });

describe('buildContainerSpec', () => {
  it('publishes the container port on the advertise address with a port Docker picks, and sets PORT', () => {
    const c = buildContainerSpec(spec({ containerPort: 8080, env: { A: '1' } }), agent, 'd7');
    expect(c.name).toBe('berth-shop-web-v3-0');
    expect(c.ExposedPorts).toEqual({ '8080/tcp': {} });
    expect(c.HostConfig.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '10.0.0.5', HostPort: '' }] });
    expect(c.Env).toEqual(['A=1', 'PORT=8080']);
  });

  it('keeps a PORT the app set itself', () => {
    expect(buildContainerSpec(spec({ containerPort: 8080, env: { PORT: '9000' } }), agent, null).Env).toEqual(['PORT=9000']);
  });

  it('has no ports, command or limits unless asked', () => {
    const c = buildContainerSpec(spec(), agent, null);
    expect(c.ExposedPorts).toBeUndefined();
    expect(c.HostConfig.PortBindings).toBeUndefined();
    expect(c.Cmd).toBeUndefined();
    expect(c.HostConfig.Memory).toBeUndefined();
    expect(c.HostConfig.NanoCpus).toBeUndefined();
    expect(c.HostConfig.RestartPolicy).toEqual({ Name: 'unless-stopped' });
  });

  it('passes the command as argv and converts limits', () => {
    const c = buildContainerSpec(spec({ command: ['/bin/sh', '-c', 'echo $HOME; rm -rf /'], limits: { memoryBytes: 268435456, cpus: 0.5 } }), agent, null);
    expect(c.Cmd).toEqual(['/bin/sh', '-c', 'echo $HOME; rm -rf /']);
    expect(c.HostConfig.Memory).toBe(268435456);
    expect(c.HostConfig.NanoCpus).toBe(500_000_000);
  });

  it('labels the container so the agent can rebuild its view, and Berth labels win over user labels', () => {
    const c = buildContainerSpec(spec({ labels: { team: 'x', 'berth.agent': 'spoofed' }, health: { type: 'http', path: '/up' } }), agent, 'd7');
    expect(c.Labels).toMatchObject({
      team: 'x',
      'berth.app': 'shop',
      'berth.service': 'web',
      'berth.release': 'v3',
      'berth.deployment': 'd7',
      'berth.agent': 'a1',
      'berth.instance': 'shop-web-v3-0',
    });
    expect(healthCheckFromLabels(c.Labels)).toEqual({ type: 'http', path: '/up', intervalMs: 2000, timeoutMs: 2000, unhealthyThreshold: 3 });
  });
});

describe('healthCheckFromLabels', () => {
  it.each([
    [null, null],
    [{}, null],
    [{ 'berth.health': 'not json' }, null],
    [{ 'berth.health': '{"type":"udp"}' }, null],
    [{ 'berth.health': '{"type":"tcp"}' }, { type: 'tcp', intervalMs: 2000, timeoutMs: 2000, unhealthyThreshold: 3 }],
  ])('%o → %o', (labels, expected) => {
    expect(healthCheckFromLabels(labels)).toEqual(expected);
  });
});
