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

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new ApiError(res.status, body.error?.code ?? 'INTERNAL', body.error?.message ?? `HTTP ${res.status}`);
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
  return () => source.close();
}
