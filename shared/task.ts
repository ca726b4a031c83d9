import { z } from 'zod';
import { BerthError } from './errors.js';

/**
 * The task envelope: one command for one agent, sent over NATS. Every task has an id (application
 * is at most once per id), the deployment it belongs to and an absolute deadline after which the
 * agent refuses it. `spec` depends on `kind`; build and one-off kinds join this union later.
 */
const name = z.string().min(1).max(128);
const stringMap = z.record(z.string(), z.string());

export const HealthCheckSchema = z.object({
  /** tcp: connect to the published port; http: GET path expecting 2xx/3xx; none: running is healthy. */
  type: z.enum(['tcp', 'http', 'none']),
  path: z.string().startsWith('/').optional(),
  intervalMs: z.number().int().min(100).max(600_000).default(2000),
  timeoutMs: z.number().int().min(100).max(600_000).default(2000),
  /** Consecutive failures after which a healthy instance is reported unhealthy. */
  unhealthyThreshold: z.number().int().min(1).max(100).default(3),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;

export const StartInstanceSpecSchema = z.object({
  instanceId: name.regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lowercase letters, digits, ".", "_" and "-"'),
  app: name,
  service: name,
  release: name,
  image: z.string().min(1).max(512),
  /** argv; absent: the image's CMD. */
  command: z.array(z.string()).optional(),
  env: stringMap.default({}),
  labels: stringMap.default({}),
  /** Container port published on the agent's advertise address with a host port Docker picks. */
  containerPort: z.number().int().min(1).max(65535).optional(),
  health: HealthCheckSchema.optional(),
  limits: z
    .object({
      memoryBytes: z.number().int().positive().optional(),
      cpus: z.number().positive().max(1024).optional(),
    })
    .default({}),
  restart: z.enum(['no', 'on-failure', 'unless-stopped']).default('unless-stopped'),
});
export type StartInstanceSpec = z.infer<typeof StartInstanceSpecSchema>;

export const StopInstanceSpecSchema = z.object({
  instanceId: name,
  /** SIGTERM, then SIGKILL after this many seconds. */
  graceSeconds: z.number().int().min(0).max(3600).default(10),
});
export type StopInstanceSpec = z.infer<typeof StopInstanceSpecSchema>;

export const RemoveInstanceSpecSchema = z.object({ instanceId: name });
export type RemoveInstanceSpec = z.infer<typeof RemoveInstanceSpecSchema>;

export const RunOneOffSpecSchema = z
  .object({
    /** Names the one-off; a redelivered task finds its container by it instead of running twice. */
    oneOffId: name.regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lowercase letters, digits, ".", "_" and "-"'),
    app: name,
    release: name,
    image: z.string().min(1).max(512),
    /** Run as ["/bin/sh", "-c", command]: never interpolated into anything (postdeploy). */
    command: z.string().min(1).max(65_536).optional(),
    /** Run as given, no shell (berth run); exactly one of command and argv. */
    argv: z.array(z.string().max(65_536)).min(1).max(1000).optional(),
    /** An interactive terminal: stdin open and a TTY, relayed over the report stream (TtyInput/TtyOutput). */
    tty: z.boolean().default(false),
    env: stringMap.default({}),
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(24 * 3_600_000)
      .default(20 * 60_000),
  })
  .refine((spec) => (spec.command === undefined) !== (spec.argv === undefined), 'give exactly one of command and argv');
export type RunOneOffSpec = z.infer<typeof RunOneOffSpecSchema>;

/** Stops a running one-off at once (its deployment was cancelled); its run-oneoff task then ends. */
export const StopOneOffSpecSchema = z.object({ oneOffId: name, graceSeconds: z.number().int().min(0).max(3600).default(10) });
export type StopOneOffSpec = z.infer<typeof StopOneOffSpecSchema>;

/**
 * Makes sure the agent holds the image a service's instances start from. An image source is
 * pulled only if absent. A git source is resolved to a commit (a full SHA is used as given; a
 * branch or tag is looked up with `git ls-remote`), and berth/APP-SERVICE:SHA is built from a
 * clone at that commit unless the agent already has that tag. Build output is streamed as output
 * reports of the task.
 */
export const ImageSourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('image'), image: z.string().min(1).max(512) }),
  z.object({
    type: z.literal('git'),
    repo: z.string().min(1).max(2048),
    /** Commit SHA, branch or tag. */
    ref: z.string().min(1).max(256),
    dockerfile: z.string().min(1).max(1024).default('Dockerfile'),
    context: z.string().min(1).max(1024).default('.'),
  }),
]);
export type ImageSource = z.infer<typeof ImageSourceSchema>;

