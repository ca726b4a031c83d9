/**
 * The dashboard's one way to the controller: the gateway under /ui/api (controller/api/ui-gateway.ts).
 * Calls carry the session's CSRF token; the session itself is an HttpOnly cookie the page never sees.
 */
export interface Me {
  name: string;
  scope: 'admin' | 'read';
  csrf: string;
  /** A follower (several controllers) answers reads only; changes go to the leader's dashboard. */
  role?: 'leader' | 'follower';
  leaderUrl?: string | null;
}

/** Whether this session may act here: an admin token, on the controller that leads. */
export function mayAct(me: Me): boolean {
  return me.scope === 'admin' && me.role !== 'follower';
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Dispatched on the window when the controller no longer knows this page's session (it expired,
 * was signed out elsewhere, or the controller restarted): the page goes back to sign-in.
 */
export const SESSION_ENDED = 'berth:session-ended';

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) {
    // A wrong token at sign-in is 401 too, and is the sign-in form's to show.
    if (res.status === 401 && !new URL(res.url).pathname.endsWith('/ui/api/session')) dispatchEvent(new Event(SESSION_ENDED));
    throw new ApiError(res.status, body.error?.code ?? 'INTERNAL', body.error?.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}

/** The signed-in session; null when there is none. */
export async function currentSession(): Promise<Me | null> {
  const session = await answer<Me & { signedIn: boolean }>(await fetch('/ui/api/session', { credentials: 'same-origin' }));
  return session.signedIn ? session : null;
}

export async function signIn(token: string): Promise<Me> {
  return answer<Me>(
    await fetch('/ui/api/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    }),
  );
}

export async function signOut(me: Me): Promise<void> {
  await answer(await fetch('/ui/api/session', { method: 'DELETE', credentials: 'same-origin', headers: { 'x-berth-csrf': me.csrf } }));
}

/** One admin API call (the method's request and response as JSON, field names in camelCase). */
export async function call<T>(me: Me, method: string, request: object = {}): Promise<T> {
  return answer<T>(
    await fetch(`/ui/api/rpc/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-berth-csrf': me.csrf },
      body: JSON.stringify(request),
    }),
  );
}

/** A server stream, pushed by the controller (Server-Sent Events); returns what closes it. */
export function stream<T>(method: string, request: object, on: { message(m: T): void; end?(): void; failure?(message: string): void }): () => void {
  const source = new EventSource(`/ui/api/stream/${method}?request=${encodeURIComponent(JSON.stringify(request))}`);
  source.addEventListener('message', (e) => on.message(JSON.parse((e as MessageEvent<string>).data) as T));
  source.addEventListener('end', () => {
    source.close();
    on.end?.();
  });
  source.addEventListener('failure', (e) => {
    source.close();
    on.failure?.((JSON.parse((e as MessageEvent<string>).data) as { message: string }).message);
  });
  // Refused (not signed in any more) or gone for good; a dropped connection is retried by the
  // browser, and lands here only when the retry is refused.
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.CLOSED) return;
    on.failure?.('the controller closed this live view; reload the page');
    currentSession().then(
      (me) => me === null && dispatchEvent(new Event(SESSION_ENDED)),
      () => undefined,
    );
  });
  return () => source.close();
}
