/**
 * A load generator for "zero failed requests" tests: it keeps sending requests through Traefik's
 * entry point (Host header = the app's domain) until stopped and records every one, in four
 * kinds at once:
 *   keepalive  GET / back to back over one keep-alive connection
 *   fresh      GET / on a new connection each time
 *   slow       GET /slow?ms=N started every ~500 ms, several in flight
 *   ws         one WebSocket to /ws (the echo app's), a message every 200 ms, each echo recorded
 * A failure is a connection error, a timeout or a non-2xx status; the release that answered comes
 * from the JSON body (the echo app's `{"release": ...}`). The summaries (summarizeLoad,
 * answeredBy) are pure functions of the records, apart from the I/O.
 *
 * The WebSocket client is written here by hand on node:http's 'upgrade' (Node 20 has no stable
 * global WebSocket): masked client frames, text messages, ping/pong and the close handshake.
 */
import { randomBytes, createHash } from 'node:crypto';
import { Agent, request as httpRequest, type ClientRequest } from 'node:http';
import type { Socket } from 'node:net';

export type LoadKind = 'keepalive' | 'fresh' | 'slow' | 'ws';
export const HTTP_KINDS: readonly LoadKind[] = ['keepalive', 'fresh', 'slow'];
export const LOAD_KINDS: readonly LoadKind[] = ['keepalive', 'fresh', 'slow', 'ws'];

/** One request (or, for ws, one message, one connection attempt or one close), times in epoch ms. */
export interface LoadRecord {
  kind: LoadKind;
  sentAtMs: number;
  doneAtMs: number;
  ok: boolean;
  /** HTTP status (101 for a WebSocket opened); 0 when nothing answered. */
  status: number;
  /** The release that answered ('' when none did). */
  release: string;
  /** Why it failed ('' when ok). */
  error: string;
  /** Which client connection carried it: keepalive and ws only (1, 2, ...). */
  connection?: number;
  /** ws only: a connection attempt, a message and its echo, or the connection ending (not by us). */
  event?: 'open' | 'message' | 'close';
  /** ws only: the close code the server sent (1006: the connection dropped without one). */
  closeCode?: number;
}

export interface LoadMark {
  label: string;
  atMs: number;
}

export interface LoadReport {
  startedAtMs: number;
  stoppedAtMs: number;
  records: LoadRecord[];
  marks: LoadMark[];
}

export interface LoadOptions {
  /** Traefik's entry point on 127.0.0.1. */
  port: number;
  /** The Host header: the app's domain. */
  host: string;
  /** Run the slow kind (default true). */
  slow?: boolean;
  /** Run the ws kind (default true). */
  ws?: boolean;
  /** After the server closes the WebSocket, open a new one (default true), as a browser app would. */
  wsReconnect?: boolean;
  keepAlivePauseMs?: number;
  freshEveryMs?: number;
  slowEveryMs?: number;
  slowMs?: number;
  wsEveryMs?: number;
  /** Per request (and per echo); the slow ones get slowTimeoutMs. */
  timeoutMs?: number;
  slowTimeoutMs?: number;
}

export interface Load {
  /** Stops sending, waits for what is in flight, closes the WebSocket (1000) and reports. */
  stop(): Promise<LoadReport>;
  /** The records so far (a copy). */
  records(): LoadRecord[];
  /** Notes a moment (e.g. 'switched') in the report. */
  mark(label: string): LoadMark;
}

// ---------------------------------------------------------------------------------------------
// The pure part: summaries of records.

export interface KindSummary {
  sent: number;
  ok: number;
  /** Failures not excused by the options. */
  failed: number;
  /** Failures excused (a 1001 close after allowGoingAwayAfterMs). */
  allowed: number;
}

export interface LoadFailure {
  kind: LoadKind;
  /** ms after originMs when it was sent. */
  atMs: number;
  status: number;
  error: string;
  event?: LoadRecord['event'];
}

export interface LoadSummary {
  kinds: Record<LoadKind, KindSummary>;
  /** The first `firstFailures` unexcused failures, in the order they happened. */
  failures: LoadFailure[];
  /** How many requests each release answered, per kind. */
  releases: Record<LoadKind, Record<string, number>>;
}

