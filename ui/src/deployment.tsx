/** One deployment, live: pushed by the controller phase by phase (WatchDeployment), its output as it comes. */
import { useState } from 'preact/hooks';
import { call, mayAct, type Me } from './api';
import { Failure } from './table';
import { When } from './time';
import { PHASES, TERMINAL, type Deployment } from './types';
import { useStream } from './use-call';

export function DeploymentPage({ me, id }: { me: Me; id: string }) {
  const [deployment, setDeployment] = useState<Deployment | null>(null);
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const watch = useStream<{ deployment: Deployment; lines: string[] }>('WatchDeployment', { id }, [id], (m) => {
    setDeployment(m.deployment);
    setLines((before) => [...before, ...(before.length === 0 ? m.deployment.output : m.lines)]);
  });
  if (!deployment) return watch.error ? <Failure message={watch.error} /> : <p class="loading">Loading deployment {id}…</p>;
  const reached = new Set(deployment.history.map((h) => h.state));
  const at = (state: string) => deployment.history.find((h) => h.state === state)?.atMs;
  const done = TERMINAL.has(deployment.state);
  const cancel = () => call(me, 'CancelDeployment', { id }).catch((err: Error) => setError(err.message));
  return (
    <section>
      <h1>
        Deployment {deployment.id} of <a href={`#/apps/${encodeURIComponent(deployment.app)}`}>{deployment.app}</a>
      </h1>
      <p>
        {deployment.kind} {deployment.release && `to ${deployment.release}`}:{' '}
        <strong class={`state-${deployment.state}`} data-testid="deployment-state">
          {deployment.state}
        </strong>
      </p>
      <ol class="phases" aria-label="phases">
        {PHASES.map((p) => (
          <li key={p} class={deployment.state === p ? 'current' : reached.has(p) ? 'done' : ''}>
            {p} {at(p) && <When ms={at(p) as string} />}
          </li>
        ))}
      </ol>
      <p>
        Healthy {deployment.healthy}/{deployment.wanted}
      </p>
      <div class="bar" role="progressbar" aria-valuemin={0} aria-valuemax={deployment.wanted} aria-valuenow={deployment.healthy}>
        <span style={{ width: `${deployment.wanted ? (100 * deployment.healthy) / deployment.wanted : 0}%` }} />
      </div>
      {deployment.failure && (
        <p class="error" role="alert">
          Failed in {deployment.failure.phase}: {deployment.failure.reason}
        </p>
      )}
      <Failure message={error ?? watch.error} />
      {mayAct(me) && !done && (
        <p>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </p>
      )}
      {lines.length > 0 && (
        <>
          <h2>Output</h2>
          <pre class="output">{lines.join('\n')}</pre>
        </>
      )}
    </section>
  );
}
