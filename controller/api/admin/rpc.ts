/**
 * What every admin method goes through: authentication and the method's access (permissions.ts),
 * errors as gRPC status (grpc-status.ts), and, for methods that change state, the store on disk
 * before the answer. The handlers in this folder are written against `AdminRpc`.
 */
import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '../../../shared/logger.js';
import type { Store } from '../../state/store.js';
import type { Authenticator, Caller } from '../auth.js';
import { toGrpcError } from '../grpc-status.js';
import { ADMIN_ACCESS, type AdminMethod } from '../permissions.js';

export interface AdminRpc {
  /** A unary method: `handler` answers the request of a caller allowed to call `method`. */
  unary<Req, Res>(method: AdminMethod, handler: (request: Req, caller: Caller) => Res | Promise<Res>): grpc.handleUnaryCall<Req, Res>;
  /**
   * A server-streaming method: `handler` writes to the call of a caller allowed to call `method`,
   * and may return what stops its source when the client cancels.
   */
  serverStream<Req, Res>(
    method: AdminMethod,
    handler: (call: grpc.ServerWritableStream<Req, Res>) => (() => void) | undefined,
  ): grpc.handleServerStreamingCall<Req, Res>;
  /** A bidirectional method: `handler` works the call of a caller allowed to call `method`. */
  bidiStream<Req, Res>(method: AdminMethod, handler: (call: grpc.ServerDuplexStream<Req, Res>) => void): grpc.handleBidiStreamingCall<Req, Res>;
}

/** What the handlers of each resource are given. */
export interface AdminDeps {
  rpc: AdminRpc;
  store: Store;
  log: Logger;
}

export function createAdminRpc(auth: Authenticator, store: Store): AdminRpc {
  return {
    unary: (method, handler) => {
      const access = ADMIN_ACCESS[method];
      return (call, callback) => {
        Promise.resolve()
          .then(() => handler(call.request, auth.authorize(call.metadata, access, method)))
          .then(async (response) => {
            // Every change the admin API acknowledges is on disk before the answer: a controller
            // killed right after answering cannot have forgotten a deployment, a token or an app it
            // said it made. Writes are shared by the calls waiting at the same time (Store.persisted).
            if (access === 'write') await store.persisted();
            return response;
          })
          .then((response) => callback(null, response))
          .catch((err: unknown) => callback(toGrpcError(err)));
      };
    },
    bidiStream: (method, handler) => (call) => {
      try {
        auth.authorize(call.metadata, ADMIN_ACCESS[method], method);
        handler(call);
      } catch (err) {
        call.emit('error', toGrpcError(err));
      }
    },
    serverStream: (method, handler) => (call) => {
      try {
        auth.authorize(call.metadata, ADMIN_ACCESS[method], method);
        const stop = handler(call);
        if (stop) call.on('cancelled', stop);
      } catch (err) {
        call.emit('error', toGrpcError(err));
      }
    },
  };
}
