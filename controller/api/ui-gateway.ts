/**
 * The dashboard's gateway on the controller's HTTP address, under /ui/api: sign-in with an API
 * token (exchanged for a session cookie: pipeline/ui-sessions.ts), then the admin API itself as
 * JSON: `POST /ui/api/rpc/METHOD` for a call, `GET /ui/api/stream/METHOD?request=JSON` for a server
 * stream as Server-Sent Events. Both run the admin API's own handlers in-process
 * (in-process-rpc.ts) with the session's token: the same code and the same permission table as
 * gRPC. Every request that acts must pass the cross-site guard (core/ui-session.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as grpc from '@grpc/grpc-js';
import type { AdminServiceHandlers } from '../../proto/gen/berth/v1/AdminService.js';
import { BerthError, toBerthError } from '../../shared/errors.js';
import { leaderDashboardUrl, type LeaseRecord } from '../core/lease.js';
import { clearedSessionCookie, crossSiteVerdict, readCookie, SESSION_COOKIE, sessionCookie, CSRF_HEADER } from '../core/ui-session.js';
import type { OpenSession, UiSessions } from '../pipeline/ui-sessions.js';
import { adminMethod, callUnary, openStream, type CallFailure } from './in-process-rpc.js';
import { grpcStatusOf } from './grpc-status.js';
import type { UiAssets } from './ui-assets.js';

export interface UiGateway {
  sessions: UiSessions;
  /** The admin API's handlers of the moment (a follower's answer reads, the leader's everything). */
  admin: () => AdminServiceHandlers;
  /** The controller's HTTP port has TLS: the cookie is Secure. */
  secure: boolean;
  /** The page and its assets (ui-assets.ts). */
  assets: UiAssets;
  /** On a follower only: who leads (null: nobody right now), for the page to link to. */
  leader?: () => LeaseRecord | null;
}

/** The largest JSON body a call takes (app specs are the largest requests). */
const BODY_LIMIT_BYTES = 1024 * 1024;