export interface SummaryOptions {
  /** Times in failures are relative to this (default: the earliest sentAtMs). */
  originMs?: number;
  /** WebSocket closes with 1001 (going away), and messages they cut off, from this time on are excused. */
  allowGoingAwayAfterMs?: number;
  /** How many failures to list (default 5). */
  firstFailures?: number;
}

/** Whether a failed record is excused: the server went away (1001) when the caller said it might. */
function excused(record: LoadRecord, options: SummaryOptions): boolean {
  return record.kind === 'ws' && record.closeCode === 1001 && options.allowGoingAwayAfterMs !== undefined && record.doneAtMs >= options.allowGoingAwayAfterMs;
}

/** Whether the record is something sent (a request, a ws message) rather than a ws open/close event. */
function isSent(record: LoadRecord): boolean {
  return record.kind !== 'ws' || record.event === 'message';
}

export function summarizeLoad(records: readonly LoadRecord[], options: SummaryOptions = {}): LoadSummary {
  const origin = options.originMs ?? Math.min(...records.map((r) => r.sentAtMs));
  const kinds = Object.fromEntries(LOAD_KINDS.map((k) => [k, { sent: 0, ok: 0, failed: 0, allowed: 0 }])) as Record<LoadKind, KindSummary>;
  const releases = Object.fromEntries(LOAD_KINDS.map((k) => [k, {}])) as Record<LoadKind, Record<string, number>>;
  const failed: LoadRecord[] = [];
  for (const record of records) {
    const summary = kinds[record.kind];
    if (isSent(record)) summary.sent += 1;
    if (record.ok) {
      if (isSent(record)) summary.ok += 1;
      if (record.release) releases[record.kind][record.release] = (releases[record.kind][record.release] ?? 0) + 1;
    } else if (excused(record, options)) {
      summary.allowed += 1;
    } else {
      summary.failed += 1;
      failed.push(record);
    }
  }
  const failures = failed
    .sort((a, b) => a.sentAtMs - b.sentAtMs)
    .slice(0, options.firstFailures ?? 5)
    .map((r) => ({ kind: r.kind, atMs: r.sentAtMs - origin, status: r.status, error: r.error, ...(r.event ? { event: r.event } : {}) }));
  return { kinds, failures, releases };
}

/** The releases that answered requests sent at or after `sinceMs` (by default the HTTP kinds). */
export function answeredBy(records: readonly LoadRecord[], sinceMs: number, kinds: readonly LoadKind[] = HTTP_KINDS): Set<string> {
  return new Set(records.filter((r) => r.ok && r.release && r.sentAtMs >= sinceMs && kinds.includes(r.kind) && isSent(r)).map((r) => r.release));
}

/** The release named by an echo app's JSON body, or undefined. */
export function releaseOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { release?: unknown };
    return typeof parsed.release === 'string' ? parsed.release : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The I/O.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  body: string;
  socket?: Socket;
}

