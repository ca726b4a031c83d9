/**
 * Calls the admin API's own handlers in-process, as the dashboard's gateway does (ui-gateway.ts):
 * the same handler objects the gRPC server runs, so the same authentication, permission table and
 * service code, with no second copy of either. A JSON request is made into the message the method
 * takes exactly as one from the wire would be (protobuf.js's fromObject, encoded and decoded with
 * the service's own serializers: unknown fields dropped, defaults filled, a wrong type refused);
 * answers come back the same way, as plain JSON.
 */
import { EventEmitter } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import type { AdminServiceHandlers } from '../../proto/gen/berth/v1/AdminService.js';
import { loadBerthProto, loadBerthTypes } from '../../proto/load.js';
import { BerthError, errorMessage } from '../../shared/errors.js';
import type { AdminMethod } from './permissions.js';

type MethodDefinition = grpc.MethodDefinition<unknown, unknown>;

/** A failed call: the gRPC status and the controller's error code, as the gRPC client would see them. */
export interface CallFailure {
  status: grpc.status;
  code: string;
  message: string;
}

/** The method's definition; null for a name the admin API does not have. */
export function adminMethod(name: string): (MethodDefinition & { name: AdminMethod }) | null {
  const service = loadBerthProto().berth.v1.AdminService.service as unknown as Record<string, MethodDefinition>;
  if (!Object.hasOwn(service, name)) return null;
  return { ...(service[name] as MethodDefinition), name: name as AdminMethod };
}

/** The request as the method's handler receives it from the wire; INVALID_ARGUMENT when it is not one. */
export function requestMessage(method: MethodDefinition & { name: AdminMethod }, json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new BerthError('INVALID_ARGUMENT', 'the request body must be a JSON object');
  // fromObject alone would make `{"name": {}}` the string "[object Object]": each field's type is
  // checked first. Every request message is named METHODRequest (buf lint holds the API to it).
  const typeName = `${method.name}Request`;
  const problem = loadBerthTypes().lookupType(`berth.v1.${typeName}`).verify(json);
  if (problem) throw new BerthError('INVALID_ARGUMENT', `the request is not a ${typeName} request: ${problem}`);
  try {
    return method.requestDeserialize(method.requestSerialize(json));
  } catch (err) {
    throw new BerthError('INVALID_ARGUMENT', `the request is not a ${typeName} request: ${errorMessage(err)}`);
  }
}

function responseJson(method: MethodDefinition, message: unknown): unknown {
  return method.responseDeserialize(method.responseSerialize(message));
}

function failureOf(status: Partial<grpc.StatusObject> | grpc.ServiceError): CallFailure {
  const code = status.metadata?.get('berth-error-code')[0];
  return {
    status: status.code ?? grpc.status.UNKNOWN,
    code: typeof code === 'string' ? code : 'INTERNAL',
    message: status.details ?? 'failed',
  };
}

function metadataWith(token: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

/** Calls a unary method with the caller's token; resolves with the answer as JSON, or the failure. */
export function callUnary(
  handlers: AdminServiceHandlers,
  method: MethodDefinition & { name: AdminMethod },
  token: string,
  json: unknown,
): Promise<{ ok: true; body: unknown } | { ok: false; failure: CallFailure }> {
  if (method.requestStream || method.responseStream) throw new BerthError('INVALID_ARGUMENT', `${method.name} is a stream, not a call`);
  const request = requestMessage(method, json);
  const handler = handlers[method.name] as unknown as (call: object, callback: grpc.sendUnaryData<unknown>) => void;
  return new Promise((resolve) => {
    const call = Object.assign(new EventEmitter(), { request, metadata: metadataWith(token), getPeer: () => 'in-process', cancelled: false });
    handler(call, (err, value) => {
      if (err) resolve({ ok: false, failure: failureOf(err) });
      else resolve({ ok: true, body: responseJson(method, value) });
    });
  });
}

export interface StreamSink {
  message(json: unknown): void;
  end(): void;
  fail(failure: CallFailure): void;
}

/**
 * Opens a server stream with the caller's token; its messages, end or failure go to `sink`.
 * Returns what cancels it (the browser left), as a client's cancel would.
 */
export function openStream(
  handlers: AdminServiceHandlers,
  method: MethodDefinition & { name: AdminMethod },
  token: string,
  json: unknown,
  sink: StreamSink,
): () => void {
  if (method.requestStream || !method.responseStream) throw new BerthError('INVALID_ARGUMENT', `${method.name} is not a server stream`);
  const request = requestMessage(method, json);
  const handler = handlers[method.name] as unknown as (call: object) => void;
  let open = true;
  const call = Object.assign(new EventEmitter(), {
    request,
    metadata: metadataWith(token),
    cancelled: false,
    getPeer: () => 'in-process',
    write(message: unknown) {
      if (open) sink.message(responseJson(method, message));
      return true;
    },
    end() {
      if (!open) return;
      open = false;
      sink.end();
    },
  });
  // Handlers report a refusal as an 'error' event on the call.
  call.on('error', (status: Partial<grpc.StatusObject>) => {
    if (!open) return;
    open = false;
    sink.fail(failureOf(status));
  });
  handler(call);
  return () => {
    if (!open) return;
    open = false;
    call.cancelled = true;
    call.emit('cancelled');
    call.emit('close');
  };
}