export const PrepareImageSpecSchema = z.object({
  app: name,
  service: name,
  source: ImageSourceSchema,
});
export type PrepareImageSpec = z.infer<typeof PrepareImageSpecSchema>;

/** The result of a prepare-image task (PreparedImage on the wire). */
export interface PreparedImage {
  /** What instances start from: the image as given, or berth/APP-SERVICE:SHA. */
  image: string;
  imageId: string;
  commitSha: string;
  procfile: Record<string, string>;
  fresh: boolean;
}

/** The tag a git service's image gets. */
export function gitImageTag(app: string, service: string, commitSha: string): string {
  return `berth/${app}-${service}:${commitSha}`;
}

/** Exit status recorded for a one-off stopped at its time limit. */
export const ONE_OFF_TIMEOUT_STATUS = -128;

const envelope = {
  id: name,
  agentId: name,
  deploymentId: z.string().max(128).nullable().default(null),
  createdAtMs: z.number().int().nonnegative(),
  deadlineMs: z.number().int().nonnegative(),
  /** The protocol the task is written in (shared/version.ts); absent in tasks from before it was sent: 1. */
  protocol: z.number().int().nonnegative().default(1),
  /**
   * The leader's term when controllers share their state in NATS (0: a single controller). An
   * agent refuses a task of a term older than one it has seen: it comes from a deposed leader.
   */
  term: z.number().int().nonnegative().default(0),
};

export const TaskSchema = z.discriminatedUnion('kind', [
  z.object({ ...envelope, kind: z.literal('start-instance'), spec: StartInstanceSpecSchema }),
  z.object({ ...envelope, kind: z.literal('stop-instance'), spec: StopInstanceSpecSchema }),
  z.object({ ...envelope, kind: z.literal('remove-instance'), spec: RemoveInstanceSpecSchema }),
  z.object({ ...envelope, kind: z.literal('run-oneoff'), spec: RunOneOffSpecSchema }),
  z.object({ ...envelope, kind: z.literal('prepare-image'), spec: PrepareImageSpecSchema }),
  z.object({ ...envelope, kind: z.literal('stop-oneoff'), spec: StopOneOffSpecSchema }),
  /** Does nothing but report: measures the task round trip and probes an agent. */
  z.object({ ...envelope, kind: z.literal('noop'), spec: z.object({}).default({}) }),
]);
export type Task = z.infer<typeof TaskSchema>;
export type TaskInput = z.input<typeof TaskSchema>;
export type TaskKind = Task['kind'];
export type TaskOf<K extends TaskKind> = Extract<Task, { kind: K }>;

export const TASK_RESULT_STATUSES = ['ok', 'failed', 'expired'] as const;
export type TaskResultStatus = (typeof TASK_RESULT_STATUSES)[number];

/** Formats zod issues as "path: message; path: message". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}

/** Decodes bytes from the network into a Task, or throws INVALID_MESSAGE saying what is wrong. */
export function decodeTask(bytes: Uint8Array): Task {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new BerthError('INVALID_MESSAGE', `task is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = TaskSchema.safeParse(json);
  if (!parsed.success) throw new BerthError('INVALID_MESSAGE', `task is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Validates a task and fills its defaults; a bug in the sender fails here, not on every agent. */
export function parseTask(task: TaskInput): Task {
  const parsed = TaskSchema.safeParse(task);
  if (!parsed.success) throw new BerthError('INVALID_ARGUMENT', `task is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Encodes a task that parseTask already validated. */
export function serializeTask(task: Task): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(task));
}

export function encodeTask(task: TaskInput): Uint8Array {
  return serializeTask(parseTask(task));
}
