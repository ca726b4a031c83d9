/**
 * Whether a new instance of a deployment is stable, has failed, must be replaced or is still to be
 * waited for: its exit (from the events or the agent's view), its health check, the stability
 * window it must stay up for without restarting, and the deadline its boot has. Pure: what is
 * known now in, a verdict and the state to carry to the next look out.
 */
import type { InstanceStatus } from '../../shared/instance.js';

/** What the last look remembered: since when the instance has been up, and which start that was. */
export interface Watch {
  healthySince: number | null;
  startedAt: number;
}

export const NOT_UP: Watch = { healthySince: null, startedAt: 0 };

export interface InstanceLook {
  agentAlive: boolean;
  /** The agent's view of the instance, if it has reported it. */
  seen: InstanceStatus | undefined;
  /** An exit or OOM kill taken from the instance's events (the view may show it running again). */
  exit: { kind: string; exitCode: number } | undefined;
  /** No health check: running counts as up. */
  unchecked: boolean;
  now: number;
  deadline: number;
  stabilityWindowMs: number;
  /** Checked for when the deadline passes: "GET /healthz on port 8080", "running". */
  checkDescription: string;
  bootTimeoutMs: number;
  watch: Watch;
}

export type InstanceVerdict =
  | { kind: 'stable' }
  | { kind: 'replace' }
  | { kind: 'failed'; how: string; exitCode: number | undefined }
  | { kind: 'wait'; watch: Watch; wakeInMs: number };

export function judgeInstance(look: InstanceLook, pollMs: number): InstanceVerdict {
  const { seen, exit, now } = look;
  if (!look.agentAlive) return { kind: 'replace' };
  if (exit || seen?.state === 'exited' || seen?.oomKilled) {
    const exitCode = exit?.exitCode ?? seen?.exitCode;
    const how = exit?.kind === 'oom_killed' || seen?.oomKilled ? 'was killed: out of memory' : `exited with code ${exitCode ?? '?'}`;
    return { kind: 'failed', how, exitCode };
  }
  const up = seen?.state === 'running' && (look.unchecked || seen.health === 'healthy');
  if (up && seen) {
    const watch = look.watch.healthySince === null ? { healthySince: now, startedAt: seen.startedAtMs } : look.watch;
    if (seen.startedAtMs !== watch.startedAt) return { kind: 'failed', how: 'restarted during its stability window', exitCode: seen.exitCode };
    const stableAt = (watch.healthySince as number) + look.stabilityWindowMs;
    if (now >= stableAt) return { kind: 'stable' };
    // Wake when the window ends, or earlier on an event.
    return { kind: 'wait', watch, wakeInMs: Math.min(pollMs, stableAt - now) };
  }
  if (now > look.deadline) {
    return { kind: 'failed', how: `did not pass its health check (${look.checkDescription}) within ${look.bootTimeoutMs / 1000}s`, exitCode: undefined };
  }
  return { kind: 'wait', watch: NOT_UP, wakeInMs: pollMs };
}
