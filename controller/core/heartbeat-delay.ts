/**
 * How far behind the controller is in reading heartbeats, so that its own slowness is not taken
 * for the agents' silence (the idea of HashiCorp's Lifeguard: a member that is slow itself waits
 * longer before it suspects others).
 *
 * Each heartbeat carries the agent's clock at sending. Clocks differ between hosts, so a delay is
 * measured against the agent's own best case: (received − sent) minus the smallest such difference
 * seen from that agent since its hello. When heartbeats queue (a busy controller, a saturated host
 * or network), every agent's delay grows together; the largest delay seen over the last window is
 * the grace the liveness sweep adds to the TTL, up to a cap. A dead agent sends nothing and so
 * never adds to the grace; it is found a grace later, and only while the others are late too.
 * Pure: times come in as arguments.
 */
export class HeartbeatDelay {
  /** Per agent: the smallest (received − sent) since its hello. */
  private readonly baselines = new Map<string, number>();
  /** Recent delays, oldest first, each larger than every later one (a monotonic queue for the windowed max). */
  private readonly recent: Array<{ atMs: number; delayMs: number }> = [];

  constructor(private readonly windowMs: number) {}

  /** An agent said hello: its clock may have changed, its baseline starts over. */
  resetAgent(agentId: string): void {
    this.baselines.delete(agentId);
  }

  /** A heartbeat sent at `sentAtMs` (agent's clock) was read at `receivedAtMs`; returns its delay. */
  observe(agentId: string, sentAtMs: number, receivedAtMs: number): number {
    if (!Number.isFinite(sentAtMs) || sentAtMs <= 0) return 0;
    const difference = receivedAtMs - sentAtMs;
    const baseline = Math.min(this.baselines.get(agentId) ?? difference, difference);
    this.baselines.set(agentId, baseline);
    const delayMs = difference - baseline;
    while (this.recent.length && (this.recent.at(-1) as { delayMs: number }).delayMs <= delayMs) this.recent.pop();
    this.recent.push({ atMs: receivedAtMs, delayMs });
    return delayMs;
  }

  /** The largest delay read within the window before `now`. */
  current(now: number): number {
    while (this.recent.length && (this.recent[0] as { atMs: number }).atMs < now - this.windowMs) this.recent.shift();
    return this.recent[0]?.delayMs ?? 0;
  }
}
