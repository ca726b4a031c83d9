/**
 * Cron expressions, read by croner (the one module that imports it): whether an expression and a
 * time zone are valid, and the times an expression falls due. Pure computation (time zones
 * through Intl); the app spec's validation and the scheduler's core both use it.
 */
import { Cron } from 'croner';

/** What is wrong with a cron expression in a time zone, or null. */
export function cronProblem(expression: string, timezone: string): { field: 'cron' | 'timezone'; message: string } | null {
  try {
    Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    return { field: 'timezone', message: `"${timezone}" is not an IANA time zone (UTC, Europe/Paris, America/New_York)` };
  }
  try {
    new Cron(expression, { timezone, paused: true }).nextRun();
    return null;
  } catch (err) {
    return { field: 'cron', message: `"${expression}" is not a cron expression: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The times the expression falls due after `afterMs` and up to `untilMs`, oldest first, at most `max`. */
export function cronTimes(expression: string, timezone: string, afterMs: number, untilMs: number, max: number): number[] {
  const cron = new Cron(expression, { timezone, paused: true });
  const times: number[] = [];
  let next = cron.nextRun(new Date(afterMs));
  while (next && next.getTime() <= untilMs && times.length < max) {
    times.push(next.getTime());
    next = cron.nextRun(next);
  }
  return times;
}
