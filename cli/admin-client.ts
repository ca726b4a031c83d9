/** The CLI's connection to the admin API: address and token from flags or BERTH_ADDR / BERTH_TOKEN. */
import * as grpc from '@grpc/grpc-js';
import type { AdminClient } from '../proto/gen/berth/v1/Admin.js';
import { loadBerthProto } from '../proto/load.js';
import { BerthError, ERROR_CODES, type ErrorCode } from '../shared/errors.js';

export interface ClientOptions {
  addr?: string;
  token?: string;
}

export const DEFAULT_ADMIN_ADDR = '127.0.0.1:7443';

export function createAdminClient(options: ClientOptions): AdminClient {
  const addr = options.addr ?? process.env.BERTH_ADDR ?? DEFAULT_ADMIN_ADDR;
  const token = options.token ?? process.env.BERTH_TOKEN ?? '';
  const proto = loadBerthProto();
  const client = new proto.berth.v1.Admin(addr, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  if (token) metadata.set('authorization', `Bearer ${token}`);
  // Every call carries the token; wrapping here keeps each command free of it.
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string' || !/^[A-Z]/.test(prop)) return value;
      // Unary calls get a deadline; a call without a callback is a stream and may last.
      return (request: unknown, callback?: (err: grpc.ServiceError | null, response: unknown) => void) =>
        callback
          ? (value as (...args: unknown[]) => unknown).call(target, request, metadata, { deadline: Date.now() + 15_000 }, callback)
          : (value as (...args: unknown[]) => unknown).call(target, request, metadata);
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

export function fromServiceError(err: grpc.ServiceError): BerthError {
  const addr = process.env.BERTH_ADDR ?? DEFAULT_ADMIN_ADDR;
  // The controller names its own error code; keep it, so scripts can tell errors apart.
  const code = err.metadata?.get('berth-error-code')[0];
  if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) return new BerthError(code as ErrorCode, err.details);
  if (err.code === grpc.status.UNAVAILABLE) {
    return new BerthError('CONTROLLER_UNAVAILABLE', `cannot reach the controller (${err.details}); is it running? set --addr or BERTH_ADDR (now ${addr})`);
  }
  if (err.code === grpc.status.UNAUTHENTICATED) return new BerthError('UNAUTHENTICATED', err.details);
  return new BerthError('INTERNAL', `${grpc.status[err.code] ?? err.code}: ${err.details}`);
}
