/** Maps BerthError codes to gRPC status codes; the only place that knows both. */
import * as grpc from '@grpc/grpc-js';
import { toBerthError, type ErrorCode } from '../../shared/errors.js';

/** Metadata of a NOT_LEADER status: the leader's gRPC address, when a leader is known. */
export const LEADER_KEY = 'berth-leader';

const STATUS: Record<ErrorCode, grpc.status> = {
  INVALID_ARGUMENT: grpc.status.INVALID_ARGUMENT,
  INVALID_CONFIG: grpc.status.INVALID_ARGUMENT,
  INVALID_MESSAGE: grpc.status.INVALID_ARGUMENT,
  NOT_FOUND: grpc.status.NOT_FOUND,
  AGENT_NOT_FOUND: grpc.status.NOT_FOUND,
  INSTANCE_NOT_FOUND: grpc.status.NOT_FOUND,
  AGENT_NOT_READY: grpc.status.FAILED_PRECONDITION,
  ALREADY_EXISTS: grpc.status.ALREADY_EXISTS,
  FAILED_PRECONDITION: grpc.status.FAILED_PRECONDITION,
  UNAUTHENTICATED: grpc.status.UNAUTHENTICATED,
  PERMISSION_DENIED: grpc.status.PERMISSION_DENIED,
  TASK_EXPIRED: grpc.status.DEADLINE_EXCEEDED,
  TIMEOUT: grpc.status.DEADLINE_EXCEEDED,
  DOCKER_UNAVAILABLE: grpc.status.UNAVAILABLE,
  NATS_UNAVAILABLE: grpc.status.UNAVAILABLE,
  CONTROLLER_UNAVAILABLE: grpc.status.UNAVAILABLE,
  DOCKER_ERROR: grpc.status.INTERNAL,
  IMAGE_NOT_FOUND: grpc.status.NOT_FOUND,
  STORE_CORRUPT: grpc.status.INTERNAL,
  STORE_WRITE_FAILED: grpc.status.UNAVAILABLE,
  STATE_FENCED: grpc.status.UNAVAILABLE,
  NOT_LEADER: grpc.status.UNAVAILABLE,
  ROUTING_FAILED: grpc.status.UNAVAILABLE,
  BUILD_FAILED: grpc.status.FAILED_PRECONDITION,
  DEPLOYMENT_FAILED: grpc.status.FAILED_PRECONDITION,
  CANCELLED: grpc.status.CANCELLED,
  INTERNAL: grpc.status.INTERNAL,
};

/** The gRPC status an error code is answered with. */
export function grpcStatusOf(code: ErrorCode): grpc.status {
  return STATUS[code];
}

export function toGrpcError(err: unknown): Partial<grpc.StatusObject> {
  const e = toBerthError(err);
  const metadata = new grpc.Metadata();
  metadata.set('berth-error-code', e.code);
  // Where a follower sends the caller: the leader's admin address (the CLI calls it instead).
  if (e.code === 'NOT_LEADER' && typeof e.details.leader === 'string') metadata.set(LEADER_KEY, e.details.leader);
  return { code: STATUS[e.code], details: e.message, metadata };
}
