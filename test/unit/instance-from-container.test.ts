import { describe, expect, it } from 'vitest';
import { hasDockerHealthcheck, instanceFromContainer, type ContainerInspect } from '../../agent/core/instance-from-container.js';
import { exitCodeFromDockerEvent, signalFromDockerEvent } from '../../agent/core/docker-event.js';

function container(state: Partial<ContainerInspect['State']> = {}, ports: ContainerInspect['NetworkSettings']['Ports'] = null): ContainerInspect {
  return {
    Id: 'abc',
    Config: {
      Image: 'shop:3',
      Labels: { 'berth.instance': 'i1', 'berth.app': 'shop', 'berth.service': 'web', 'berth.release': 'v3', 'berth.deployment': 'd7' },
    },
    State: { Status: 'running', Running: true, ExitCode: 0, OOMKilled: false, StartedAt: '2026-11-23T10:00:00Z', FinishedAt: '0001-01-01T00:00:00Z', ...state },
    NetworkSettings: { Ports: ports },
  };
}

describe('instanceFromContainer', () => {
  it('reads labels, the published port and times', () => {
    const i = instanceFromContainer(container({}, { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '32768' }] }), 'healthy');
    expect(i).toMatchObject({
      instanceId: 'i1',
      app: 'shop',
      service: 'web',
      release: 'v3',
      deploymentId: 'd7',
      state: 'running',
      health: 'healthy',
      containerPort: 8080,
      hostPort: 32768,
      hostIp: '127.0.0.1',
      exitCode: -1,
      startedAtMs: Date.parse('2026-11-23T10:00:00Z'),
      finishedAtMs: 0,
    });
  });

  it.each([
    ['running', 'running'],
    ['restarting', 'exited'],
    ['created', 'created'],
    ['exited', 'exited'],
    ['dead', 'exited'],
  ])('docker status %s is state %s', (status, state) => {
    expect(instanceFromContainer(container({ Status: status })).state).toBe(state);
  });

  it('an exited container has its exit code, no health, and OOM kills show', () => {
    const i = instanceFromContainer(
      container({ Status: 'exited', Running: false, ExitCode: 137, OOMKilled: true, FinishedAt: '2026-11-23T10:05:00Z' }),
      'healthy',
    );
    expect(i).toMatchObject({ state: 'exited', exitCode: 137, oomKilled: true, health: 'unknown' });
  });

  it("uses Docker's health status when no probe result is given", () => {
    expect(instanceFromContainer(container({ Health: { Status: 'unhealthy' } })).health).toBe('unhealthy');
    expect(instanceFromContainer(container({ Health: { Status: 'starting' } })).health).toBe('unknown');
  });

  it.each([
    [undefined, false],
    [{ Test: ['NONE'] }, false],
    [{ Test: ['CMD-SHELL', 'wget -q localhost'] }, true],
  ])('healthcheck %o → %s', (healthcheck, expected) => {
    expect(hasDockerHealthcheck({ Config: { Image: 'x', Labels: null, Healthcheck: healthcheck } })).toBe(expected);
  });
});

describe('signalFromDockerEvent', () => {
  it.each([
    [{ Type: 'container', Action: 'start' }, 'started'],
    [{ Type: 'container', Action: 'die' }, 'died'],
    [{ Type: 'container', Action: 'destroy' }, 'removed'],
    [{ Type: 'container', Action: 'health_status: healthy' }, 'healthy'],
    [{ Type: 'container', Action: 'health_status: unhealthy' }, 'unhealthy'],
    [{ Type: 'container', Action: 'exec_start: sh' }, null],
    [{ Type: 'network', Action: 'connect' }, null],
    [{ status: 'start' }, 'started'],
  ])('%o → %s', (event, signal) => {
    expect(signalFromDockerEvent(event)).toBe(signal);
  });
});

describe('exitCodeFromDockerEvent', () => {
  it.each([
    [{ Action: 'die', Actor: { Attributes: { exitCode: '3' } } }, 3],
    [{ Action: 'die', Actor: { Attributes: { exitCode: '137' } } }, 137],
    [{ Action: 'die', Actor: { Attributes: {} } }, null],
    [{ Action: 'die', Actor: { Attributes: { exitCode: 'x' } } }, null],
  ])('%o → %s', (event, code) => {
    expect(exitCodeFromDockerEvent(event)).toBe(code);
  });
});
