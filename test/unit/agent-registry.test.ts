import { describe, expect, it } from 'vitest';
import { AGENT_RECONNECT_MAX_BACKOFF_MS, type AgentHello, type AgentRecord } from '../../shared/agent.js';
import type { InstanceStatus } from '../../shared/instance.js';
import {
  agentStatus,
  applyInstanceEvent,
  countAgents,
  findExpiredAgents,
  findStrays,
  graceAfterRestart,
  isStopped,
  markAgentDown,
  markRestarting,
  recordHeartbeat,
  registerHello,
  runningStrayAgent,
} from '../../controller/core/agent-registry.js';

function instance(id: string, patch: Partial<InstanceStatus> = {}): InstanceStatus {
  return {
    instanceId: id,
    containerId: `c-${id}`,
    app: 'shop',
    service: 'web',
    release: 'v1',
    deploymentId: 'd1',
    state: 'running',
    health: 'healthy',
    containerPort: 8080,
    hostPort: 32000,
    hostIp: '127.0.0.1',
    exitCode: -1,
    oomKilled: false,
    image: 'img',
    startedAtMs: 1,
    finishedAtMs: 0,
    ...patch,
  };
}

function hello(patch: Partial<AgentHello> = {}): AgentHello {
  return {
    agentId: 'a1',
    hostname: 'h1',
    advertiseAddr: '127.0.0.1',
    labels: { region: 'eu' },
    cpus: 2,
    memoryBytes: 1e9,
    version: '0.1.0',
    sessionId: 's1',
    instances: [],
    ...patch,
  };
}

function agent(patch: Partial<AgentRecord> = {}): AgentRecord {
  return { ...registerHello(undefined, hello(), 1000), ...patch };
}

describe('agentStatus', () => {
  it.each([
    [{ alive: true, draining: false }, 'ready'],
    [{ alive: true, draining: true }, 'draining'],
    [{ alive: false, draining: false }, 'down'],
    [{ alive: false, draining: true }, 'down'],
  ] as const)('%o is %s', (patch, status) => {
    expect(agentStatus(agent(patch))).toBe(status);
  });
});

describe('registerHello', () => {
  it('records a new agent as ready with the hello instances', () => {
    const a = registerHello(undefined, hello({ instances: [instance('i1')] }), 5000);
    expect(a).toMatchObject({ id: 'a1', alive: true, draining: false, lastHeartbeatMs: 5000, connectedAtMs: 5000, downSinceMs: null });
    expect(Object.keys(a.instances)).toEqual(['i1']);
  });

  it('brings a down agent back, keeps draining, and replaces instances with the hello snapshot', () => {
    const before = agent({ alive: false, draining: true, downSinceMs: 900, instances: { old: instance('old') } });
    const a = registerHello(before, hello({ sessionId: 's2', instances: [instance('new')] }), 6000);
    expect(a).toMatchObject({ alive: true, draining: true, downSinceMs: null, sessionId: 's2' });
    expect(Object.keys(a.instances)).toEqual(['new']);
  });
});

describe('findExpiredAgents', () => {
  const agents = [
    agent({ id: 'fresh', lastHeartbeatMs: 10_000 }),
    agent({ id: 'edge', lastHeartbeatMs: 5_000 }),
    agent({ id: 'stale', lastHeartbeatMs: 4_999 }),
    agent({ id: 'already-down', alive: false, lastHeartbeatMs: 0 }),
  ];
  it.each([
    [10_000, 0, []],
    [20_000, 0, ['edge', 'stale']],
    [20_001, 0, ['fresh', 'edge', 'stale']],
    [15_000, 0, ['stale']],
    // A controller reading heartbeats 5 s late gives every agent 5 s more.
    [20_000, 5_000, ['stale']],
    [20_001, 5_000, ['edge', 'stale']],
    [25_001, 5_000, ['fresh', 'edge', 'stale']],
  ])('at %i ms with a 10 s TTL and %i ms of grace: %o', (now, grace, expected) => {
    expect(findExpiredAgents(agents, now, 10_000, grace)).toEqual(expected);
  });
});