/** One GET with an overall deadline; rejects on connection errors and on the deadline. */
function get(port: number, host: string, path: string, agent: Agent | false, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let socket: Socket | undefined;
    const req: ClientRequest = httpRequest({ host: '127.0.0.1', port, path, headers: { host }, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body, socket });
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    req.on('socket', (s) => (socket = s));
    const timer = setTimeout(() => req.destroy(new Error(`timeout: no full answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end();
  });
}

export function startLoad(options: LoadOptions): Load {
  const o = {
    slow: true,
    ws: true,
    wsReconnect: true,
    keepAlivePauseMs: 10,
    freshEveryMs: 25,
    slowEveryMs: 500,
    slowMs: 2000,
    wsEveryMs: 200,
    timeoutMs: 10_000,
    slowTimeoutMs: 15_000,
    ...options,
  };
  const records: LoadRecord[] = [];
  const marks: LoadMark[] = [];
  const startedAtMs = Date.now();
  let stopping = false;
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  /** Sends one GET and records it. */
  const send = async (kind: LoadKind, path: string, agent: Agent | false, timeoutMs: number, connectionOf?: (s: Socket | undefined) => number) => {
    const sentAtMs = Date.now();
    try {
      const answer = await get(o.port, o.host, path, agent, timeoutMs);
      const release = releaseOf(answer.body) ?? '';
      const ok = answer.status >= 200 && answer.status < 300 && release !== '';
      const error = ok
        ? ''
        : answer.status >= 200 && answer.status < 300
          ? `no release in the body: ${answer.body.slice(0, 200)}`
          : `status ${answer.status}: ${answer.body.slice(0, 200).trim()}`;
      records.push({
        kind,
        sentAtMs,
        doneAtMs: Date.now(),
        ok,
        status: answer.status,
        release,
        error,
        ...(connectionOf ? { connection: connectionOf(answer.socket) } : {}),
      });
    } catch (err) {
      records.push({ kind, sentAtMs, doneAtMs: Date.now(), ok: false, status: 0, release: '', error: (err as Error).message });
    }
  };

  // keepalive: one connection, reused; its number changes only when Traefik (or we) close it.
  const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const socketIds = new WeakMap<Socket, number>();
  let socketCount = 0;
  const connectionOf = (s: Socket | undefined): number => {
    if (!s) return 0;
    if (!socketIds.has(s)) socketIds.set(s, ++socketCount);
    return socketIds.get(s) as number;
  };
  const loops: Array<Promise<void>> = [];
  loops.push(
    (async () => {
      while (!stopping) {
        await track(send('keepalive', '/', keepAliveAgent, o.timeoutMs, connectionOf));
        await sleep(o.keepAlivePauseMs);
      }
    })(),
  );
  loops.push(
    (async () => {
      while (!stopping) {
        void track(send('fresh', '/', false, o.timeoutMs));
        await sleep(o.freshEveryMs);
      }
    })(),
  );
  if (o.slow) {
    loops.push(
      (async () => {
        while (!stopping) {
          void track(send('slow', `/slow?ms=${o.slowMs}`, false, o.slowTimeoutMs));
          await sleep(o.slowEveryMs);
        }
      })(),
    );
  }

  // ws: one socket at a time; reopened after the server closes it when wsReconnect.
  let currentWs: WebSocketClient | undefined;
  if (o.ws) {
    loops.push(
      (async () => {
        let connection = 0;
        while (!stopping) {
          connection += 1;
          const openedAt = Date.now();
          let ws: WebSocketClient;
          try {
            ws = await openWebSocket({ port: o.port, host: o.host, path: '/ws', timeoutMs: o.timeoutMs });
          } catch (err) {
            records.push({
              kind: 'ws',
              event: 'open',
              connection,
              sentAtMs: openedAt,
              doneAtMs: Date.now(),
              ok: false,
              status: (err as WebSocketOpenError).status ?? 0,
              release: '',
              error: (err as Error).message,
            });
            if (!o.wsReconnect) return;
            await sleep(100);
            continue;
          }
          currentWs = ws;
          records.push({ kind: 'ws', event: 'open', connection, sentAtMs: openedAt, doneAtMs: Date.now(), ok: true, status: 101, release: '', error: '' });
          await runWebSocket(ws, connection);
          currentWs = undefined;
          if (!o.wsReconnect) return;
          if (!stopping) await sleep(50);
        }
      })(),
    );
  }

  /** Sends a message every wsEveryMs and records each echo, until the socket ends. */
  async function runWebSocket(ws: WebSocketClient, connection: number): Promise<void> {
    const pending = new Map<string, { sentAtMs: number; timer: NodeJS.Timeout }>();
    let n = 0;
    ws.onMessage((text) => {
      const colon = text.lastIndexOf(':'); // RELEASE:ID, and ids have no colon
      const [release, id] = colon < 0 ? ['', text] : [text.slice(0, colon), text.slice(colon + 1)];
      const entry = pending.get(id);
      if (!entry) return;
      clearTimeout(entry.timer);
      pending.delete(id);
      records.push({
        kind: 'ws',
        event: 'message',
        connection,
        sentAtMs: entry.sentAtMs,
        doneAtMs: Date.now(),
        ok: release !== '',
        status: 101,
        release,
        error: release ? '' : `an echo without a release: ${text.slice(0, 200)}`,
      });
    });
    const closed = ws.closed.then((info) => {
      const at = Date.now();
      // Messages the close cut off fail with it (and are excused with it).
      for (const [, entry] of pending) {
        clearTimeout(entry.timer);
        records.push({
          kind: 'ws',
          event: 'message',
          connection,
          sentAtMs: entry.sentAtMs,
          doneAtMs: at,
          ok: false,
          status: 101,
          release: '',
          error: `no echo: the socket closed (${info.code}${info.reason ? ` ${info.reason}` : ''})`,
          closeCode: info.code,
        });
      }
      pending.clear();
      if (!info.byUs) {
        records.push({
          kind: 'ws',
          event: 'close',
          connection,
          sentAtMs: at,
          doneAtMs: at,
          ok: false,
          status: 101,
          release: '',
          error: `closed by the server side: ${info.code}${info.reason ? ` (${info.reason})` : ''}${info.error ? `: ${info.error}` : ''}`,
          closeCode: info.code,
        });
      }
    });
    let open = true;
    void ws.closed.then(() => (open = false));
    while (open && !stopping) {
      const id = `${connection}.${++n}`;
      const sentAtMs = Date.now();
      const timer = setTimeout(() => {
        if (!pending.delete(id)) return;
        records.push({
          kind: 'ws',
          event: 'message',
          connection,
          sentAtMs,
          doneAtMs: Date.now(),
          ok: false,
          status: 101,
          release: '',
          error: `timeout: no echo within ${o.timeoutMs} ms`,
        });
      }, o.timeoutMs);
      pending.set(id, { sentAtMs, timer });
      ws.send(id);
      await Promise.race([sleep(o.wsEveryMs), ws.closed]);
    }
    if (open) {
      // Stopping: let the last echo come back, then close (1000) ourselves.
      await Promise.race([sleep(Math.min(1000, o.timeoutMs)), waitUntil(() => pending.size === 0)]);
      await ws.close(1000);
    }
    await closed;
  }

  return {
    records: () => records.slice(),
    mark(label) {
      const mark = { label, atMs: Date.now() };
      marks.push(mark);
      return mark;
    },
    async stop() {
      stopping = true;
      await Promise.all(loops);
      await Promise.all([...inFlight]);
      if (currentWs) await currentWs.close(1000);
      keepAliveAgent.destroy();
      return { startedAtMs, stoppedAtMs: Date.now(), records: records.slice(), marks: marks.slice() };
    },
  };
}

async function waitUntil(check: () => boolean): Promise<void> {
  while (!check()) await sleep(10);
}

// ---------------------------------------------------------------------------------------------
// A minimal WebSocket client (RFC 6455) on node:http: enough for the echo app.

export interface WebSocketClose {
  code: number;
  reason: string;
  /** We sent the close frame first (close()); otherwise the server did or the connection dropped. */
  byUs: boolean;
  atMs: number;
  /** A socket error, when the connection dropped with one. */
  error?: string;
}

export interface WebSocketClient {
  send(text: string): void;
  onMessage(handler: (text: string) => void): void;
  /** Sends a close frame and waits (up to 2 s) for the server's, then hangs up. */
  close(code?: number): Promise<WebSocketClose>;
  /** Settles once when the connection has ended, whoever ended it. */
  closed: Promise<WebSocketClose>;
}

export interface WebSocketOpenError extends Error {
  status?: number;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** A masked client frame (FIN set). */
function clientFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, 0x80 | n]) : n <= 0xffff ? Buffer.alloc(4) : Buffer.alloc(10);
  if (n >= 126 && n <= 0xffff) {
    head[0] = 0x80 | opcode;
    head[1] = 0x80 | 126;
    head.writeUInt16BE(n, 2);
  } else if (n > 0xffff) {
    head[0] = 0x80 | opcode;
    head[1] = 0x80 | 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  const masked = Buffer.alloc(n);
  for (let i = 0; i < n; i++) masked[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([head, mask, masked]);
}

export function openWebSocket(options: { port: number; host: string; path: string; timeoutMs?: number }): Promise<WebSocketClient> {
  const key = randomBytes(16).toString('base64');
  const expected = createHash('sha1')
    .update(key + WS_GUID)
    .digest('base64');
  return new Promise((resolve, reject) => {
    const fail = (message: string, status?: number) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(message), { status }) as WebSocketOpenError);
    };
    const req = httpRequest({
      host: '127.0.0.1',
      port: options.port,
      path: options.path,
      agent: false,
      headers: { host: options.host, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-key': key, 'sec-websocket-version': '13' },
    });
    const timer = setTimeout(() => req.destroy(new Error(`timeout: no upgrade within ${options.timeoutMs ?? 10_000} ms`)), options.timeoutMs ?? 10_000);
    req.on('error', (err) => fail(err.message));
    req.on('response', (res) => {
      res.resume();
      fail(`no upgrade: status ${res.statusCode}`, res.statusCode);
    });
    req.on('upgrade', (res, socket, head) => {
      clearTimeout(timer);
      if (res.headers['sec-websocket-accept'] !== expected) {
        socket.destroy();
        fail(`bad Sec-WebSocket-Accept: ${res.headers['sec-websocket-accept']}`, res.statusCode);
        return;
      }
      resolve(wrapSocket(socket, head));
    });
    req.end();
  });
}

function wrapSocket(socket: Socket, head: Buffer): WebSocketClient {
  let buffer = head;
  let fragments: Buffer[] = [];
  let closeSent = false;
  let byUs = false;
  let closeCode = 1006;
  let closeReason = '';
  let socketError: string | undefined;
  const handlers: Array<(text: string) => void> = [];
  let settle!: (c: WebSocketClose) => void;
  const closed = new Promise<WebSocketClose>((r) => (settle = r));
  socket.setNoDelay(true);

  const write = (opcode: number, payload: Buffer) => {
    if (closeSent || socket.destroyed) return;
    if (opcode === 0x8) closeSent = true;
    socket.write(clientFrame(opcode, payload));
  };
  const closePayload = (code: number) => {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(code);
    return b;
  };

  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (buffer.length < 2) return;
      const b0 = buffer[0] as number;
      const b1 = buffer[1] as number;
      let n = b1 & 0x7f;
      let offset = 2;
      if (n === 126) {
        if (buffer.length < 4) return;
        n = buffer.readUInt16BE(2);
        offset = 4;
      } else if (n === 127) {
        if (buffer.length < 10) return;
        n = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (b1 & 0x80) offset += 4; // servers must not mask; tolerate it by skipping
      if (buffer.length < offset + n) return;
      let payload = buffer.subarray(offset, offset + n);
      if (b1 & 0x80) {
        const mask = buffer.subarray(offset - 4, offset);
        payload = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
      }
      buffer = buffer.subarray(offset + n);
      const fin = (b0 & 0x80) !== 0;
      const opcode = b0 & 0x0f;
      if (opcode === 0x1 || opcode === 0x2 || opcode === 0x0) {
        fragments.push(payload);
        if (fin) {
          const text = Buffer.concat(fragments).toString('utf8');
          fragments = [];
          for (const h of handlers) h(text);
        }
      } else if (opcode === 0x9) {
        write(0xa, payload);
      } else if (opcode === 0x8) {
        closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        closeReason = payload.subarray(2).toString('utf8');
        // Answer the server's close with the same code (or it answered ours): then hang up.
        write(0x8, closePayload(closeCode === 1005 ? 1000 : closeCode));
        socket.end();
      }
    }
  });
  socket.on('error', (err) => (socketError = err.message));
  socket.on('close', () => settle({ code: closeCode, reason: closeReason, byUs, atMs: Date.now(), ...(socketError ? { error: socketError } : {}) }));

  return {
    send: (text) => write(0x1, Buffer.from(text, 'utf8')),
    onMessage: (handler) => handlers.push(handler),
    closed,
    async close(code = 1000) {
      if (!closeSent && !socket.destroyed) {
        byUs = true;
        write(0x8, closePayload(code));
      }
      const timer = setTimeout(() => socket.destroy(), 2000);
      const info = await closed;
      clearTimeout(timer);
      return info;
    },
  };
}
