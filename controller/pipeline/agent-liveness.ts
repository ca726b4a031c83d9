/** Marks agents down when their heartbeats stop for the TTL; runs on a short timer. */
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../state/store.js';
import { findExpiredAgents, markAgentDown } from '../core/agent-registry.js';

/** The grace for a controller that reads heartbeats late is at most this many TTLs. */
export const MAX_GRACE_TTLS = 4;

export function sweepAgents(store: Store, ttlMs: number, now: number, log: Logger, graceMs = 0): string[] {
  const expired = findExpiredAgents(Object.values(store.data.agents), now, ttlMs, graceMs);
  if (expired.length === 0) return expired;
  store.update((s) => {
    for (const id of expired) {
      const agent = s.agents[id];
      if (!agent) continue;
      s.agents[id] = markAgentDown(agent, now);
      log.warn(
        { agentId: id, lastHeartbeatMs: agent.lastHeartbeatMs, silentForMs: now - agent.lastHeartbeatMs, ttlMs, graceMs },
        'agent marked down: heartbeats stopped',
      );
    }
  });
  return expired;
}

/**
 * `heartbeatDelayMs`: how far behind the controller is in reading heartbeats now (the grace added
 * to the TTL, capped at MAX_GRACE_TTLS TTLs).
 */
export function startLivenessSweep(
  store: Store,
  ttlMs: number,
  log: Logger,
  onDown: (agentIds: string[]) => void = () => undefined,
  heartbeatDelayMs: (now: number) => number = () => 0,
): () => void {
  // A tenth of the TTL (at most a second) keeps "down within TTL + 2 s" with room to spare.
  const every = Math.min(1000, Math.max(100, Math.floor(ttlMs / 10)));
  let lastTickMs = Date.now();
  let skipped = false;
  const timer = setInterval(() => {
    const now = Date.now();
    const late = now - lastTickMs > 2 * every;
    lastTickMs = now;
    // A tick this late means the controller itself was stalled: timers run before the sockets
    // are read, so every heartbeat that waited would look missing. The sockets are read before
    // the next tick; never skip twice running, so a loaded controller still sweeps.
    if (late && !skipped) {
      skipped = true;
      return;
    }
    skipped = false;
    const down = sweepAgents(store, ttlMs, now, log, Math.min(heartbeatDelayMs(now), MAX_GRACE_TTLS * ttlMs));
    if (down.length) onDown(down);
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}
