/** Marks agents down when their heartbeats stop for the TTL; runs on a short timer. */
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../adapters/store.js';
import { findExpiredAgents, markAgentDown } from '../core/agent-registry.js';

export function sweepAgents(store: Store, ttlMs: number, now: number, log: Logger): string[] {
  const expired = findExpiredAgents(Object.values(store.data.agents), now, ttlMs);
  if (expired.length === 0) return expired;
  store.update((s) => {
    for (const id of expired) {
      const agent = s.agents[id];
      if (!agent) continue;
      s.agents[id] = markAgentDown(agent, now);
      log.warn({ agentId: id, lastHeartbeatMs: agent.lastHeartbeatMs, silentForMs: now - agent.lastHeartbeatMs, ttlMs }, 'agent marked down: heartbeats stopped');
    }
  });
  return expired;
}

export function startLivenessSweep(store: Store, ttlMs: number, log: Logger, onDown: (agentIds: string[]) => void = () => undefined): () => void {
  // A tenth of the TTL (at most a second) keeps "down within TTL + 2 s" with room to spare.
  const every = Math.min(1000, Math.max(100, Math.floor(ttlMs / 10)));
  const timer = setInterval(() => {
    const down = sweepAgents(store, ttlMs, Date.now(), log);
    if (down.length) onDown(down);
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}
