/**
 * One-off runs (`berth run`, detached runs, schedules): starts each as a run-oneoff task on one
 * ready agent, keeps its output (bounded) and streams it to watchers, stops it on request, and
 * records how it ended (core/run.ts decides). After a controller restart `recover` asks each
 * agent for the runs still going: the agent finds the container by its one-off id and waits for
 * it, or answers with the result it recorded, so a run is never started twice and its real exit
 * status is kept. A run whose agent is lost fails with that reason; nothing restarts it.
 */
import { randomBytes } from 'node:crypto';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { KeyedListeners } from '../../shared/keyed-listeners.js';
import type { Logger } from '../../shared/logger.js';
import { fleetView } from '../core/fleet-view.js';
import { placeReplicas } from '../core/placement.js';
import { releaseKey } from '../core/release.js';
import {
  appendRunOutput,
  chooseRunTarget,
  endedState,
  isRunEnded,
  RUN_DEFAULT_TIMEOUT_MS,
  RUN_MAX_TIMEOUT_MS,
  runEnv,
  runOneOffId,
  runsToForget,
  type RunOutputLine,
  type RunRecord,
} from '../core/run.js';
import type { Store } from '../state/store.js';
import { getApp } from './app-catalog.js';
import { storedRun } from './stored-records.js';
import type { OutputNotice, ReportIntake } from './report-intake.js';
import { RunTerminals, type TerminalClient } from './run-terminals.js';
import type { TaskDispatcher } from './task-dispatcher.js';

export interface RunRequest {
  app: string;
  /** null: the default service (core/run.ts) of the release. */
  service: string | null;
  /** null: the routed release. */
  release: string | null;
  command: string[];
  tty: boolean;
  detached: boolean;
  /** null: RUN_DEFAULT_TIMEOUT_MS. */
  timeoutMs: number | null;
  startedBy: string;
  schedule: string | null;
}

export interface RunUpdate {
  run: RunRecord;
  /** Output lines new since the last update. */
  lines: RunOutputLine[];
}

/** A task's result may trail its time limit by the agent's own bookkeeping: wait this much longer. */
const RESULT_GRACE_MS = 5 * 60_000;
const STOP_GRACE_SECONDS = 10;

