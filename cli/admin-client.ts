/**
 * The CLI's connection to the admin API. Address, token and TLS come from flags, then BERTH_ADDR /
 * BERTH_TOKEN / BERTH_CA, then the settings file (berth login), then the defaults.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { AdminServiceClient } from '../proto/gen/berth/v1/AdminService.js';
import { loadBerthProto } from '../proto/load.js';
import { BerthError, ERROR_CODES, errorMessage, isBerthError, type ErrorCode } from '../shared/errors.js';
import { LEADER_KEY } from '../controller/api/grpc-status.js';
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
      throw new BerthError('INVALID_ARGUMENT', `--ca ${options.ca}: ${errorMessage(err)}`);
    }
    return grpc.credentials.createSsl(pem);
  }
  return options.tls ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
}

/**
 * Metadata the client adds to the status of a failed call: the address it called, so the message
 * for an unreachable controller names it. Never sent; the controller's own codes are berth-error-code.
 */
const ADDR_KEY = 'berth-client-addr';

/**
 * What every call of the CLI's client carries, as a grpc-js interceptor: the token; a deadline for
 * unary calls (a stream may last: follow, watch); and, on a failure, the address called.
 */
function adminInterceptor(addr: string, token: string): grpc.Interceptor {
  return (options, nextCall) => {
    const unary = !options.method_definition.responseStream;
    const call = nextCall(unary && options.deadline === undefined ? { ...options, deadline: Date.now() + UNARY_DEADLINE_MS } : options);
    return new grpc.InterceptingCall(call, {
      start(metadata, _listener, next) {
        if (token) metadata.set('authorization', `Bearer ${token}`);
        next(metadata, {
          onReceiveStatus(status, nextStatus) {
            if (status.code === grpc.status.OK) return nextStatus(status);
            const withAddr = status.metadata.clone();
            withAddr.set(ADDR_KEY, addr);
            nextStatus({ ...status, metadata: withAddr });
          },
        });
      },
    });
  };
}

/**
 * The typed admin API client (berth.v1.AdminService, generated in proto/gen): every call carries
 * the token, unary calls a deadline. Call it with callUnary, or open one per command with
 * callAdmin and streamAdmin.
 */
export function createAdminClient(flags: ClientOptions): AdminServiceClient {
  const options = resolveClientOptions(flags);
  const proto = loadBerthProto();
  return new proto.berth.v1.AdminService(options.addr, channelCredentials(options), { interceptors: [adminInterceptor(options.addr, options.token)] });
}

/**
 * A unary method of the client, bound to it (client.Deploy.bind(client)): its request and response
 * types are the generated ones, so callers need no casts.
 */
export type UnaryMethod<Req, Res> = (request: Req, callback: grpc.requestCallback<Res>) => unknown;

/** Calls a unary admin method and turns a gRPC error into a message a person can act on. */
export function callUnary<Req, Res>(method: UnaryMethod<Req, Res>, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    method(request, (err, response) => {
      if (err) reject(fromServiceError(err));
      else if (response === undefined) reject(new BerthError('INTERNAL', 'the controller answered without a message'));
      else resolve(response);
    });
  });
}

/**
 * Runs a command's calls against the controller the flags name, and once more against the leader
 * when that controller follows another and names it (several controllers sharing a state): a
 * follower answers reads itself, and refuses what changes state before doing anything.
 */
export async function followLeader<T>(flags: ClientOptions, action: (flags: ClientOptions) => Promise<T>): Promise<T> {
  try {
    return await action(flags);
  } catch (err) {
    const leader = isBerthError(err, 'NOT_LEADER') ? err.details.leader : undefined;
    if (typeof leader !== 'string') throw err;
    return action({ ...flags, addr: leader });
  }
}

/**
 * One call with a client opened for it and closed however it ends: what most commands do.
 * `method` picks the method off the client: callAdmin(flags, (c) => c.ListApps, {}).
 */
export function callAdmin<Req, Res>(flags: ClientOptions, method: (client: AdminServiceClient) => UnaryMethod<Req, Res>, request: Req): Promise<Res> {
  return followLeader(flags, async (to) => {
    const client = createAdminClient(to);
    try {
      return await callUnary(method(client).bind(client), request);
    } finally {
      client.close();
    }
  });
}

/**
 * Reads a server stream on a client opened for it (`open` starts the call: (c) => c.WatchEvents({})):
 * resolves when the stream ends or on Ctrl-C (which cancels the call: the end of following, not an
 * error); rejects with a person's message.
 */
export function streamAdmin<Msg>(
  flags: ClientOptions,
  open: (client: AdminServiceClient) => grpc.ClientReadableStream<Msg>,
  onMessage: (message: Msg) => void,
): Promise<void> {
  return followLeader(flags, (to) => streamFrom(to, open, onMessage));
}

function streamFrom<Msg>(
  flags: ClientOptions,
  open: (client: AdminServiceClient) => grpc.ClientReadableStream<Msg>,
  onMessage: (message: Msg) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = createAdminClient(flags);
    const call = open(client);
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

/** A message field the controller always sets (the deployment of GetDeploymentResponse, ...). */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new BerthError('INTERNAL', `the controller's answer has no ${what}`);
  return value;
}

/** "connect ECONNREFUSED 127.0.0.1:7443" → "connection refused", for the one-line error. */
export function connectionProblem(details: string): string {
  if (/ECONNREFUSED/.test(details)) return 'connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(details)) return 'unknown host';
  if (/ETIMEDOUT|Deadline/i.test(details)) return 'no answer in time';
  if (/certificate|SSL|TLS|handshake/i.test(details)) return `TLS failed (${details}); check --ca, or --tls against a controller without TLS`;
  return details;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return ERROR_CODES.some((code) => code === value);
}

export function fromServiceError(err: grpc.ServiceError): BerthError {
  // The controller names its own error code; keep it, so scripts can tell errors apart.
  const code = err.metadata?.get('berth-error-code')[0];
  const leader = err.metadata?.get(LEADER_KEY)[0];
  if (code === 'NOT_LEADER' && typeof leader === 'string') return new BerthError(code, err.details, { leader });
  if (isErrorCode(code)) return new BerthError(code, err.details);
  if (err.code === grpc.status.UNAVAILABLE || (err.code === grpc.status.DEADLINE_EXCEEDED && !code)) {
    const called = err.metadata?.get(ADDR_KEY)[0];
    const addr = typeof called === 'string' ? called : DEFAULT_ADMIN_ADDR;
    return new BerthError(
      'CONTROLLER_UNAVAILABLE',
      `cannot reach the controller at ${addr}: ${connectionProblem(err.details)} — is \`berth controller\` running? (set --addr, BERTH_ADDR or berth login)`,
    );
  }
  if (err.code === grpc.status.UNAUTHENTICATED) return new BerthError('UNAUTHENTICATED', err.details);
  if (err.code === grpc.status.PERMISSION_DENIED) return new BerthError('PERMISSION_DENIED', err.details);
  return new BerthError('INTERNAL', `${grpc.status[err.code] ?? err.code}: ${err.details}`);
}