const HTTP_STATUS: Partial<Record<grpc.status, number>> = {
  [grpc.status.INVALID_ARGUMENT]: 400,
  [grpc.status.UNAUTHENTICATED]: 401,
  [grpc.status.PERMISSION_DENIED]: 403,
  [grpc.status.NOT_FOUND]: 404,
  [grpc.status.ALREADY_EXISTS]: 409,
  [grpc.status.FAILED_PRECONDITION]: 409,
  [grpc.status.UNAVAILABLE]: 503,
  [grpc.status.DEADLINE_EXCEEDED]: 504,
  [grpc.status.CANCELLED]: 499,
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function sendFailure(res: ServerResponse, failure: CallFailure): void {
  send(res, HTTP_STATUS[failure.status] ?? 500, { error: { code: failure.code, message: failure.message } });
}

function sendError(res: ServerResponse, err: unknown): void {
  const e = toBerthError(err);
  sendFailure(res, { status: grpcStatusOf(e.code), code: e.code, message: e.message });
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        reject(new BerthError('INVALID_ARGUMENT', `the body is over ${BODY_LIMIT_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        reject(new BerthError('INVALID_ARGUMENT', 'the body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Refuses (403) a request that may not act with `csrf` (null: before sign-in); true when it may. */
function guard(req: IncomingMessage, res: ServerResponse, csrf: string | null): boolean {
  const verdict = crossSiteVerdict(
    {
      method: req.method ?? 'GET',
      host: header(req, 'host'),
      origin: header(req, 'origin'),
      secFetchSite: header(req, 'sec-fetch-site'),
      csrf: header(req, CSRF_HEADER),
    },
    csrf,
  );
  if (verdict.kind === 'allow') return true;
  send(res, 403, { error: { code: 'PERMISSION_DENIED', message: `refused: ${verdict.reason}` } });
  return false;
}

/** Whether this controller leads, and on a follower the leader's dashboard (null: nobody leads). */
function roleAnswer(gateway: UiGateway): { role: 'leader' | 'follower'; leaderUrl?: string | null } {
  if (!gateway.leader) return { role: 'leader' };
  const leader = gateway.leader();
  return { role: 'follower', leaderUrl: leader ? leaderDashboardUrl(leader) : null };
}

function sessionAnswer(gateway: UiGateway, session: OpenSession): unknown {
  return { signedIn: true, name: session.caller.name, scope: session.caller.scope, csrf: session.csrf, ...roleAnswer(gateway) };
}

/** Answers a request under /ui/api; `path` is the part after /ui/api. */
export function serveUiApi(gateway: UiGateway, req: IncomingMessage, res: ServerResponse, path: string, search: URLSearchParams): void {
  const cookieId = readCookie(header(req, 'cookie'), SESSION_COOKIE);
  if (path === '/session') {
    if (req.method === 'POST') return void signIn(gateway, req, res);
    const session = gateway.sessions.find(cookieId);
    if (req.method === 'GET') {
      // Asked by every page load: not being signed in is an answer, not an error.
      send(res, 200, session ? sessionAnswer(gateway, session) : { signedIn: false, ...roleAnswer(gateway) });
      return;
    }
    if (req.method === 'DELETE') {
      if (session && !guard(req, res, session.csrf)) return;
      gateway.sessions.signOut(cookieId);
      send(res, 200, {}, { 'set-cookie': clearedSessionCookie(gateway.secure) });
      return;
    }
    res.setHeader('allow', 'GET, POST, DELETE');
    send(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed on /ui/api/session` } });
    return;
  }
  const call = /^\/(rpc|stream)\/([A-Za-z]+)$/.exec(path);
  const method = call ? adminMethod(call[2] as string) : null;
  if (!call || !method) {
    send(res, 404, { error: { code: 'NOT_FOUND', message: `no such dashboard API: ${path}` } });
    return;
  }
  const session = gateway.sessions.find(cookieId);
  if (!session) {
    send(
      res,
      401,
      { error: { code: 'UNAUTHENTICATED', message: 'not signed in, or the session expired: sign in again' } },
      { 'set-cookie': clearedSessionCookie(gateway.secure) },
    );
    return;
  }
  if (call[1] === 'rpc') {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      send(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'calls are POSTed' } });
      return;
    }
    if (!guard(req, res, session.csrf)) return;
    readJson(req)
      .then((json) => callUnary(gateway.admin(), method, session.token, json))
      .then((answer) => (answer.ok ? send(res, 200, answer.body) : sendFailure(res, answer.failure)))
      .catch((err: unknown) => sendError(res, err));
    return;
  }
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    send(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'streams are read with GET (EventSource)' } });
    return;
  }
  stream(gateway, method, session, search, req, res);
}

function signIn(gateway: UiGateway, req: IncomingMessage, res: ServerResponse): void {
  if (!guard(req, res, null)) return;
  readJson(req)
    .then((json) => {
      const token = typeof (json as { token?: unknown }).token === 'string' ? (json as { token: string }).token.trim() : '';
      const { id, session } = gateway.sessions.signIn(token);
      send(res, 200, sessionAnswer(gateway, session), { 'set-cookie': sessionCookie(id, gateway.secure) });
    })
    .catch((err: unknown) => sendError(res, err));
}

/** A server stream as Server-Sent Events: `message` events with each message, then `end` or `failure`. */
function stream(
  gateway: UiGateway,
  method: NonNullable<ReturnType<typeof adminMethod>>,
  session: OpenSession,
  search: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  let request: unknown;
  try {
    request = JSON.parse(search.get('request') ?? '{}');
  } catch {
    send(res, 400, { error: { code: 'INVALID_ARGUMENT', message: 'request= is not JSON' } });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  const event = (name: string, data: unknown) => res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  // A comment now and then keeps proxies from closing a quiet stream.
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  const close = () => {
    clearInterval(keepAlive);
    res.end();
  };
  try {
    const cancel = openStream(gateway.admin(), method, session.token, request, {
      message: (json) => event('message', json),
      end: () => {
        event('end', {});
        close();
      },
      fail: (failure) => {
        event('failure', { code: failure.code, message: failure.message });
        close();
      },
    });
    req.on('close', () => {
      clearInterval(keepAlive);
      cancel();
    });
  } catch (err) {
    const e = toBerthError(err);
    event('failure', { code: e.code, message: e.message });
    close();
  }
}