describe('heartbeats, down and restart grace', () => {
  it('a heartbeat revives a down agent', () => {
    const down = markAgentDown(agent(), 2000);
    expect(agentStatus(down)).toBe('down');
    expect(down.downSinceMs).toBe(2000);
    const up = recordHeartbeat(down, 3000);
    expect(agentStatus(up)).toBe('ready');
    expect(up).toMatchObject({ lastHeartbeatMs: 3000, downSinceMs: null });
  });

  it('gives alive agents a fresh TTL and their reconnect backoff after a controller restart, leaves down ones down', () => {
    const graced = graceAfterRestart(agent({ lastHeartbeatMs: 100 }), 9000);
    expect(graced.lastHeartbeatMs).toBe(9000 + AGENT_RECONNECT_MAX_BACKOFF_MS);
    // Not expired a TTL plus the backoff after the restart; expired after that.
    expect(findExpiredAgents([graced], 9000 + 3000 + AGENT_RECONNECT_MAX_BACKOFF_MS, 3000)).toEqual([]);
    expect(findExpiredAgents([graced], 9000 + 3001 + AGENT_RECONNECT_MAX_BACKOFF_MS, 3000)).toEqual([graced.id]);
    const down = agent({ alive: false, lastHeartbeatMs: 100 });
    expect(graceAfterRestart(down, 9000)).toBe(down);
  });
});

describe('instances and strays', () => {
  it('applies events: started/exited update, removed deletes', () => {
    let a = agent();
    a = applyInstanceEvent(a, 'started', instance('i1'));
    a = applyInstanceEvent(a, 'exited', instance('i1', { state: 'exited', exitCode: 137 }));
    expect(a.instances.i1).toMatchObject({ state: 'exited', exitCode: 137 });
    a = applyInstanceEvent(a, 'removed', instance('i1'));
    expect(a.instances.i1).toBeUndefined();
  });

  it('does not change the record it was given', () => {
    const a = agent();
    applyInstanceEvent(a, 'started', instance('i1'));
    expect(a.instances).toEqual({});
  });

  it('finds instances the controller does not know', () => {
    const a = agent({ instances: { known: instance('known'), b: instance('b'), a: instance('a') } });
    expect(findStrays(a, new Set(['known']))).toEqual(['a', 'b']);
  });

  it('counts agents by status', () => {
    expect(countAgents([agent(), agent({ draining: true }), agent({ alive: false })])).toEqual({ ready: 1, draining: 1, down: 1, total: 3 });
  });
});

describe('runningStrayAgent', () => {
  // Agent b runs `made-again`: a start task delivered again after the instance was removed.
  const agents = {
    a: agent({ id: 'a', instances: { known: instance('known'), stopped: instance('stopped', { state: 'exited', exitCode: 137 }) } }),
    b: agent({ id: 'b', instances: { 'made-again': instance('made-again'), created: instance('created', { state: 'created' }) } }),
  };
  it.each([
    ['an instance the controller does not know, running', 'made-again', {}, 'b'],
    ['one it knows', 'known', { known: {} }, null],
    ['one it knows, while its agent reports it too', 'made-again', { 'made-again': {} }, null],
    ['one that no longer runs (a stopped stray stays for inspection)', 'stopped', {}, null],
    ['one created and never started', 'created', {}, null],
    ['one no agent reports (removed)', 'gone', {}, null],
  ])('%s', (_what, instanceId, instances, expected) => {
    expect(runningStrayAgent({ agents, instances }, instanceId)).toBe(expected);
  });
});

describe('an agent that said goodbye', () => {
  const base = registerHello(
    undefined,
    { agentId: 'a1', hostname: 'h', advertiseAddr: '127.0.0.1', labels: {}, cpus: 1, memoryBytes: 1, version: 'x', sessionId: 's', instances: [] },
    1000,
  );
  it.each([
    ['is not taken for lost during its restart grace', markRestarting(base, 60_000), 50_000, []],
    ['is, a TTL after the grace ended', markRestarting(base, 60_000), 60_000 + 15_001, ['a1']],
    ['not yet at the end of the grace plus a TTL', markRestarting(base, 60_000), 60_000 + 14_000, []],
    ['without a goodbye, a TTL after its last heartbeat', base, 1000 + 15_001, ['a1']],
  ])('%s', (_, agent, now, expired) => {
    expect(findExpiredAgents([agent], now, 15_000)).toEqual(expired);
  });

  it('counts as stopped (it may be removed), until its hello; a down agent is stopped too', () => {
    const restarting = markRestarting(base, 60_000);
    expect(isStopped(restarting)).toBe(true);
    expect(
      isStopped(
        registerHello(
          restarting,
          { agentId: 'a1', hostname: 'h', advertiseAddr: '127.0.0.1', labels: {}, cpus: 1, memoryBytes: 1, version: 'x', sessionId: 's2', instances: [] },
          2000,
        ),
      ),
    ).toBe(false);
    expect(isStopped(markAgentDown(base, 5000))).toBe(true);
    expect(isStopped(base)).toBe(false);
  });
});
