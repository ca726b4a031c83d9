/**
 * A run: one one-off container of a release's image, started on demand (`berth run`) or by a
 * schedule, with exactly the environment of the app's instances. What it runs, how it ended, and
 * which runs are kept are decided here. Pure: values in, decisions out.
 *
 *   starting ──started──▶ running ──exit 0──▶ succeeded
 *       │                    ├──exit ≠ 0─▶ failed
 *       │                    ├──-128────▶ timed-out   (its time limit)
 *       │                    ├──stopped─▶ stopped     (berth runs stop, Ctrl-C, a schedule's replace)
 *       └──────────┬─────────┴──agent lost / could not start─▶ failed (with the reason)
 *   missed: a scheduled run that was due while no controller was up, past its starting deadline.
 */
import { containerEnv, type Release } from './release.js';

export const RUN_STATES = ['starting', 'running', 'succeeded', 'failed', 'timed-out', 'stopped', 'missed'] as const;
export type RunState = (typeof RUN_STATES)[number];

export function isRunEnded(state: RunState): boolean {
  return state !== 'starting' && state !== 'running';
}

/** Exit status of a one-off stopped at its time limit (the postdeploy contract's -128). */
export const RUN_TIMEOUT_STATUS = -128;

/** Ended runs kept per app; older ones are forgotten. */
export const RUNS_KEPT_PER_APP = 100;
/** Output lines kept on a run (all of them are streamed live). */
export const RUN_OUTPUT_LINES = 1000;
/** Time limits: a run's own (--timeout), at most a day; a day when not given. */
export const RUN_MAX_TIMEOUT_MS = 24 * 3_600_000;
export const RUN_DEFAULT_TIMEOUT_MS = 24 * 3_600_000;

export interface RunOutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface RunRecord {
  id: string;
  app: string;
  service: string;
  release: string;
  /** The argv run in the container: never a shell string (`sh -c '…'` when a shell is wanted). */
  command: string[];
  /** The token that started it ("admin" or its name), or "schedule:NAME". */
  startedBy: string;
  /** The schedule that started it; null for `berth run`. */
  schedule: string | null;
  /** The one-off's name on its agent: a task delivered again finds it instead of starting another. */
  oneOffId: string;
  /** The task that runs it now: its output reports name it (a restarted controller listens for it again). */
  taskId: string | null;
  agentId: string | null;
  tty: boolean;
  detached: boolean;
  timeoutMs: number;
  state: RunState;
  exitCode: number | null;
  /** Why it failed, was stopped or missed. */
  reason: string | null;
  /** A stop was asked for: the exit that follows ends it as stopped. */
  stopRequested: boolean;
  createdAtMs: number;
  startedAtMs: number | null;
  endedAtMs: number | null;
  output: RunOutputLine[];
}

export function runOneOffId(app: string, runId: string): string {
  return `${app.slice(0, 40)}-run-${runId}`;
}

/**
 * The service a run uses when none is named: the first, in the spec's order, that has a command
 * or an image of its own (a git service without a command runs its Procfile's web entry or its
 * image's CMD, which a one-off rarely wants); else the first.
 */
export function defaultRunService(release: Release): string | null {
  const services = Object.entries(release.spec.services);
  const own = services.find(([, s]) => s.command !== undefined || s.image !== undefined);
  return (own ?? services[0])?.[0] ?? null;
}

export interface RunTargetInput {
  app: string;
  /** The release asked for (vN), or null for the routed one. */
  releaseName: string | null;
  service: string | null;
  routed: string | null;
  findRelease(name: string): Release | undefined;
}

export type RunTarget = { ok: true; release: Release; service: string } | { ok: false; code: 'NOT_FOUND' | 'FAILED_PRECONDITION'; reason: string };

export function chooseRunTarget(input: RunTargetInput): RunTarget {
  const name = input.releaseName ?? input.routed;
  if (name === null)
    return { ok: false, code: 'FAILED_PRECONDITION', reason: `${input.app} has no routed release to run; deploy it first or name one with --release` };
  const release = input.findRelease(name);
  if (!release) return { ok: false, code: 'NOT_FOUND', reason: `${input.app} has no release ${name}; 'berth releases ${input.app}' lists them` };
  const service = input.service ?? defaultRunService(release);
  if (service === null || !release.services[service]) {
    const known = Object.keys(release.services).join(', ');
    return { ok: false, code: 'NOT_FOUND', reason: `${input.app} ${release.name} has no service ${input.service ?? ''} (services: ${known})` };
  }
  return { ok: true, release, service };
}

/** The instances' environment for this service, plus the run's own CONTAINER and BERTH_RUN_ID. */
export function runEnv(release: Release, service: string, runId: string): Record<string, string> {
  return { ...containerEnv(release, service, `run-${runId}`, release.deploymentId), BERTH_RUN_ID: runId };
}

/** How a run ended, from its one-off's exit status. */
export function endedState(run: Pick<RunRecord, 'stopRequested'>, exitCode: number): { state: RunState; reason: string | null } {
  if (exitCode === RUN_TIMEOUT_STATUS) return { state: 'timed-out', reason: 'stopped at its time limit' };
  if (run.stopRequested) return { state: 'stopped', reason: 'stopped on request' };
  return exitCode === 0 ? { state: 'succeeded', reason: null } : { state: 'failed', reason: `exited with status ${exitCode}` };
}

export function appendRunOutput(output: RunOutputLine[], lines: RunOutputLine[]): RunOutputLine[] {
  const all = [...output, ...lines];
  return all.length > RUN_OUTPUT_LINES ? all.slice(-RUN_OUTPUT_LINES) : all;
}

/** The ended runs of an app beyond the newest `keep`. */
export function runsToForget(runs: RunRecord[], app: string, keep = RUNS_KEPT_PER_APP): string[] {
  return runs
    .filter((r) => r.app === app && isRunEnded(r.state))
    .sort((a, b) => b.createdAtMs - a.createdAtMs)
    .slice(keep)
    .map((r) => r.id);
}

/** What an app's notification URLs receive when a scheduled run fails, times out or is missed. */
export interface RunNotice {
  event: 'run';
  app: string;
  run: string;
  schedule: string | null;
  command: string[];
  state: RunState;
  exitCode: number | null;
  reason: string | null;
  atMs: number;
}

export function runNotice(r: RunRecord): RunNotice {
  return {
    event: 'run',
    app: r.app,
    run: r.id,
    schedule: r.schedule,
    command: r.command,
    state: r.state,
    exitCode: r.exitCode,
    reason: r.reason,
    atMs: r.endedAtMs ?? r.createdAtMs,
  };
}

/** A scheduled run that ended badly is told to the app's notification URLs (a run by hand has its operator watching). */
export function isRunNoticeDue(r: RunRecord): boolean {
  return r.schedule !== null && (r.state === 'failed' || r.state === 'timed-out' || r.state === 'missed');
}
