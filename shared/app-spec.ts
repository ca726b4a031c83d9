/**
 * The app spec users write (YAML or JSON) and its validation. Every problem is reported at once,
 * each with its path (`services.web.port: must be 1-65535`); an invalid spec changes nothing.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { cronProblem } from './cron.js';
import { parseDuration } from './duration.js';
import { BerthError } from './errors.js';

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const HOSTNAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Characters a health path may hold; braces would be read as a Go template by Traefik. */
const HTTP_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/;

const duration = (fallback: string) =>
  z
    .union([z.string(), z.number()])
    .default(fallback)
    .transform((value, ctx) => {
      if (typeof value === 'number') return value;
      try {
        return parseDuration(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration (use e.g. 500ms, 15s, 20m, 1h)` });
        return z.NEVER;
      }
    });

const domain = z.string().toLowerCase().regex(HOSTNAME, 'must be a host name such as shop.example.com');
/** Placement labels, matched against agents' --label: the same key form, values without control characters. */
const labels = z.record(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,62}$/, 'label keys: letters, digits, ".", "_", "/", "-" (at most 63)'),
  z
    .string()
    .max(255)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'label values cannot hold control characters (newlines, tabs)'),
);

const GitSourceSchema = z.strictObject({
  repo: z
    .string()
    .min(1, 'must be a repository URL (https://, ssh:// or file://)')
    .describe('the repository, as its host gives it (https, ssh or file://); pushes to it deploy the service'),
  branch: z.string().min(1).default('main').describe('the branch that deploys'),
  dockerfile: z.string().min(1).default('Dockerfile').describe('the Dockerfile, relative to context'),
  context: z.string().min(1).default('.').describe('the build context, relative to the repository root'),
});

export const SCHEDULE_CONCURRENCY = ['forbid', 'allow', 'replace'] as const;

const ScheduleSpecSchema = z.strictObject({
  name: z.string({ error: 'is required' }).regex(DNS_LABEL, 'must be a lowercase DNS label').describe('the schedule, unique in the app'),
  cron: z
    .string({ error: 'is required' })
    .min(1)
    .describe('when it runs: a cron expression (minute hour day month weekday; a sixth field first for seconds) or @hourly, @daily, @weekly…'),
  timezone: z.string().min(1).default('UTC').describe('the IANA time zone the expression is read in (Europe/Paris)'),
  command: z
    .union([z.string().min(1), z.array(z.string()).min(1)], { error: 'must be a command: a string (run with /bin/sh -c) or a list (run as given)' })
    .describe('the command: a string runs with /bin/sh -c, a list runs as given'),
  service: z.string().optional().describe('the service whose image and environment the run gets; default: as for berth run'),
  timeout: duration('1h').describe('a run still going after this long is stopped, status -128 (a duration, at most 24h)'),
  concurrency: z
    .enum(SCHEDULE_CONCURRENCY)
    .default('forbid')
    .describe('when a run of it is still going at the next time: forbid (skip the new one), allow (run both), replace (stop the old one)'),
  startingDeadline: duration('5m').describe(
    'a run due while no controller was up starts at start-up if it is at most this late; otherwise it is recorded as missed',
  ),
});

const ServiceSpecSchema = z
  .strictObject({
    image: z.string().min(1).max(512).optional().describe('the image to run (pulled unless the agent has it); give image or git'),
    git: GitSourceSchema.optional().describe('a git repository built on the agents at the pushed commit; give image or git'),
    command: z.string().min(1).optional().describe("run as /bin/sh -c COMMAND; default: the Procfile entry named like the service, else the image's CMD"),
    port: z
      .number({ error: 'must be 1-65535' })
      .int('must be 1-65535')
      .min(1, 'must be 1-65535')
      .max(65535, 'must be 1-65535')
      .optional()
      .describe('the port the service listens on inside its container (given to it as PORT); needed to route or health-check it'),
    scale: z
      .number({ error: 'must be a whole number from 0 to 100' })
      .int('must be a whole number from 0 to 100')
      .min(0, 'must be a whole number from 0 to 100')
      .max(100, 'must be a whole number from 0 to 100')
      .default(1)
      .describe('how many instances run (berth scale changes it)'),
    health: z
      .strictObject({
        path: z
          .string()
          .regex(HTTP_PATH, 'must be a path starting with /')
          .optional()
          .describe('an HTTP path that answers 2xx or 3xx when the instance is healthy; without it, running counts'),
        bootTimeout: duration('60s').describe('how long a new instance may take to become healthy (a duration: 500ms, 15s, 20m)'),
      })
      .prefault({})
      .describe('how Berth, and Traefik, tell a healthy instance'),
    placement: z
      .strictObject({ labels: labels.default({}).describe("agent labels an instance's agent must have (berth agent --label KEY=VALUE)") })
      .prefault({})
      .describe('where instances may run'),
    domains: z.array(domain).default([]).describe('host names routed to this service (web takes the app domains instead)'),
  })
  .superRefine((service, ctx) => {
    if (!service.image === !service.git) ctx.addIssue({ code: 'custom', message: 'give either image or git, not both and not neither' });
    if (service.health.path && service.port === undefined)
      ctx.addIssue({ code: 'custom', path: ['health', 'path'], message: 'needs a port to send the request to' });
  });

export const AppSpecSchema = z
  .strictObject({
    name: z
      .string({ error: 'is required' })
      .regex(DNS_LABEL, 'must be a lowercase DNS label (a-z, 0-9, "-", at most 63)')
      .describe('the app, a lowercase DNS label; containers, images and Traefik routes are named after it'),
    domains: z.array(domain).default([]).describe('host names Traefik routes to the service named web'),
    tls: z
      .strictObject({ certResolver: z.string().min(1).optional().describe("the Traefik certificate resolver to use (its static configuration's name)") })
      .optional()
      .describe("serve the app's domains over TLS on Traefik's TLS entry point"),
    env: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
      .default({})
      .describe('environment variables of every instance and of the postdeploy command (berth env sets them too)'),
    postdeploy: z
      .string()
      .min(1)
      .optional()
      .describe(
        "run once per deployment in a one-off container, after every new instance is healthy and before traffic moves; default: the Procfile's postdeploy entry",
      ),
    postdeployTimeout: duration('20m').describe('how long the postdeploy command may run (a duration)'),
    postdeployService: z.string().optional().describe('the service whose image and env the postdeploy container gets; default: web, else the first service'),
    drain: duration('10s').describe('how long old instances keep serving requests in flight after the switch (a duration)'),
    schedules: z.array(ScheduleSpecSchema).max(100).default([]).describe('one-off runs the controller starts on a schedule (berth runs lists them)'),
    services: z
      .record(z.string(), ServiceSpecSchema)
      .refine((s) => Object.keys(s).length > 0, 'must name at least one service')
      .describe('the processes of the app, by name (lowercase DNS labels)'),
  })
  // Cross-field checks run even when other fields failed, so every problem is reported at once;
  // the value may then be partly invalid, hence the defensive reads.
  .superRefine((app, ctx) => checkAppSpec(app as unknown as LooseApp, ctx), { when: (payload) => isRecord(payload.value) });

type LooseService = { image?: unknown; git?: unknown; port?: unknown; domains?: unknown };
type LooseApp = { env?: unknown; services?: unknown; domains?: unknown; postdeployService?: unknown; schedules?: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function checkAppSpec(app: LooseApp, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  // Keys are checked here, not in z.record, so the message says what a valid key looks like.
  for (const key of Object.keys(isRecord(app.env) ? app.env : {})) {
    if (!ENV_NAME.test(key)) issue(['env', key], 'must be a valid variable name (letters, digits, _)');
  }
  const services: Record<string, LooseService> = isRecord(app.services) ? (app.services as Record<string, LooseService>) : {};
  const names = Object.keys(services);
  for (const name of names) {
    if (!DNS_LABEL.test(name)) issue(['services', name], 'service names must be lowercase DNS labels');
  }
  if (typeof app.postdeployService === 'string' && !names.includes(app.postdeployService)) {
    issue(['postdeployService'], `no service "${app.postdeployService}" (services: ${names.join(', ')})`);
  }
  checkSchedules(app.schedules, names, issue);
  const appDomains = stringList(app.domains);
  const web = services.web;
  if (appDomains.length > 0 && !web) issue(['domains'], 'are routed to the service named web, and there is none');
  if (appDomains.length > 0 && isRecord(web) && web.port === undefined) issue(['services', 'web', 'port'], 'is needed to route the app domains to web');
  const seen = new Map<string, string>();
  for (const [name, service] of Object.entries(services)) {
    if (!isRecord(service)) continue;
    const own = stringList(service.domains);
    if (name === 'web' && own.length > 0) issue(['services', 'web', 'domains'], 'web takes the app domains; list them at the top level');
    if (name !== 'web' && own.length > 0 && service.port === undefined) issue(['services', name, 'port'], 'is needed to route its domains');
    for (const d of name === 'web' ? appDomains : own) {
      const other = seen.get(d.toLowerCase());
      if (other) issue(['services', name, 'domains'], `${d} is already routed to ${other}`);
      seen.set(d.toLowerCase(), name);
    }
  }
}

function checkSchedules(value: unknown, services: string[], issue: (path: (string | number)[], message: string) => void): void {
  const seen = new Set<string>();
  for (const [i, schedule] of (Array.isArray(value) ? value : []).entries()) {
    if (!isRecord(schedule)) continue;
    if (typeof schedule.name === 'string') {
      if (seen.has(schedule.name)) issue(['schedules', i, 'name'], `${schedule.name} is named twice`);
      seen.add(schedule.name);
    }
    if (typeof schedule.service === 'string' && !services.includes(schedule.service))
      issue(['schedules', i, 'service'], `no service "${schedule.service}" (services: ${services.join(', ')})`);
    if (typeof schedule.cron === 'string') {
      const problem = cronProblem(schedule.cron, typeof schedule.timezone === 'string' ? schedule.timezone : 'UTC');
      if (problem) issue(['schedules', i, problem.field], problem.message);
    }
    if (typeof schedule.timeout === 'string' || typeof schedule.timeout === 'number') {
      try {
        const ms = typeof schedule.timeout === 'number' ? schedule.timeout : parseDuration(schedule.timeout);
        if (ms > 24 * 3_600_000 || ms < 1000) issue(['schedules', i, 'timeout'], 'must be from 1s to 24h');
      } catch {
        // the field's own check reports it
      }
    }
  }
}

export type AppSpec = z.output<typeof AppSpecSchema>;
export type ScheduleSpec = AppSpec['schedules'][number];
export type ServiceSpec = AppSpec['services'][string];
export type AppSpecInput = z.input<typeof AppSpecSchema>;

/** Every problem in the spec, as "path: message". Empty when it is valid. */
export function validateAppSpec(value: unknown): { spec: AppSpec; problems: [] } | { spec: null; problems: string[] } {
  const parsed = AppSpecSchema.safeParse(value);
  if (parsed.success) return { spec: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(spec)'}: ${issue.message}`);
  return { spec: null, problems };
}

/** Parses YAML or JSON text (JSON is YAML) and validates it; throws INVALID_ARGUMENT listing every problem. */
export function parseAppSpec(text: string, source = 'spec'): AppSpec {
  let value: unknown;
  try {
    value = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    throw new BerthError('INVALID_ARGUMENT', `${source} is not valid YAML or JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = validateAppSpec(value);
  if (!result.spec) {
    throw new BerthError('INVALID_ARGUMENT', `${source} is invalid:\n  ${result.problems.join('\n  ')}`, { problems: result.problems });
  }
  return result.spec;
}

/** The service whose image runs the postdeploy command: postdeployService, else web, else the first. */
export function postdeployServiceOf(spec: AppSpec): string {
  return spec.postdeployService ?? (spec.services.web ? 'web' : (Object.keys(spec.services)[0] as string));
}

/** The domains routed to each service (web takes the app's). */
export function routedDomains(spec: AppSpec): Record<string, string[]> {
  const routes: Record<string, string[]> = {};
  for (const [name, service] of Object.entries(spec.services)) {
    const domains = name === 'web' ? spec.domains : service.domains;
    if (domains.length > 0) routes[name] = domains;
  }
  return routes;
}
