/**
 * The CLI's connection to the admin API. Address, token and TLS come from flags, then BERTH_ADDR /
 * BERTH_TOKEN / BERTH_CA, then the settings file (berth login), then the defaults.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { AdminClient } from '../proto/gen/berth/v1/Admin.js';
import { loadBerthProto } from '../proto/load.js';
import { BerthError, ERROR_CODES, type ErrorCode } from '../shared/errors.js';
import { readCliConfig } from './cli-config.js';

export interface ClientOptions {
  addr?: string;
  token?: string;
  /** PEM file of the CA that signed the controller's certificate (implies TLS). */
  ca?: string;
  /** TLS with the system's trusted CAs. */
  tls?: boolean;
}

export const DEFAULT_ADMIN_ADDR = '127.0.0.1:7443';
const UNARY_DEADLINE_MS = 15_000;

/** The settings a command connects with: flags and BERTH_* (commander merges those) over the file. */
export function resolveClientOptions(options: ClientOptions): Required<Pick<ClientOptions, 'addr' | 'token'>> & ClientOptions {
  const file = readCliConfig();
  return {
    addr: options.addr ?? file.addr ?? DEFAULT_ADMIN_ADDR,
    token: options.token ?? file.token ?? '',
    ca: options.ca ?? file.ca,
    tls: options.tls ?? file.tls,
  };
}

function channelCredentials(options: ClientOptions): grpc.ChannelCredentials {
  if (options.ca) {
    let pem: Buffer;
    try {
      pem = readFileSync(options.ca);
    } catch (err) {
      throw new BerthError('INVALID_ARGUMENT', `--ca ${options.ca}: ${(err as Error).message}`);
    }
    return grpc.credentials.createSsl(pem);
  }
  return options.tls ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
}

export function createAdminClient(flags: ClientOptions): AdminClient {
  const options = resolveClientOptions(flags);
  const proto = loadBerthProto();
  const client = new proto.berth.v1.Admin(options.addr, channelCredentials(options));
  const metadata = new grpc.Metadata();
  if (options.token) metadata.set('authorization', `Bearer ${options.token}`);
  // Every call carries the token; wrapping here keeps each command free of it.
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string' || !/^[A-Z]/.test(prop)) return value;
      // Unary calls get a deadline; a call without a callback is a stream and may last. Errors
      // carry the address, so the message for an unreachable controller names it.
      const named = (err: grpc.ServiceError) => Object.assign(err, { controllerAddr: options.addr });
      return (request: unknown, callback?: (err: grpc.ServiceError | null, response: unknown) => void) => {
        const call = value as (...args: unknown[]) => unknown;
        if (callback) {
          const deadline = { deadline: Date.now() + UNARY_DEADLINE_MS };
          return call.call(target, request, metadata, deadline, (err: grpc.ServiceError | null, response: unknown) =>
            callback(err ? named(err) : null, response),
          );
        }
        const stream = call.call(target, request, metadata) as grpc.ClientReadableStream<unknown>;
        stream.on('error', named);
        return stream;
      };
    },
  });
}

/** Calls a unary admin method and turns a gRPC error into a message a person can act on. */
export function callUnary<Req, Res>(
  method: (request: Req, callback: (err: grpc.ServiceError | null, response?: Res) => void) => unknown,
  request: Req,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    method(request, (err, response) => {
      if (err) reject(fromServiceError(err));
      else resolve(response as Res);
    });
  });
}

/** The unary methods of the admin API (capitalised names on the client). */
type UnaryMethod = Extract<keyof AdminClient, `${Uppercase<string>}${string}`>;

/** One call with a client opened for it and closed however it ends: what most commands do. */
export async function callAdmin<Res>(flags: ClientOptions, method: UnaryMethod, request: object): Promise<Res> {
  const client = createAdminClient(flags);
  try {
    return await callUnary<object, Res>((client[method] as (...args: unknown[]) => unknown).bind(client) as never, request);
  } finally {
    client.close();
  }
}

/** The server-streaming methods the CLI reads until they end or Ctrl-C. */
type StreamMethod = 'WatchEvents' | 'StreamLogs';

/**
 * Reads a server stream on a client opened for it: resolves when the stream ends or on Ctrl-C
 * (which cancels the call: the end of following, not an error); rejects with a person's message.
 */
export function streamAdmin<Msg>(flags: ClientOptions, method: StreamMethod, request: object, onMessage: (message: Msg) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = createAdminClient(flags);
    const call = (client[method] as unknown as (req: object) => grpc.ClientReadableStream<Msg>)(request);
    const finish = (err?: grpc.ServiceError) => {
      client.close();
      if (err && err.code !== grpc.status.CANCELLED) reject(fromServiceError(err));
      else resolve();
    };
    call.on('data', onMessage);
    call.on('error', finish);
    call.on('end', () => finish());
    process.once('SIGINT', () => call.cancel());
  });
}

/** "connect ECONNREFUSED 127.0.0.1:7443" → "connection refused", for the one-line error. */
function connectionProblem(details: string): string {
  if (/ECONNREFUSED/.test(details)) return 'connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(details)) return 'unknown host';
  if (/ETIMEDOUT|Deadline/i.test(details)) return 'no answer in time';
  if (/certificate|SSL|TLS|handshake/i.test(details)) return `TLS failed (${details}); check --ca, or --tls against a controller without TLS`;
  return details;
}

export function fromServiceError(err: grpc.ServiceError): BerthError {
  // The controller names its own error code; keep it, so scripts can tell errors apart.
  const code = err.metadata?.get('berth-error-code')[0];
  if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) return new BerthError(code as ErrorCode, err.details);
  if (err.code === grpc.status.UNAVAILABLE || (err.code === grpc.status.DEADLINE_EXCEEDED && !code)) {
    const addr = (err as grpc.ServiceError & { controllerAddr?: string }).controllerAddr ?? DEFAULT_ADMIN_ADDR;
    return new BerthError(
      'CONTROLLER_UNAVAILABLE',
      `cannot reach the controller at ${addr}: ${connectionProblem(err.details)} — is \`berth controller\` running? (set --addr, BERTH_ADDR or berth login)`,
    );
  }
  if (err.code === grpc.status.UNAUTHENTICATED) return new BerthError('UNAUTHENTICATED', err.details);
  if (err.code === grpc.status.PERMISSION_DENIED) return new BerthError('PERMISSION_DENIED', err.details);
  return new BerthError('INTERNAL', `${grpc.status[err.code] ?? err.code}: ${err.details}`);
}
