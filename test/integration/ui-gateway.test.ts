/**
 * The dashboard's gateway (controller/api/ui-gateway.ts) against a real controller and NATS, over
 * HTTP as a browser sends it: sign-in with an API token for a session cookie; the admin API's own
 * handlers as JSON calls and an event stream; the permission table of the admin API applied to a
 * read-only session; a forged cross-site request and one without the session's CSRF token refused
 * with nothing changed; sign-out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `ui-${suffix}`;
let cluster: Cluster;
let base: string;
let origin: string;

beforeAll(async () => {
  cluster = await startCluster();
  base = `http://127.0.0.1:${cluster.controller.httpPort}`;
  origin = base;
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

interface Session {
  cookie: string;
  csrf: string;
  scope: string;
}

async function signIn(token: string): Promise<Session> {
  const res = await fetch(`${base}/ui/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ token }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/^berth_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  const body = (await res.json()) as { csrf: string; scope: string };
  return { cookie: setCookie.split(';')[0] as string, csrf: body.csrf, scope: body.scope };
}

function call(session: Session, method: string, request: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/ui/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, origin, 'sec-fetch-site': 'same-origin', 'x-berth-csrf': session.csrf, ...headers },
    body: JSON.stringify(request),
  });
}

describe('the dashboard gateway', { timeout: 60_000 }, () => {
  it('a wrong token signs nobody in, and a cross-site sign-in is refused', async () => {
    const wrong = await fetch(`${base}/ui/api/session`, { method: 'POST', headers: { origin }, body: JSON.stringify({ token: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const forged = await fetch(`${base}/ui/api/session`, {
      method: 'POST',
      headers: { origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ token: cluster.controller.adminToken }),
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie')).toBeNull();
  });

  it('an admin session calls the admin API: apply, list, and events as they happen', async () => {
    const admin = await signIn(cluster.controller.adminToken);
    expect(admin.scope).toBe('admin');
    expect((await (await fetch(`${base}/ui/api/session`, { headers: { cookie: admin.cookie } })).json()) as object).toMatchObject({
      signedIn: true,
      name: 'admin',
      scope: 'admin',
      role: 'leader',
    });
    expect(await (await fetch(`${base}/ui/api/session`)).json()).toEqual({ signedIn: false, role: 'leader' });

    // Events as Server-Sent Events from the same source as berth events.
    const events = await fetch(`${base}/ui/api/stream/WatchEvents?request=${encodeURIComponent('{}')}`, { headers: { cookie: admin.cookie } });
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = events.body?.getReader();

    const applied = await call(admin, 'ApplyApp', {
      specText: specText({ name: app, services: { web: { image: 'ui/none:1', port: 8080 } } }),
      source: 'ui test',
    });
    expect(applied.status, await applied.clone().text()).toBe(200);
    expect(((await applied.json()) as { app: { name: string } }).app.name).toBe(app);
    const list = (await (await call(admin, 'ListApps', {})).json()) as { apps: Array<{ name: string }> };
    expect(list.apps.map((a) => a.name)).toContain(app);

    // A deploy with no agents fails at once: its events arrive on the stream.
    const deployed = await call(admin, 'Deploy', { app });
    expect(deployed.status).toBe(200);
    let seen = '';
    const until = Date.now() + 10_000;
    while (!/"kind":"deployment"/.test(seen) && Date.now() < until) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      seen += new TextDecoder().decode(chunk.value);
    }
    expect(seen).toMatch(/^event: message$/m);
    expect(seen).toContain(`"app":"${app}"`);
    await reader?.cancel();

    // A request the method does not take, an unknown method, a body that is no JSON.
    expect((await call(admin, 'GetApp', { name: { nested: true } })).status).toBe(400);
    expect((await call(admin, 'NoSuchMethod', {})).status).toBe(404);
    expect(
      (
        await fetch(`${base}/ui/api/rpc/ListApps`, {
          method: 'POST',
          headers: { cookie: admin.cookie, origin, 'x-berth-csrf': admin.csrf },
          body: '{not json',
        })
      ).status,
    ).toBe(400);
  });

  it('a forged cross-site request, or one without the CSRF token, changes nothing', async () => {
    const admin = await signIn(cluster.controller.adminToken);
    const before = cluster.controller.store.data.apps[app]?.spec.env;
    const forged = await call(admin, 'SetEnv', { app, values: { EVIL: '1' } }, { origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toContain('cross-site');
    const noToken = await call(admin, 'SetEnv', { app, values: { EVIL: '1' } }, { 'x-berth-csrf': '' });
    expect(noToken.status).toBe(403);
    expect(cluster.controller.store.data.apps[app]?.spec.env).toEqual(before);
  });

  it('a read-only session reads, and every change is refused by the permission table', async () => {
    const admin = await signIn(cluster.controller.adminToken);
    const created = (await (await call(admin, 'CreateToken', { name: `viewer-${suffix}`, readOnly: true })).json()) as { token: string };
    const viewer = await signIn(created.token);
    expect(viewer.scope).toBe('read');
    expect((await call(viewer, 'GetApp', { name: app })).status).toBe(200);
    const change = await call(viewer, 'SetEnv', { app, values: { A: '1' } });
    expect(change.status).toBe(403);
    expect(((await change.json()) as { error: { code: string } }).error.code).toBe('PERMISSION_DENIED');
    expect((await call(viewer, 'GetApp', { name: app, reveal: true })).status).toBe(403);
  });

  it('signing out ends the session', async () => {
    const admin = await signIn(cluster.controller.adminToken);
    const out = await fetch(`${base}/ui/api/session`, { method: 'DELETE', headers: { cookie: admin.cookie, origin, 'x-berth-csrf': admin.csrf } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await call(admin, 'ListApps', {})).status).toBe(401);
  });
});
