/** The dashboard's pages: apps, one app (releases with rollback, deployments), one deployment live; the hook calls they share. */
import { useEffect, useState } from 'preact/hooks';
import { call, stream, type Me } from './api';
import { When } from './time';
import { PHASES, TERMINAL, type AppSummary, type Deployment, type Release } from './types';

export function useCall<T>(me: Me, method: string, request: object, deps: unknown[]): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    call<T>(me, method, request).then(
      (data) => live && setState({ data, error: null }),
      (err: Error) => live && setState({ data: null, error: err.message }),
    );
    return () => {
      live = false;
    };
  }, deps);
  return state;
}

export function AppsPage({ me }: { me: Me }) {
  const { data, error } = useCall<{ apps: AppSummary[] }>(me, 'ListApps', {}, []);
  return (
    <section>
      <h1>Apps</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data && data.apps.length === 0 && <p class="muted">No apps yet: berth apps apply -f FILE creates one.</p>}
      {data && data.apps.length > 0 && (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">App</th>
                <th scope="col">Services</th>
                <th scope="col">Domains</th>
                <th scope="col">Routed release</th>
              </tr>
            </thead>
            <tbody>
              {data.apps.map((a) => (
                <tr key={a.name}>
                  <td>
                    <a href={`#/apps/${encodeURIComponent(a.name)}`}>{a.name}</a>
                  </td>
                  <td>{a.services.join(', ')}</td>
                  <td>{a.domains.join(', ') || <span class="muted">—</span>}</td>
                  <td>{a.release || <span class="muted">not deployed</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function AppPage({ me, name }: { me: Me; name: string }) {
  const releases = useCall<{ releases: Release[] }>(me, 'ListReleases', { app: name }, [name]);
  const deployments = useCall<{ deployments: Deployment[] }>(me, 'ListDeployments', { app: name }, [name]);
  const [acting, setActing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = (label: string, method: string, request: object) => {
    setActing(label);
    setError(null);
    call<{ deployment: Deployment }>(me, method, request).then(
      (res) => {
        location.hash = `#/deployments/${res.deployment.id}`;
      },
      (err: Error) => {
        setActing(null);
        setError(err.message);
      },
    );
  };
  const admin = me.scope === 'admin';
  return (
    <section>
      <h1>{name}</h1>
      <p>
        <a href={`#/hooks/${encodeURIComponent(name)}`}>Hook log</a>: every push and why it did or did not deploy
      </p>
      {admin && (
        <p>
          <button type="button" class="primary" disabled={acting !== null} onClick={() => act('deploy', 'Deploy', { app: name })}>
            Deploy now
          </button>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <h2>Releases</h2>
      {releases.error && <p class="error">{releases.error}</p>}
      {releases.data && (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Release</th>
                <th scope="col">Made</th>
                <th scope="col">Routed</th>
                {admin && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {releases.data.releases.map((r) => (
                <tr key={r.name}>
                  <td>{r.name}</td>
                  <td>
                    <When ms={r.createdAtMs} />
                  </td>
                  <td>{r.routed ? <strong class="ok">routed</strong> : ''}</td>
                  {admin && (
                    <td>
                      {!r.routed && (
                        <button type="button" disabled={acting !== null} onClick={() => act(`rollback ${r.name}`, 'Rollback', { app: name, to: r.name })}>
                          Roll back to {r.name}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Deployments</h2>
      {deployments.data && (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Deployment</th>
                <th scope="col">Kind</th>
                <th scope="col">Release</th>
                <th scope="col">State</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {deployments.data.deployments.map((d) => (
                <tr key={d.id}>
                  <td>
                    <a href={`#/deployments/${d.id}`}>{d.id}</a>
                  </td>
                  <td>{d.kind}</td>
                  <td>{d.release || <span class="muted">—</span>}</td>
                  <td class={`state-${d.state}`}>{d.state}</td>
                  <td>
                    <When ms={d.createdAtMs} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One deployment, live: pushed by the controller phase by phase (WatchDeployment). */
export function DeploymentPage({ me, id }: { me: Me; id: string }) {
  const [deployment, setDeployment] = useState<Deployment | null>(null);
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setLines([]);
    return stream<{ deployment: Deployment; lines: string[] }>(
      'WatchDeployment',
      { id },
      {
        message: (m) => {
          setDeployment(m.deployment);
          setLines((before) => [...before, ...(before.length === 0 ? m.deployment.output : m.lines)]);
        },
        failure: setError,
      },
    );
  }, [id]);
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!deployment) return <p class="loading">Loading deployment {id}…</p>;
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
      {me.scope === 'admin' && !done && (
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
