/**
 * The controller's HTTP server: GET /healthz, GET /metrics (Prometheus), GET /traefik/dynamic
 * (every app's routes as JSON for Traefik's HTTP provider, behind a bearer token when one is set)
 * and POST /hooks/redeploy/APP/TOKEN.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../shared/logger.js';
import type { HookRequest } from '../core/hook-event.js';
import type { LeaseRecord } from '../core/lease.js';
import type { HookAnswer } from '../pipeline/hook-receiver.js';
import { constantTimeEqual } from '../core/hook-signature.js';
import { bearerToken } from './auth.js';
import { serveUiApi, type UiGateway } from './ui-gateway.js';
import { serveUiAsset } from './ui-assets.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  nats: 'connected' | 'disconnected';
  store: 'ok' | 'failing';
  agents: { ready: number; down: number; draining: number; total: number; connected: number };
  /** With several controllers (--state-store nats): this one's part, name and term. */
  role?: 'leader' | 'follower';
  controllerId?: string;
  term?: number;
  /** On a follower: who leads. */
  leader?: LeaseRecord | null;
}

export interface HttpHandlers {
  healthReport(): HealthReport;
  /** Every app's routes (a follower renders them from its copy of the state). */
  traefikDynamic(): unknown;
  /** Empty: /traefik/dynamic needs no token. */
  traefikToken: string;
  /** Answered once the decision (or, on a follower, the queued hook) is durable. */
  hook(app: string, token: string, query: URLSearchParams, request: HookRequest): HookAnswer | Promise<HookAnswer>;
  /** Bodies above this many bytes get 413 (default 25 MiB, GitHub's own maximum). */
  hookBodyLimit: number;
  /** Prometheus text for GET /metrics. */
  metrics(): Promise<{ contentType: string; text: string }>;
  /** The dashboard's gateway under /ui/api (ui-gateway.ts); absent: not served here. */
  ui?: UiGateway;
}

const HOOK_PATH = /^\/hooks\/redeploy\/([^/]+)\/([^/]+)\/?$/;

/**
 * `handlers`: the handlers, or a function giving the current ones (a follower's server is taken
 * over by the leader it becomes, without a moment when nothing listens).
 */
export async function startHttpServer(address: { host: string; port: number }, handlers: HttpHandlers | (() => HttpHandlers), log: Logger): Promise<Server> {
  const current = typeof handlers === 'function' ? handlers : () => handlers;
  const server = createServer((req, res) => {
    try {
      route(req, res, current());
    } catch (err) {
      // Nothing a client sends may take the controller down.
      log.error({ err, url: req.url }, 'HTTP handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  log.info({ address: server.address() }, 'HTTP server listening');
  return server;
}

function route(req: IncomingMessage, res: ServerResponse, handlers: HttpHandlers): void {
  // The path alone; `new URL` throws on request targets such as "//", so it is not used here.
  const [pathname = '/', search = ''] = (req.url ?? '/').split('?', 2);
  if (pathname.startsWith('/ui/api/') && handlers.ui) {
    serveUiApi(handlers.ui, req, res, pathname.slice('/ui/api'.length), new URLSearchParams(search));
    return;
  }
  if (handlers.ui && (req.method === 'GET' || req.method === 'HEAD') && serveUiAsset(handlers.ui.assets, pathname, res)) return;
  const hook = HOOK_PATH.exec(pathname);
  if (hook) {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed on a hook URL; send POST` } });
      return;
    }
    receiveHook(req, res, handlers, safeDecode(hook[1] as string), safeDecode(hook[2] as string), new URLSearchParams(search));
    return;
  }
  if (pathname === '/healthz' || pathname === '/traefik/dynamic' || pathname === '/metrics') {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed on ${pathname}` } });
      return;
    }
    if (pathname === '/healthz') {
      sendJson(res, 200, handlers.healthReport());
      return;
    }
    if (pathname === '/metrics') {
      handlers.metrics().then(
        ({ contentType, text }) => {
          res.writeHead(200, { 'content-type': contentType });
          res.end(text);
        },
        () => sendJson(res, 500, { error: { code: 'INTERNAL', message: 'metrics could not be collected' } }),
      );
      return;
    }
    if (handlers.traefikToken) {
      const token = bearerToken(req.headers.authorization);
      if (token === null || !constantTimeEqual(token, handlers.traefikToken)) {
        res.setHeader('www-authenticate', 'Bearer');
        sendJson(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'GET /traefik/dynamic needs the bearer token set with --traefik-token' } });
        return;
      }
    }
    sendJson(res, 200, handlers.traefikDynamic());
    return;
  }
  sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${pathname}` } });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** How long the rest of an oversized hook body is read (and dropped) before the connection is cut. */
const OVERSIZE_LINGER_MS = 2_000;

/** Reads the body up to the limit (413 past it, read no further), then lets the receiver answer. */
function receiveHook(req: IncomingMessage, res: ServerResponse, handlers: HttpHandlers, app: string, token: string, query: URLSearchParams): void {
  const tooLarge = () => {
    sendJson(res, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: `the body is over ${handlers.hookBodyLimit} bytes` } });
    // The rest of the body is read and dropped for a moment (a lingering close, as nginx does):
    // closing with unread bytes resets the connection, and the sender would never see the 413.
    const linger = setTimeout(() => req.destroy(), OVERSIZE_LINGER_MS);
    linger.unref();
    req.resume();
    req.once('close', () => clearTimeout(linger));
  };
  const headers = lowerCaseHeaders(req.rawHeaders);
  const declared = Number(headers['content-length'] ?? 0);
  if (declared > handlers.hookBodyLimit) return tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > handlers.hookBodyLimit) {
      done = true;
      tooLarge();
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => {
    done = true;
  });
  req.on('end', () => {
    if (done) return;
    done = true;
    // Nothing a sender puts in a hook may take the controller down.
    const failed = (err: unknown) => sendJson(res, 500, { error: { code: 'INTERNAL', message: err instanceof Error ? err.message : 'internal error' } });
    try {
      Promise.resolve(handlers.hook(app, token, query, { headers, contentType: headers['content-type'] ?? '', body: Buffer.concat(chunks) })).then(
        (answer) => sendJson(res, answer.status, answer.body),
        failed,
      );
    } catch (err) {
      failed(err);
    }
  });
}

/**
 * The request's headers by lower-case name, repeated ones joined with ", ". Read straight from
 * rawHeaders: one pass, where req.headers would build Node's own object first (this runs on
 * every hook request).
 */
function lowerCaseHeaders(raw: string[]): Record<string, string | undefined> {
  // No prototype: a header named "constructor" or "__proto__" is just a header.
  const headers = Object.create(null) as Record<string, string | undefined>;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    const earlier = headers[name];
    headers[name] = earlier === undefined ? value : `${earlier}, ${value}`;
  }
  return headers;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
