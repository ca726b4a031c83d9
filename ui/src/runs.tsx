/** One-off runs (berth run, schedules): an app's runs and schedules, and one run's output followed live. */
import { useState } from 'preact/hooks';
import { call, mayAct, type Me } from './api';
import { Dash, Failure, Table } from './table';
import { When } from './time';
import type { Run, RunOutputLine } from './types';
import type { AppSpec, ScheduleSpec as Schedule } from '../../shared/app-spec';
import { useCall, useStream } from './use-call';

const commandText = (command: string | string[]) => (Array.isArray(command) ? command.join(' ') : command);
const runEnded = (run: Run) => !['starting', 'running'].includes(run.state);

function runOutcome(run: Run): string {
  if (!run.hasExitCode) return run.reason;
  return `exit ${run.exitCode}${run.reason ? `: ${run.reason}` : ''}`;
}

/** `round` changes at each of the app's run events: the list is read again. */
export function AppRuns({ me, name, round }: { me: Me; name: string; round: number }) {
  const runs = useCall<{ runs: Run[] }>(me, 'ListRuns', { app: name }, [name, round]);
  const app = useCall<{ app: { specJson: string } }>(me, 'GetApp', { name }, [name]);
  const spec = app.data ? (JSON.parse(app.data.app.specJson) as Partial<Pick<AppSpec, 'services' | 'schedules'>>) : null;
  const schedules: Schedule[] = spec?.schedules ?? [];
  return (
    <>
      <h2>Runs</h2>
      {mayAct(me) && spec && <RunForm me={me} app={name} services={Object.keys(spec.services ?? {})} />}
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

/**
 * Starts a one-off run of the routed release, as `berth run APP -- /bin/sh -c COMMAND` does: the
 * text runs with /bin/sh -c, as a schedule's or a service's command given as a string does.
 */
function RunForm({ me, app, services }: { me: Me; app: string; services: string[] }) {
  const [command, setCommand] = useState('');
  const [service, setService] = useState('');
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    setStarting(true);
    setError(null);
    call<{ run: Run }>(me, 'StartRun', { app, service, command: ['/bin/sh', '-c', command], detached: true }).then(
      (res) => {
        location.hash = `#/runs/${res.run.id}`;
      },
      (err: Error) => {
        setStarting(false);
        setError(err.message);
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <label for="run-command">Run a command</label>
      <input
        id="run-command"
        name="command"
        autocomplete="off"
        spellcheck={false}
        value={command}
        onInput={(e) => setCommand((e.target as HTMLInputElement).value)}
      />
      <p class="muted">
        In a one-off container of the routed release, with the app's env; it runs with /bin/sh -c. Same as berth run {app} -- /bin/sh -c COMMAND.
      </p>
      {services.length > 1 && (
        <p>
          <label for="run-service" class="inline">
            Service
          </label>{' '}
          <select id="run-service" value={service} onChange={(e) => setService((e.target as HTMLSelectElement).value)}>
            <option value="">default</option>
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </p>
      )}
      <Failure message={error} />
      <p>
        <button type="submit" class="primary" disabled={starting || command.trim() === ''}>
          Run
        </button>
      </p>
    </form>
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
