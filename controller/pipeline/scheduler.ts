/**
 * Starts the apps' scheduled runs on time (core/schedule.ts decides): every tick, each schedule
 * of each app is checked against its mark (when it was last handled, kept in the state so a
 * restarted controller knows what it missed). A due time starts a detached run as `berth run`
 * would, subject to the schedule's concurrency; times past the starting deadline are recorded as
 * missed; a run that cannot start (nothing routed yet, no agent) is recorded as failed.
 */
import { errorMessage } from '../../shared/errors.js';
import type { ScheduleSpec } from '../../shared/app-spec.js';
import type { Logger } from '../../shared/logger.js';
import { isRunEnded } from '../core/run.js';
import { decideConcurrency, planTick, scheduleArgv, scheduleKey } from '../core/schedule.js';
import type { Store } from '../state/store.js';
import type { RunManager } from './run-manager.js';

/** How often schedules are checked: well under the finest cron resolution (a second). */
export const SCHEDULE_TICK_MS = 250;

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly runs: RunManager,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(tickMs = SCHEDULE_TICK_MS): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  tick(): void {
    const now = this.now();
    const known = new Set<string>();
    for (const [app, record] of Object.entries(this.store.data.apps)) {
      for (const schedule of record.spec.schedules ?? []) {
        const key = scheduleKey(app, schedule.name);
        known.add(key);
        try {
          this.handle(app, schedule, key, now);
        } catch (err) {
          this.log.error({ app, schedule: schedule.name, err: errorMessage(err) }, 'schedule check failed');
        }
      }
    }
    // Schedules removed from their app (or apps deleted) lose their marks.
    const gone = Object.keys(this.store.data.scheduleMarks).filter((key) => !known.has(key));
    if (gone.length)
      this.store.update((s) => {
        for (const key of gone) delete s.scheduleMarks[key];
      });
  }

  private handle(app: string, schedule: ScheduleSpec, key: string, now: number): void {
    const mark = this.store.data.scheduleMarks[key]?.lastFireMs ?? null;
    const plan = planTick(schedule, mark, now);
    if (plan.markMs !== mark)
      this.store.update((s) => {
        s.scheduleMarks[key] = { lastFireMs: plan.markMs };
      });
    const base = {
      app,
      service: schedule.service ?? null,
      command: scheduleArgv(schedule.command),
      startedBy: `schedule:${schedule.name}`,
      schedule: schedule.name,
      timeoutMs: schedule.timeout,
    };
    if (plan.missed) {
      const { count, firstMs, lastMs } = plan.missed;
      const when = count === 1 ? `due at ${iso(firstMs)}` : `${count} runs due from ${iso(firstMs)} to ${iso(lastMs)}`;
      this.runs.recordNotStarted({ ...base, state: 'missed', reason: `${when} while no controller was up; past its starting deadline` });
    }
    if (plan.start === null) return;
    const going = Object.values(this.store.data.runs)
      .filter((r) => r.app === app && r.schedule === schedule.name && !isRunEnded(r.state))
      .sort((a, b) => a.createdAtMs - b.createdAtMs)
      .map((r) => r.id);
    const decision = decideConcurrency(schedule.concurrency, going);
    if (decision.action === 'skip') {
      this.log.info({ app, schedule: schedule.name, due: iso(plan.start) }, `scheduled run skipped: ${decision.reason}`);
      return;
    }
    if (decision.action === 'replace')
      for (const id of decision.stop)
        this.runs.stop(id).catch((err: unknown) => this.log.warn({ app, runId: id, err: errorMessage(err) }, 'cannot stop the run a schedule replaces'));
    try {
      const run = this.runs.start({ ...base, release: null, tty: false, detached: true });
      this.log.info({ app, schedule: schedule.name, runId: run.id, due: iso(plan.start) }, 'scheduled run started');
    } catch (err) {
      this.runs.recordNotStarted({ ...base, state: 'failed', reason: `it could not start: ${errorMessage(err)}` });
    }
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
