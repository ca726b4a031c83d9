/**
 * The agent registry as pure functions over AgentRecord values: hellos, heartbeats, instance
 * events and the TTL sweep. The report intake applies them and stores the results.
 *
 *   hello ──▶ ready ──(no heartbeat for TTL)──▶ down ──hello──▶ ready
 *               │  ▲
 *        drain  ▼  │ undrain         (draining agents go down and come back draining)
 *             draining
 */
import { AGENT_RECONNECT_MAX_BACKOFF_MS, type AgentHello, type AgentRecord, type AgentStatus } from '../../shared/agent.js';
import type { InstanceEventKind, InstanceStatus } from '../../shared/instance.js';

export function agentStatus(agent: AgentRecord): AgentStatus {
  if (!agent.alive) return 'down';
  return agent.draining ? 'draining' : 'ready';
}

/** A hello is the agent's whole truth: its identity and every instance it runs now. */
export function registerHello(existing: AgentRecord | undefined, hello: AgentHello, now: number): AgentRecord {
  return {
    id: hello.agentId,
    hostname: hello.hostname,
    advertiseAddr: hello.advertiseAddr,
    labels: { ...hello.labels },
    cpus: hello.cpus,
    memoryBytes: hello.memoryBytes,
    version: hello.version,
    sessionId: hello.sessionId,
    alive: true,
    draining: existing?.draining ?? false,
    lastHeartbeatMs: now,
    connectedAtMs: now,
    downSinceMs: null,
    restartingUntilMs: null,
    instances: Object.fromEntries(hello.instances.map((i) => [i.instanceId, i])),
  };
}

/**
 * The agent said goodbye: it is stopping cleanly and will be back (an upgrade). Until `untilMs`
 * it is not taken for lost, so its instances (still running) stay routed and are not replaced.
 */
export function markRestarting(agent: AgentRecord, untilMs: number): AgentRecord {
  return { ...agent, restartingUntilMs: untilMs };
}

/** Stopped (down, or gone after a goodbye and not back): what may be removed. */
export function isStopped(agent: AgentRecord): boolean {
  return !agent.alive || (agent.restartingUntilMs ?? null) !== null;
}

export function recordHeartbeat(agent: AgentRecord, now: number): AgentRecord {
  return { ...agent, alive: true, downSinceMs: null, lastHeartbeatMs: now };
}

export function applyInstanceEvent(agent: AgentRecord, kind: InstanceEventKind, instance: InstanceStatus): AgentRecord {
  const instances = { ...agent.instances };
  if (kind === 'removed') delete instances[instance.instanceId];
  else instances[instance.instanceId] = instance;
  return { ...agent, instances };
}

/** Instances the agent runs that the controller never started (or has forgotten). */
export function findStrays(agent: AgentRecord, knownInstanceIds: ReadonlySet<string>): string[] {
  return Object.keys(agent.instances)
    .filter((id) => !knownInstanceIds.has(id))
    .sort();
}

/**
 * The agent that runs an instance the controller does not know, or null: a stray, seen after the
 * agent's hello. A start task whose agent died applying it is delivered again once its ack wait
 * has passed, possibly after the agent is back and has removed that instance (the controller
 * replaced it elsewhere and forgot it): the start makes it again, and nothing else would stop it.
 */
export function runningStrayAgent(state: { agents: Record<string, AgentRecord>; instances: Record<string, unknown> }, instanceId: string): string | null {
  if (state.instances[instanceId]) return null;
  for (const agent of Object.values(state.agents)) if (agent.instances[instanceId]?.state === 'running') return agent.id;
  return null;
}

/**
 * Alive agents whose last heartbeat is older than the TTL plus `graceMs` (how far behind the
 * controller is in reading heartbeats; see heartbeat-delay.ts). An agent that said goodbye is
 * not expired before its restart grace ends, and gets a TTL after that.
 */
export function findExpiredAgents(agents: Iterable<AgentRecord>, now: number, ttlMs: number, graceMs = 0): string[] {
  const expired: string[] = [];
  for (const agent of agents) {
    if ((agent.restartingUntilMs ?? 0) > now) continue;
    const since = Math.max(agent.lastHeartbeatMs, agent.restartingUntilMs ?? 0);
    if (agent.alive && now - since > ttlMs + graceMs) expired.push(agent.id);
  }
  return expired;
}

export function markAgentDown(agent: AgentRecord, now: number): AgentRecord {
  return { ...agent, alive: false, downSinceMs: now, restartingUntilMs: null };
}

/**
 * After a controller restart nobody has heard from any agent yet: every agent known as alive gets
 * a full TTL from `now`, plus the agents' longest reconnect backoff (they retry a lost controller
 * at growing intervals), to say hello before it is marked down. With a short TTL an agent still in
 * its backoff was marked down, and its routes were taken out, though it never stopped serving.
 */
export function graceAfterRestart(agent: AgentRecord, now: number): AgentRecord {
  return agent.alive ? { ...agent, lastHeartbeatMs: Math.max(agent.lastHeartbeatMs, now + AGENT_RECONNECT_MAX_BACKOFF_MS) } : agent;
}

export function countAgents(agents: Iterable<AgentRecord>): Record<AgentStatus | 'total', number> {
  const counts = { ready: 0, down: 0, draining: 0, total: 0 };
  for (const agent of agents) {
    counts[agentStatus(agent)] += 1;
    counts.total += 1;
  }
  return counts;
}
