/**
 * Scheduled runs: when a schedule is due, what to do with the times it was due while no
 * controller was up, and what a run still going means for the next one. Pure: the schedule, its
 * mark (the last time it was handled) and the clock in, a plan out. Cron expressions are read by
 * shared/cron.ts.
 */
import { cronTimes } from '../../shared/cron.js';
import type { ScheduleSpec } from '../../shared/app-spec.js';

/** At most this many due times are looked at in one tick (a controller down for a year). */
const MAX_FIRES = 10_000;

/** The times the schedule was due after `afterMs` and up to `untilMs`, oldest first. */
export function dueTimes(schedule: Pick<ScheduleSpec, 'cron' | 'timezone'>, afterMs: number, untilMs: number): number[] {
  return cronTimes(schedule.cron, schedule.timezone, afterMs, untilMs, MAX_FIRES);
}

export interface TickPlan {
  /** The due time to start a run for now, or null. */
  start: number | null;
  /** Due times too late to start (past the starting deadline): recorded as missed. */
  missed: { count: number; firstMs: number; lastMs: number } | null;
  /** The schedule's new mark: the last due time handled (the clock, for a schedule never seen). */
  markMs: number;
}

/**
 * One tick of a schedule. Never seen before (`markMs` null): it starts counting now. Otherwise
 * every due time since the mark is handled: the latest starts a run if it is at most
 * `startingDeadline` late; times past the deadline are missed; earlier ones within it fold into the
 * latest (one run catches up, as Kubernetes' CronJob does).
 */
export function planTick(schedule: Pick<ScheduleSpec, 'cron' | 'timezone' | 'startingDeadline'>, markMs: number | null, nowMs: number): TickPlan {
  if (markMs === null) return { start: null, missed: null, markMs: nowMs };
  const due = dueTimes(schedule, markMs, nowMs);
  if (due.length === 0) return { start: null, missed: null, markMs };
  const latest = due.at(-1) as number;
  const inTime = nowMs - latest <= schedule.startingDeadline;
  const late = due.filter((t) => nowMs - t > schedule.startingDeadline);
  return {
    start: inTime ? latest : null,
    missed: late.length ? { count: late.length, firstMs: late[0] as number, lastMs: late.at(-1) as number } : null,
    markMs: latest,
  };
}

export type ConcurrencyDecision = { action: 'start' } | { action: 'skip'; reason: string } | { action: 'replace'; stop: string[] };

/** What a due time does while runs of the schedule are still going (their ids, oldest first). */
export function decideConcurrency(policy: ScheduleSpec['concurrency'], going: string[]): ConcurrencyDecision {
  if (going.length === 0 || policy === 'allow') return { action: 'start' };
  if (policy === 'replace') return { action: 'replace', stop: going };
  return { action: 'skip', reason: `run ${going.join(', ')} of it is still going (concurrency: forbid)` };
}

/** The argv a schedule's command runs as: a string through /bin/sh -c, a list as given. */
export function scheduleArgv(command: ScheduleSpec['command']): string[] {
  return typeof command === 'string' ? ['/bin/sh', '-c', command] : command;
}

export function scheduleKey(app: string, name: string): string {
  return `${app}/${name}`;
}
