/** An app's logs, followed live (StreamLogs with follow): the last lines of each instance, then each new one as it is written. */
import { useState } from 'preact/hooks';
import { Failure } from './table';
import type { LogLine } from './types';
import { useStream } from './use-call';

/** Lines kept on the page; older ones scroll away so a chatty app cannot fill the tab's memory. */
const KEPT_LINES = 2000;
const TAIL = 200;

export function LogsPage({ app }: { app: string }) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [service, setService] = useState('');
  const follow = useStream<{ lines: LogLine[]; warnings: string[] }>('StreamLogs', { app, service, tail: TAIL, follow: true }, [app, service], (m) => {
    if (m.lines.length > 0) setLines((before) => [...before, ...m.lines].slice(-KEPT_LINES));
    if (m.warnings.length > 0) setWarnings((before) => [...before, ...m.warnings]);
  });
  const services = [...new Set(lines.map((l) => l.service))].sort();
  const choose = (e: Event) => {
    setLines([]);
    setWarnings([]);
    setService((e.target as HTMLSelectElement).value);
  };
  return (
    <section>
      <h1>
        Logs of <a href={`#/apps/${encodeURIComponent(app)}`}>{app}</a>
      </h1>
      <p>
        <label for="service" class="inline">
          Service
        </label>{' '}
        <select id="service" value={service} onChange={choose}>
          <option value="">all</option>
          {[...new Set([...services, service].filter(Boolean))].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>{' '}
        <span class="muted" data-testid="logs-state">
          {follow.ended ? 'ended' : 'following live'}
        </span>
      </p>
      <Failure message={follow.error} />
      {warnings.map((w) => (
        <p key={w} class="muted">
          {w}
        </p>
      ))}
      {lines.length === 0 ? (
        <p class="muted">No log lines yet.</p>
      ) : (
        <div class="output logs" role="log" aria-label="log lines" aria-live="off">
          {lines.map((l, i) => (
            <div key={`${l.instanceId}-${l.atMs}-${i}`} class={l.stream === 'stderr' ? 'stderr' : ''}>
              <span class="muted">{l.container}</span> {l.text}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