export class RunManager {
  /** The task that runs each run now (output notices name tasks). */
  private readonly runOfTask = new Map<string, string>();
  private readonly watchers = new KeyedListeners<RunUpdate>();
  private readonly changeListeners = new Set<(run: RunRecord) => void>();
  private readonly terminals: RunTerminals;
  private readonly stopListening: Array<() => void>;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly dispatcher: TaskDispatcher,
    intake: ReportIntake,
    private readonly log: Logger,
  ) {
    this.terminals = new RunTerminals(intake, log);
    this.stopListening = [intake.onOutput((notice) => this.acceptOutput(notice)), intake.onTtyOutput((notice) => this.terminals.accept(notice))];
  }

  get(id: string): RunRecord {
    return storedRun(this.store, id);
  }

  /** Every change of state of every run (events, metrics, notifications, schedules). */
  onChange(listener: (run: RunRecord) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  watch(id: string, listener: (update: RunUpdate) => void): () => void {
    this.get(id);
    return this.watchers.add(id, listener);
  }

  start(request: RunRequest): RunRecord {
    if (this.stopped) throw new BerthError('FAILED_PRECONDITION', 'the controller is stopping');
    const app = getApp(this.store, request.app);
    if (request.command.length === 0) throw new BerthError('INVALID_ARGUMENT', 'give the command to run after --, e.g. berth run APP -- rake db:migrate');
    const timeoutMs = request.timeoutMs ?? RUN_DEFAULT_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > RUN_MAX_TIMEOUT_MS)
      throw new BerthError('INVALID_ARGUMENT', `the time limit must be from 1s to ${RUN_MAX_TIMEOUT_MS / 3_600_000}h, got ${timeoutMs} ms`);
    const target = chooseRunTarget({
      app: request.app,
      releaseName: request.release,
      service: request.service,
      routed: app.routed?.release ?? null,
      findRelease: (name) => this.store.data.releases[releaseKey(request.app, name)],
    });
    if (!target.ok) throw new BerthError(target.code, target.reason);
    const labels = target.release.spec.services[target.service]?.placement.labels ?? {};
    const placed = placeReplicas({ app: request.app, service: target.service, replicas: 1, labels }, fleetView(this.store.data));
    if (!placed.ok) throw new BerthError('FAILED_PRECONDITION', `no agent can run it: ${placed.reason}`);
    const id = randomBytes(6).toString('hex');
    const run: RunRecord = {
      id,
      app: request.app,
      service: target.service,
      release: target.release.name,
      command: request.command,
      startedBy: request.startedBy,
      schedule: request.schedule,
      oneOffId: runOneOffId(request.app, id),
      taskId: null,
      agentId: (placed.placements[0] as { agentId: string }).agentId,
      tty: request.tty,
      detached: request.detached,
      timeoutMs,
      state: 'starting',
      exitCode: null,
      reason: null,
      stopRequested: false,
      createdAtMs: Date.now(),
      startedAtMs: null,
      endedAtMs: null,
      output: [],
    };
    this.store.update((s) => {
      s.runs[id] = run;
    });
    this.log.info({ runId: id, app: run.app, service: run.service, release: run.release, agentId: run.agentId, startedBy: run.startedBy }, 'run started');
    this.changed(id);
    void this.launch(id);
    return this.get(id);
  }

  /**
   * A run that never started (a schedule's missed times, or one that could not start): recorded so
   * `berth runs` shows it, and told like any run that ended.
   */
  recordNotStarted(
    fields: Pick<RunRecord, 'app' | 'command' | 'startedBy' | 'schedule' | 'timeoutMs' | 'reason'> & { state: 'missed' | 'failed'; service: string | null },
  ): RunRecord {
    const id = randomBytes(6).toString('hex');
    const now = Date.now();
    const run: RunRecord = {
      ...fields,
      id,
      service: fields.service ?? '',
      release: this.store.data.apps[fields.app]?.routed?.release ?? '',
      oneOffId: runOneOffId(fields.app, id),
      taskId: null,
      agentId: null,
      tty: false,
      detached: true,
      exitCode: null,
      stopRequested: false,
      createdAtMs: now,
      startedAtMs: null,
      endedAtMs: now,
      output: [],
    };
    this.store.update((s) => {
      s.runs[id] = run;
    });
    this.log.warn({ runId: id, app: run.app, schedule: run.schedule ?? undefined, state: run.state, reason: run.reason }, 'run did not start');
    this.changed(id);
    return run;
  }

  /** Asks the run's agent to stop it (SIGTERM, SIGKILL after 10 s); it ends as stopped. */
  async stop(id: string): Promise<RunRecord> {
    const run = this.get(id);
    if (isRunEnded(run.state)) throw new BerthError('FAILED_PRECONDITION', `run ${id} has already ended (${run.state})`);
    this.patch(id, (r) => {
      r.stopRequested = true;
    });
    await this.dispatcher.dispatch({ kind: 'stop-oneoff', agentId: run.agentId as string, spec: { oneOffId: run.oneOffId, graceSeconds: STOP_GRACE_SECONDS } });
    this.log.info({ runId: id, app: run.app }, 'run stop asked for');
    return this.get(id);
  }

  /**
   * After a restart: every run still going is asked for again. The task running it may still be
   * at work on its agent, streaming output under its own id: that output is taken as before. The
   * new task waits behind it on the agent and answers with the run's recorded result.
   */
  recover(): void {
    for (const run of Object.values(this.store.data.runs)) {
      if (isRunEnded(run.state)) continue;
      this.log.warn({ runId: run.id, app: run.app, state: run.state }, 're-attaching to a run interrupted by a controller restart');
      if (run.taskId) this.runOfTask.set(run.taskId, run.id);
      void this.launch(run.id);
    }
  }

  /** Runs on agents that went down fail with that reason (they are not restarted). */
  agentsLost(agentIds: string[]): void {
    const lost = new Set(agentIds);
    for (const run of Object.values(this.store.data.runs)) {
      if (isRunEnded(run.state) || !lost.has(run.agentId ?? '')) continue;
      this.end(run.id, { state: 'failed', exitCode: null, reason: `its agent ${run.agentId} went down` });
    }
  }

  /** Attaches a client to an interactive run's terminal (run-terminals.ts). */
  attach(id: string, onOutput: (data: Buffer) => void): TerminalClient {
    const run = this.get(id);
    if (!run.tty)
      throw new BerthError('FAILED_PRECONDITION', `run ${id} has no terminal (it was started without -it); berth logs ${run.app} --run ${id} shows its output`);
    if (isRunEnded(run.state)) throw new BerthError('FAILED_PRECONDITION', `run ${id} has already ended (${run.state})`);
    return this.terminals.attach(run, onOutput);
  }

  close(): void {
    this.stopped = true;
    for (const stop of this.stopListening) stop();
  }

  private async launch(id: string): Promise<void> {
    const run = this.get(id);
    const release = this.store.data.releases[releaseKey(run.app, run.release)];
    if (!release) {
      this.end(id, { state: 'failed', exitCode: null, reason: `release ${run.release} of ${run.app} is gone` });
      return;
    }
    const taskId = `run-${id}-${randomBytes(3).toString('hex')}`;
    const previousTask = run.taskId;
    this.runOfTask.set(taskId, id);
    this.patch(id, (r) => {
      r.taskId = taskId;
    });
    try {
      const waitMs = run.timeoutMs + RESULT_GRACE_MS;
      await this.dispatcher.dispatch({
        id: taskId,
        kind: 'run-oneoff',
        agentId: run.agentId as string,
        deadlineMs: Date.now() + waitMs,
        spec: {
          oneOffId: run.oneOffId,
          app: run.app,
          release: run.release,
          image: release.services[run.service]?.image ?? '',
          argv: run.command,
          tty: run.tty,
          env: runEnv(release, run.service, id),
          timeoutMs: run.timeoutMs,
        },
      });
      if (this.get(id).state === 'starting') {
        this.patch(id, (r) => {
          r.state = 'running';
          r.startedAtMs = Date.now();
        });
        this.changed(id);
      }
      const result = await this.dispatcher.waitForResult(taskId, waitMs);
      if (this.stopped || isRunEnded(this.get(id).state)) return;
      if (result.status !== 'ok') {
        this.end(id, { state: 'failed', exitCode: null, reason: `it did not run on ${run.agentId}: ${result.message}` });
        return;
      }
      // Output streamed to a controller that is gone meanwhile is lost; the agent's last lines stand in.
      if (this.get(id).output.length === 0 && result.outputTail.length)
        this.patch(id, (r) => {
          r.output = result.outputTail.map((text) => ({ stream: 'stdout' as const, text }));
        });
      this.end(id, { ...endedState(this.get(id), result.exitCode), exitCode: result.exitCode });
    } catch (err) {
      if (this.stopped || !this.store.data.runs[id] || isRunEnded(this.get(id).state)) return;
      this.end(id, { state: 'failed', exitCode: null, reason: errorMessage(err) });
    } finally {
      this.runOfTask.delete(taskId);
      if (previousTask) this.runOfTask.delete(previousTask);
    }
  }

  private acceptOutput(notice: OutputNotice): void {
    const id = this.runOfTask.get(notice.taskId);
    if (!id || !this.store.data.runs[id]) return;
    const lines: RunOutputLine[] = notice.lines.map((text, i) => ({ stream: notice.stderr[i] ? 'stderr' : 'stdout', text }));
    this.store.update((s) => {
      const r = s.runs[id];
      if (r) r.output = appendRunOutput(r.output, lines);
    });
    this.notify(id, lines);
  }

  private end(id: string, how: { state: RunRecord['state']; exitCode: number | null; reason: string | null }): void {
    this.patch(id, (r) => {
      r.state = how.state;
      r.exitCode = how.exitCode;
      r.reason = how.reason;
      r.endedAtMs = Date.now();
    });
    const run = this.get(id);
    const log = run.state === 'succeeded' ? this.log.info.bind(this.log) : this.log.warn.bind(this.log);
    log({ runId: id, app: run.app, state: run.state, exitCode: run.exitCode, reason: run.reason ?? undefined }, 'run ended');
    this.changed(id);
    this.watchers.drop(id);
    this.terminals.forget(run.oneOffId);
    const forget = runsToForget(Object.values(this.store.data.runs), run.app);
    if (forget.length)
      this.store.update((s) => {
        for (const old of forget) delete s.runs[old];
      });
  }

  private patch(id: string, change: (run: RunRecord) => void): void {
    this.store.update((s) => {
      const r = s.runs[id];
      if (r) change(r);
    });
  }

  private changed(id: string): void {
    this.notify(id, []);
    const run = this.get(id);
    for (const listener of this.changeListeners) listener(run);
  }

  private notify(id: string, lines: RunOutputLine[]): void {
    if (this.watchers.has(id)) this.watchers.emit(id, { run: this.get(id), lines });
  }
}
