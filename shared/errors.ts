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
  'STATE_FENCED',
  'NOT_LEADER',
  'ROUTING_FAILED',
  'DEPLOYMENT_FAILED',
  'CANCELLED',
  'TIMEOUT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What each code means and what a person does about it (docs/reference/errors.md is made from this). */
export const ERROR_MEANINGS: Record<ErrorCode, string> = {
  INVALID_ARGUMENT: 'a request, app spec, flag or hook body is malformed; the message names the field — fix it and send again',
  INVALID_CONFIG: 'a daemon setting (flag, environment variable, file) is unusable; the message names it',
  INVALID_MESSAGE: 'a NATS or gRPC message failed validation at the boundary; dropped, nothing changed',
  NOT_FOUND: 'no such app, deployment, release, token or hook; the message lists what exists',
  AGENT_NOT_FOUND: 'no agent with that id has ever joined; berth agents lists them',
  AGENT_NOT_READY: 'the agent is down or draining, so new instances cannot go there',
  INSTANCE_NOT_FOUND: 'the agent has no such instance (already removed)',
  ALREADY_EXISTS: 'the name is taken (an agent id in use by a connected agent, a token name)',
  FAILED_PRECONDITION: 'not now: a deployment is in progress, the controller is stopping, or a tool is missing; the message says which',
  UNAUTHENTICATED: 'no token, or not a valid one: berth login, BERTH_TOKEN or --token; a hook signature that does not match',
  PERMISSION_DENIED: 'the token is read-only and the call changes state',
  TASK_EXPIRED: 'a task reached its agent after its deadline and was not applied',
  DOCKER_UNAVAILABLE: 'the agent cannot reach its Docker Engine; start dockerd or fix --docker-host',
  DOCKER_ERROR: 'the Docker Engine refused an operation; its message follows',
  IMAGE_NOT_FOUND: 'the image is neither on the agent nor pullable; check its name and the registry',
  BUILD_FAILED: "a git clone or Docker build failed; the message has git's or the build's last lines",
  NATS_UNAVAILABLE: 'NATS cannot be reached; tasks wait until it is back',
  CONTROLLER_UNAVAILABLE: 'the CLI or an agent cannot reach the controller at the address it names',
  STORE_CORRUPT: "the controller's state file cannot be read as Berth state; it is left untouched",
  STORE_WRITE_FAILED: 'the state could not be written (disk full, permissions); the change is not durable',
  STATE_FENCED: 'another controller has written the shared state (it leads now): this one stops writing; the leader takes the request',
  NOT_LEADER:
    'this controller follows another (several controllers share a state in NATS): it answers reads, and the call that changes state goes to the leader it names; the berth CLI follows by itself',
  ROUTING_FAILED: "Traefik's file could not be written; the previous file keeps routing",
  DEPLOYMENT_FAILED: 'the deployment failed; berth deployments show ID has the phase and reason',
  CANCELLED: 'cancelled by an operator, or by a stopping process',
  TIMEOUT: 'an operation did not finish in its time limit',
  INTERNAL: 'a fault in Berth itself; the message and the controller log have the details',
};

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
