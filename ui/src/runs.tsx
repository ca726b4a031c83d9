/** One-off runs (berth run, schedules): an app's runs and schedules, and one run's output followed live. */
import { useState } from 'preact/hooks';
import { call, mayAct, type Me } from './api';
import { Dash, Failure, Table } from './table';
import { When } from './time';
import type { Run, RunOutputLine } from './types';
import type { ScheduleSpec as Schedule } from '../../shared/app-spec';
import { useCall, useStream } from './use-call';

const commandText = (command: string | string[]) => (Array.isArray(command) ? command.join(' ') : command);
const runEnded = (run: Run) => !['starting', 'running'].includes(run.state);

function runOutcome(run: Run): string {
  if (!run.hasExitCode) return run.reason;
  return `exit ${run.exitCode}${run.reason ? `: ${run.reason}` : ''}`;
}

export function AppRuns({ me, name }: { me: Me; name: string }) {
  const runs = useCall<{ runs: Run[] }>(me, 'ListRuns', { app: name }, [name]);
  const app = useCall<{ app: { specJson: string } }>(me, 'GetApp', { name }, [name]);
  const schedules = app.data ? ((JSON.parse(app.data.app.specJson) as { schedules?: Schedule[] }).schedules ?? []) : [];
  return (
    <>
      <h2>Runs</h2>
      <Failure message={runs.error} />
      {runs.data && runs.data.runs.length === 0 && <p class="muted">No runs yet: berth run {name} -- COMMAND starts one.</p>}
      {runs.data && runs.data.runs.length > 0 && (
        <Table
          label="runs"
          rows={runs.data.runs}
          rowKey={(r) => r.id}
          columns={[
            { title: 'Run', cell: (r) => <a href={`#/runs/${r.id}`}>{r.id}</a> },
            { title: 'Command', cell: (r) => <code>{r.command.join(' ')}</code> },
            { title: 'Started by', cell: (r) => r.startedBy },
            { title: 'State', cell: (r) => r.state, cellClass: (r) => (r.state === 'succeeded' ? 'ok' : runEnded(r) ? 'bad' : 'state-running') },
            { title: 'Started', cell: (r) => <When ms={r.createdAtMs} /> },
          ]}
        />
      )}
      <h2>Schedules</h2>
      <Failure message={app.error} />
      {app.data && schedules.length === 0 && <p class="muted">No schedules: the app spec's schedules list makes them.</p>}
      {schedules.length > 0 && (
        <Table
          label="schedules"
          rows={schedules}
          rowKey={(s) => s.name}
          columns={[
            { title: 'Schedule', cell: (s) => s.name },
            { title: 'When', cell: (s) => `${s.cron} (${s.timezone})` },
            { title: 'Command', cell: (s) => <code>{commandText(s.command)}</code> },
            { title: 'Service', cell: (s) => s.service ?? <Dash /> },
            { title: 'If still running', cell: (s) => s.concurrency },
          ]}
        />
      )}
    </>
  );
}

/** One run, live: its state and output pushed by the controller (WatchRun). */
export function RunPage({ me, id }: { me: Me; id: string }) {
  const [run, setRun] = useState<Run | null>(null);
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const watch = useStream<{ run: Run; lines: RunOutputLine[] }>('WatchRun', { id, fromStart: true }, [id], (m) => {
    setRun(m.run);
    setLines((before) => [...before, ...m.lines.map((l) => l.text)]);
  });
  if (!run) return watch.error ? <Failure message={watch.error} /> : <p class="loading">Loading run {id}…</p>;
  const stop = () => call(me, 'StopRun', { id }).catch((err: Error) => setError(err.message));
  return (
    <section>
      <h1>
        Run {run.id} of <a href={`#/apps/${encodeURIComponent(run.app)}`}>{run.app}</a>
      </h1>
      <p>
        <code>{run.command.join(' ')}</code> in {run.service} {run.release} on {run.agentId || 'an agent'}, started by {run.startedBy}:{' '}
        <strong data-testid="run-state">{run.state}</strong> {runEnded(run) && runOutcome(run)}
      </p>
      <Failure message={error ?? watch.error} />
      {mayAct(me) && !runEnded(run) && (
        <p>
          <button type="button" onClick={stop}>
            Stop run
          </button>
        </p>
      )}
      <h2>Output</h2>
      {lines.length === 0 ? <p class="muted">No output yet.</p> : <pre class="output">{lines.join('\n')}</pre>}
    </section>
  );
}
