/**
 * Probes an app the way its users reach it, continuously: a real Traefik (test/helpers/traefik.ts)
 * watches the stack's Traefik directory with the file provider, at its default throttle, and every
 * few milliseconds the probe sends a request through it with the app's Host header. Every request
 * that does not answer 200 is a failure. Meanwhile it reads the app's file as it is on disk: a file
 * that does not parse (a partial write) is counted, and a file that never names a server is a
 * failure of the probe itself (there was nothing to probe).
 *
 * Only where a server dies before anyone can know (its engine killed it: `lenientAtSwitch`) are
 * failures around a change of the file "at the switch" and tolerated: from a second before the
 * file changes to SWITCH_AFTER_MS after (Traefik's 2 s throttle and a second). Where Berth itself
 * moves traffic (a deployment), Traefik must never see a failure, so none is tolerated.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { startTraefik, type Traefik } from '../helpers/traefik.js';

export interface ProbeResult {
  /** Requests sent through Traefik. */
  sent: number;
  ok: number;
  /** Failures counted against the fault (every failure, unless lenientAtSwitch). */
  failed: number;
  /** Failures tolerated around a change of the file (lenientAtSwitch only). */
  failedAtSwitch: number;
  unreadableFiles: number;
  /** Whether the app's file named at least one server at some point while the probe ran. */
  sawServers: boolean;
  /** How long Traefik took to answer the app the first time, ms (null: never). */
  firstAnswerMs: number | null;
  /** The first few failures counted against the fault, for the report. */
  failures: string[];
}

export interface RouteProbe {
  /** The Traefik the requests go through. */
  traefik: Traefik;
  /** Stops probing (and the Traefik it started); may be called again (returns the same result). */
  stop(): Promise<ProbeResult>;
}

export interface RouteProbeOptions {
  /** The directory the controller writes Traefik files to (DATA_DIR/traefik). */
  traefikDir: string;
  /** A Traefik already watching traefikDir (the stack's); without one, the probe starts its own. */
  traefik?: Traefik | null;
  app: string;
  /** The Host the app is routed by (one of its domains). */
  host: string;
  /** The Traefik service of the probed servers (APP-SERVICE), as named in the file. */
  service: string;
  path: string;
  everyMs?: number;
  lenientAtSwitch?: boolean;
}

/** Failures this long after the file changes are at the switch (lenientAtSwitch only). */
export const SWITCH_AFTER_MS = 3000;
const SWITCH_BEFORE_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;

type TraefikFile = { http?: { services?: Record<string, { loadBalancer?: { servers?: Array<{ url: string }> } }> } };

/** The servers the file names for `service`; null when it does not parse. */
export function fileServers(text: string, service: string): string[] | null {
  try {
    const config = parseYaml(text) as TraefikFile | null;
    return (config?.http?.services?.[service]?.loadBalancer?.servers ?? []).map((s) => s.url);
  } catch {
    return null;
  }
}

export async function startRouteProbe(options: RouteProbeOptions): Promise<RouteProbe> {
  const everyMs = options.everyMs ?? 25;
  const file = join(options.traefikDir, `${options.app}.yml`);
  const own = !options.traefik;
  const traefik = options.traefik ?? (await startTraefik({ fileDirectory: options.traefikDir }));
  const startedAt = Date.now();
  const result: ProbeResult = { sent: 0, ok: 0, failed: 0, failedAtSwitch: 0, unreadableFiles: 0, sawServers: false, firstAnswerMs: null, failures: [] };
  // Traefik loads the directory when it starts: wait (20 s at most) for its first answer before
  // counting, so the probe measures the fault and not Traefik's start. Never answering is counted.
  for (let answered = false; !answered && Date.now() - startedAt < 20_000; ) {
    answered = (await traefik.get(options.host, options.path, REQUEST_TIMEOUT_MS).catch(() => null))?.status === 200;
    if (answered) result.firstAnswerMs = Date.now() - startedAt;
    else await new Promise((r) => setTimeout(r, 100));
  }
  let running = true;
  let lastText: string | null = null;
  let changedAt = 0;
  /** Failures counted in the last SWITCH_BEFORE_MS, to move when the file changes (lenient only). */
  let recent: Array<{ at: number; text: string }> = [];
  const fail = (what: string) => {
    const now = Date.now();
    if (options.lenientAtSwitch && now - changedAt < SWITCH_AFTER_MS) {
      result.failedAtSwitch++;
      return;
    }
    result.failed++;
    const text = `${new Date(now).toISOString()} ${what}`;
    result.failures.push(text);
    if (options.lenientAtSwitch) recent = [...recent.filter((f) => now - f.at < SWITCH_BEFORE_MS), { at: now, text }];
  };
  const loop = (async () => {
    while (running) {
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text !== null && text !== lastText) {
        // The first read is where the probe starts, not a switch.
        if (lastText !== null) changedAt = Date.now();
        lastText = text;
        const servers = fileServers(text, options.service);
        if (servers === null) result.unreadableFiles++;
        else if (servers.length > 0) result.sawServers = true;
        if (options.lenientAtSwitch && changedAt > 0) {
          const moved = recent.filter((f) => changedAt - f.at < SWITCH_BEFORE_MS);
          result.failed -= moved.length;
          result.failedAtSwitch += moved.length;
          result.failures = result.failures.filter((t) => !moved.some((m) => m.text === t));
          recent = [];
        }
      }
      result.sent++;
      const answer = await traefik.get(options.host, options.path, REQUEST_TIMEOUT_MS).then(
        (a) => a,
        (err: Error) => ({ status: 0, body: err.message }),
      );
      if (answer.status === 200) result.ok++;
      else fail(`${answer.status || 'no answer'}${answer.status ? '' : ` (${answer.body})`}`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  let stopped: Promise<ProbeResult> | null = null;
  return {
    traefik,
    stop() {
      stopped ??= (async () => {
        running = false;
        await loop;
        if (own) await traefik.stop();
        return { ...result, failures: result.failures.slice(0, 5) };
      })();
      return stopped;
    },
  };
}

/** What the probe lost, in the report's words; empty: nothing. */
export function probeLost(r: ProbeResult): string[] {
  const lost: string[] = [];
  if (!r.sawServers) lost.push("nothing to probe: the app's Traefik file never named a server while the probe ran");
  if (r.ok === 0) lost.push(`no request through Traefik was answered (${r.sent} sent)`);
  if (r.firstAnswerMs === null) lost.push('Traefik never answered the app before the fault');
  if (r.failed > 0)
    lost.push(`${r.failed} of ${r.sent} requests through Traefik failed${r.failedAtSwitch ? ' outside the switch' : ''} (${r.failures.join(', ')})`);
  if (r.unreadableFiles > 0) lost.push(`${r.unreadableFiles} unreadable Traefik files`);
  return lost;
}

/** The row's request figures: every request sent, every one that failed (at the switch too). */
export function probeFigures(r: ProbeResult): { requests: number; failedRequests: number } {
  return { requests: r.sent, failedRequests: r.failed + r.failedAtSwitch };
}
