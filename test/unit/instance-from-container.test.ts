import { describe, expect, it } from 'vitest';
import { hasDockerHealthcheck, instanceFromContainer, type ContainerInspect } from '../../agent/core/instance-from-container.js';
import { exitCodeFromDockerEvent, exitKind, isLateOom, signalFromDockerEvent } from '../../agent/core/docker-event.js';

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
    [{ Type: 'container', Action: 'oom' }, 'oom'],
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

describe('how a container that died ended', () => {
  it.each([
    ['Docker says the OOM killer ended it', { oomKilledFlag: true, oomSeen: false, exitCode: 137 }, 'oom_killed'],
    ['an "oom" came before the "die" that Docker\'s flag missed, SIGKILLed', { oomKilledFlag: false, oomSeen: true, exitCode: 137 }, 'oom_killed'],
    ['an "oom" killed a child only; the container exited on its own', { oomKilledFlag: false, oomSeen: true, exitCode: 1 }, 'exited'],
    ['no "oom": a SIGKILL is a plain exit (docker kill, a stop past its grace)', { oomKilledFlag: false, oomSeen: false, exitCode: 137 }, 'exited'],
    ['an exit code unknown', { oomKilledFlag: false, oomSeen: true, exitCode: null }, 'exited'],
  ] as const)('%s: %s', (_name, died, kind) => {
    expect(exitKind(died)).toBe(kind);
  });

  it.each([
    ['reported exited by SIGKILL, not yet as OOM', { state: 'exited', exitCode: 137, oomKilled: false }, true],
    ['already reported as OOM', { state: 'exited', exitCode: 137, oomKilled: true }, false],
    ['exited some other way', { state: 'exited', exitCode: 0, oomKilled: false }, false],
    ['still running (the "die" comes later)', { state: 'running', exitCode: 0, oomKilled: false }, false],
    ['never seen', undefined, false],
  ] as const)('a late "oom" after %s: %s', (_name, last, late) => {
    expect(isLateOom(last)).toBe(late);
  });
});
