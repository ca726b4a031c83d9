/**
 * Typed errors with stable codes. Code is the contract (tests, CLI output and the edge mappings to
 * HTTP and gRPC status rely on it); the message is for a person and says what to do.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'INVALID_CONFIG',
  'INVALID_MESSAGE',
  'NOT_FOUND',
  'AGENT_NOT_FOUND',
  'AGENT_NOT_READY',
  'INSTANCE_NOT_FOUND',
  'ALREADY_EXISTS',
  'FAILED_PRECONDITION',
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  'TASK_EXPIRED',
  'DOCKER_UNAVAILABLE',
  'DOCKER_ERROR',
  'IMAGE_NOT_FOUND',
  'BUILD_FAILED',
  'NATS_UNAVAILABLE',
  'CONTROLLER_UNAVAILABLE',
  'STORE_CORRUPT',
  'STORE_WRITE_FAILED',
  'ROUTING_FAILED',
  'DEPLOYMENT_FAILED',
  'CANCELLED',
  'TIMEOUT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BerthError';
    this.code = code;
    this.details = details;
  }
}

export function isBerthError(err: unknown, code?: ErrorCode): err is BerthError {
  return err instanceof BerthError && (code === undefined || err.code === code);
}

/** Wraps anything thrown into a BerthError, keeping a BerthError as it is. */
export function toBerthError(err: unknown, code: ErrorCode = 'INTERNAL'): BerthError {
  if (err instanceof BerthError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new BerthError(code, message, {}, { cause: err });
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
