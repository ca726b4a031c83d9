/**
 * One app: releases with one-click rollback, deployments, env names (values masked until an admin
 * reveals them), the hook URL (hidden until an admin reveals it), one-off runs and schedules.
 */
import { useState } from 'preact/hooks';
import { call, mayAct, type Me } from './api';
import { AppEnv } from './env';
import { AppRuns } from './runs';
import { Dash, Failure, Table } from './table';
import { When } from './time';
import type { ClusterEvent, Deployment, Hook, Release } from './types';
import { useCall, useStream } from './use-call';

export function AppPage({ me, name }: { me: Me; name: string }) {
  // Read again at each of the app's deployment and run events: one a hook or another person
  // started shows up while the page is open.
  const [round, setRound] = useState(0);
  const events = useStream<{ event: ClusterEvent }>(
    'WatchEvents',
    { app: name },
    [name],
    ({ event }) => (event.kind === 'deployment' || event.kind === 'run') && setRound((r) => r + 1),
    me.role !== 'follower',
  );
  const releases = useCall<{ releases: Release[] }>(me, 'ListReleases', { app: name }, [name, round]);
  const deployments = useCall<{ deployments: Deployment[] }>(me, 'ListDeployments', { app: name }, [name, round]);
  const [acting, setActing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = (method: string, request: object) => {
    setActing(true);
    setError(null);
    call<{ deployment: Deployment }>(me, method, request).then(
      (res) => {
        location.hash = `#/deployments/${res.deployment.id}`;
      },
      (err: Error) => {
        setActing(false);
        setError(err.message);
      },
    );
  };
  const admin = mayAct(me);
  const app = encodeURIComponent(name);
  return (
    <section>
      <h1>{name}</h1>
      <p>
        <a href={`#/logs/${app}`}>Logs</a>, followed live · <a href={`#/hooks/${app}`}>Hook log</a>: every push and why it did or did not deploy ·{' '}
        <a href={`#/events/${app}`}>Events</a>
      </p>
      {admin && (
        <p>
          <button type="button" class="primary" disabled={acting} onClick={() => act('Deploy', { app: name })}>
            Deploy now
          </button>
        </p>
      )}
      <Failure message={error ?? events.error} />
      <h2>Releases</h2>
      <Failure message={releases.error} />
      {releases.data && (
        <Table
          label="releases"
          rows={releases.data.releases}
          rowKey={(r) => r.name}
          columns={[
            { title: 'Release', cell: (r) => r.name },
            { title: 'Made', cell: (r) => <When ms={r.createdAtMs} /> },
            { title: 'Routed', cell: (r) => (r.routed ? <strong class="ok">routed</strong> : '') },
            admin && {
              title: 'Action',
              cell: (r) =>
                !r.routed && (
                  <button type="button" disabled={acting} onClick={() => act('Rollback', { app: name, to: r.name })}>
                    Roll back to {r.name}
                  </button>
                ),
            },
          ]}
        />
      )}
      <h2>Deployments</h2>
      <Failure message={deployments.error} />
      {deployments.data && (
        <Table
          label="deployments"
          rows={deployments.data.deployments}
          rowKey={(d) => d.id}
          columns={[
            { title: 'Deployment', cell: (d) => <a href={`#/deployments/${d.id}`}>{d.id}</a> },
            { title: 'Kind', cell: (d) => d.kind },
            { title: 'Release', cell: (d) => d.release || <Dash /> },
            { title: 'State', cell: (d) => d.state, cellClass: (d) => `state-${d.state}` },
            { title: 'Started', cell: (d) => <When ms={d.createdAtMs} /> },
          ]}
        />
      )}
      <AppEnv me={me} name={name} />
      <AppHook me={me} name={name} />
      <AppRuns me={me} name={name} round={round} />
    </section>
  );
}

/**
 * The push-to-deploy URL holds the hook's token: shown only when an admin asks for it. A URL that
 * leaked is replaced with "New hook URL" (RotateHook): the old one is refused from then on.
 */
function AppHook({ me, name }: { me: Me; name: string }) {
  const [hook, setHook] = useState<Hook | null>(null);
  const [rotated, setRotated] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const show = (method: 'GetHook' | 'RotateHook') =>
    call<{ hook: Hook }>(me, method, { app: name }).then(
      (res) => {
        setError(null);
        setHook(res.hook);
        setRotated(method === 'RotateHook');
      },
      (err: Error) => setError(err.message),
    );
  const rotate = () => {
    if (confirm(`Give ${name} a new hook URL? The current one stops deploying: every git host that uses it needs the new one.`)) void show('RotateHook');
  };
  return (
    <>
      <h2>Push-to-deploy hook</h2>
      <Failure message={error} />
      {rotated && (
        <p class="notice" role="status">
          A new hook URL: the old one is refused from now on. Set this one at the git host.
        </p>
      )}
      {hook ? (
        <p>
          <code class="secret" data-testid="hook-url">
            {hook.url}
          </code>{' '}
          {hook.hasSecret ? <span class="muted">(signed with a secret)</span> : <span class="muted">(no secret set)</span>}{' '}
          <button type="button" onClick={() => setHook(null)}>
            Hide hook URL
          </button>
        </p>
      ) : mayAct(me) ? (
        <p>
          <span class="muted">The URL is hidden: it holds the hook's token.</span>{' '}
          <button type="button" onClick={() => void show('GetHook')}>
            Reveal hook URL
          </button>
        </p>
      ) : (
        <p class="muted">The URL is hidden: it holds the hook's token, and only an admin can reveal it.</p>
      )}
      {mayAct(me) && (
        <p>
          <button type="button" onClick={rotate}>
            New hook URL
          </button>
        </p>
      )}
    </>
  );
}
