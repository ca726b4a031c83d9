/**
 * The Berth dashboard: a page served by the controller (/ui) that reaches the admin API through
 * its gateway (/ui/api). Preact (a 4 KB React-compatible renderer) built by esbuild into one
 * script: no inline script or style, so the Content-Security-Policy needs no 'unsafe-inline'.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, currentSession, SESSION_ENDED, signIn, signOut, type Me } from './api';
import { AgentsPage } from './agents';
import { AppPage } from './app';
import { AppsPage } from './apps';
import { DeploymentPage } from './deployment';
import { EventsPage } from './events';
import { HookLogPage } from './hooks';
import { LogsPage } from './logs';
import { RunPage } from './runs';

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

/** The leader's dashboard as its lease names it; a leader listening on every address is reached by this page's host name. */
function reachable(url: string): string {
  const u = new URL(url);
  if (u.hostname === '0.0.0.0' || u.hostname === '[::]') u.hostname = location.hostname;
  return u.toString();
}

function SignIn({ ended, onSignedIn }: { ended: boolean; onSignedIn: (me: Me) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    signIn(token).then(onSignedIn, (err: Error) => setError(err instanceof ApiError && err.status === 401 ? 'That token is not valid here.' : err.message));
  };
  return (
    <main>
      <h1>Sign in to Berth</h1>
      {ended && (
        <p class="notice" role="status">
          Your session ended (it expired, was signed out elsewhere, or the controller restarted): sign in again.
        </p>
      )}
      <form onSubmit={submit}>
        <label for="token">API token</label>
        <input id="token" name="token" type="password" autocomplete="off" value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
        <p class="muted">An admin or read-only token: berth tokens create NAME makes one.</p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary">
          Sign in
        </button>
      </form>
    </main>
  );
}

function Page({ me, hash }: { me: Me; hash: string }) {
  const [, section, id] = /^#\/([a-z]+)\/?(.*)$/.exec(hash) ?? [];
  const name = decodeURIComponent(id ?? '');
  if (section === 'apps' && name) return <AppPage me={me} name={name} />;
  if (section === 'deployments' && name) return <DeploymentPage me={me} id={name} />;
  if (section === 'hooks' && name) return <HookLogPage me={me} app={name} />;
  if (section === 'logs' && name) return <LogsPage app={name} />;
  if (section === 'runs' && name) return <RunPage me={me} id={name} />;
  if (section === 'events') return <EventsPage app={name} />;
  if (section === 'agents') return <AgentsPage me={me} />;
  return <AppsPage me={me} />;
}

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  const hash = useHash();
  useEffect(() => {
    currentSession().then(setMe, () => setMe(null));
    const ended = () => {
      setMe(null);
      setEnded(true);
    };
    addEventListener(SESSION_ENDED, ended);
    return () => removeEventListener(SESSION_ENDED, ended);
  }, []);
  if (me === undefined) return <p class="loading">Loading Berth…</p>;
  if (me === null)
    return (
      <SignIn
        ended={ended}
        onSignedIn={(signedIn) => {
          setEnded(false);
          setMe(signedIn);
        }}
      />
    );
  return (
    <>
      <header class="top">
        <a class="brand" href="#/apps">
          Berth
        </a>
        <nav aria-label="main">
          <a href="#/apps">Apps</a>
          <a href="#/agents">Agents</a>
          <a href="#/events">Events</a>
        </nav>
        <span class="who">
          {me.name} ({me.scope === 'admin' ? 'admin' : 'read-only'}){' '}
          <button type="button" onClick={() => signOut(me).finally(() => setMe(null))}>
            Sign out
          </button>
        </span>
      </header>
      <main>
        {me.role === 'follower' && (
          <p class="notice" role="status">
            This controller follows the leader: it shows the cluster as the leader last wrote it, and takes no changes.{' '}
            {me.leaderUrl ? (
              <a href={reachable(me.leaderUrl)}>Make changes on the leader's dashboard.</a>
            ) : (
              'No controller leads right now; one takes over within a lease.'
            )}
          </p>
        )}
        <Page me={me} hash={hash} />
      </main>
    </>
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
