import { pino, type Logger, type LoggerOptions } from 'pino';
import { BerthError } from './errors.js';

export type { Logger };

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export function parseLogFormat(text: string): LogFormat {
  if (!(LOG_FORMATS as readonly string[]).includes(text))
    throw new BerthError('INVALID_CONFIG', `--log-format: "${text}" is not one of ${LOG_FORMATS.join(', ')}`);
  return text as LogFormat;
}

/**
 * Fields whose values are secrets wherever they are logged (at the top of a log object or one
 * level down): app env values, tokens, webhook secrets and signatures, credentials. Code logs
 * names, not values; this is the net under that rule.
 */
const SECRET_KEYS = new Set([
  'env',
  'secret',
  'token',
  'joinToken',
  'creds',
  'password',
  'authorization',
  'signature',
  'x-hub-signature-256',
  'x-hub-signature',
  'x-gitea-signature',
  'x-forgejo-signature',
  'x-gogs-signature',
  'x-gitlab-token',
  'x-berth-webhook-secret',
]);

const CENSOR = '[redacted]';

/**
 * Secrets inside strings: passwords in URLs (https://user:pass@host), and hook tokens in hook
 * paths (/hooks/redeploy/APP/TOKEN). Error messages from git, Docker or HTTP clients carry URLs.
 */
export function redactText(text: string): string {
  // Most strings hold neither; the checks keep the regular expressions off the hot path.
  let out = text;
  // user:password@, or a long user part alone (a token as the user, https://TOKEN@github.com).
  if (out.includes('@') && out.includes('://')) out = out.replace(/([a-z][a-z0-9+.-]*:\/\/)(?:[^/\s:@]+:[^/\s@]+|[^/\s:@]{20,})@/gi, `$1${CENSOR}@`);
  if (out.includes('/hooks/redeploy/')) out = out.replace(/(\/hooks\/redeploy\/[^/\s?]+\/)[^/\s?"]+/g, `$1${CENSOR}`);
  return out;
}

function redactValue(key: string, value: unknown, depth: number): unknown {
  if (SECRET_KEYS.has(key)) return CENSOR;
  if (typeof value === 'string') return redactText(value);
  // Plain objects one level down; errors keep their own serialization.
  if (depth === 0 && value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Error))
    return redactFields(value as Record<string, unknown>, 1);
  return value;
}

/** The log object as it is when nothing in it needs hiding (most lines): no copy is made. */
function redactFields(value: Record<string, unknown>, depth = 0): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(value)) {
    const before = value[key];
    const after = redactValue(key, before, depth);
    if (after !== before) {
      out ??= { ...value };
      out[key] = after;
    }
  }
  return out ?? value;
}

/** The options every Berth logger is made with (tests make theirs with these too). */
export function loggerOptions(component: string, level: LogLevel = 'info'): LoggerOptions {
  return {
    level,
    base: { component },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (fields) => redactFields(fields) },
    // Errors keep pino's serialization, with the URL scrub over their message and stack.
    serializers: {
      err(err: unknown) {
        // Much of Berth logs `err` as a message string; those went through the field scrub already.
        if (!(err instanceof Error)) return err;
        const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
        return {
          ...out,
          ...(typeof out.message === 'string' ? { message: redactText(out.message) } : {}),
          ...(typeof out.stack === 'string' ? { stack: redactText(out.stack) } : {}),
        };
      },
    },
    hooks: {
      // The message itself may quote an error that holds a URL.
      logMethod(args, method) {
        const at = typeof args[0] === 'string' ? 0 : 1;
        if (typeof args[at] === 'string') args[at] = redactText(args[at] as string);
        method.apply(this, args as Parameters<typeof method>);
      },
    },
  };
}

/**
 * One JSON line per event on stdout; `component` tells controller and agent lines apart. `pretty`
 * is for people at a terminal: pino-pretty, loaded only then.
 */
export async function createLogger(component: string, level: LogLevel = 'info', format: LogFormat = 'json'): Promise<Logger> {
  if (format === 'json') return pino(loggerOptions(component, level));
  const { default: pretty } = await import('pino-pretty');
  return pino(
    loggerOptions(component, level),
    pretty({ colorize: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }),
  );
}
