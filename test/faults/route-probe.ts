/**
 * Probes an app the way Traefik would reach it, continuously: every few milliseconds it reads the
 * app's Traefik file as it is on disk and sends a request to the next server it names. A request
 * that fails within a second after the file changed is "at the switch"; any other is a failure. A
 * file that does not parse (a partial write) is counted too.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';

export interface ProbeResult {
  ok: number;
  failed: number;
  failedAtSwitch: number;
  unreadableFiles: number;
  /** The first few failures outside the switch, for the report. */
  failures: string[];
}

type TraefikFile = { http?: { services?: Record<string, { loadBalancer?: { servers?: Array<{ url: string }> } }> } };

/**
 * `failuresBeforeSwitch`: a failure up to a second before the file changes is at the switch too.
 * For faults where a server dies before anyone can know (its engine killed it), so the file can
 * only follow; where Berth itself moves traffic (a deployment), the file must change first.
 */
export function startRouteProbe(file: string, service: string, path: string, options: { everyMs?: number; failuresBeforeSwitch?: boolean } = {}): { stop(): Promise<ProbeResult> } {
  const everyMs = options.everyMs ?? 25;
  const result: ProbeResult = { ok: 0, failed: 0, failedAtSwitch: 0, unreadableFiles: 0, failures: [] };
  let running = true;
  let lastText: string | null = null;
  let changedAt = 0;
  let next = 0;
  /** Times of the failures counted in the last second, to move them when the file changes. */
  let recentFailures: number[] = [];
  const loop = (async () => {
    while (running) {
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text !== null) {
        if (text !== lastText) {
          lastText = text;
          changedAt = Date.now();
          if (options.failuresBeforeSwitch) {
            const moved = recentFailures.filter((at) => changedAt - at < 1000).length;
            result.failed -= moved;
            result.failedAtSwitch += moved;
            result.failures.splice(result.failures.length - Math.min(moved, result.failures.length));
            recentFailures = [];
          }
        }
        let servers: string[] = [];
        try {
          const config = parseYaml(text) as TraefikFile;
          servers = (config.http?.services?.[service]?.loadBalancer?.servers ?? []).map((s) => s.url);
        } catch {
          result.unreadableFiles++;
        }
        const url = servers[next++ % Math.max(1, servers.length)];
        if (url) {
          const answered = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
          if (answered) result.ok++;
          else if (Date.now() - changedAt < 1000) result.failedAtSwitch++;
          else {
            result.failed++;
            if (options.failuresBeforeSwitch) recentFailures = [...recentFailures.filter((at) => Date.now() - at < 1000), Date.now()];
            result.failures.push(`${new Date().toISOString()} ${url}${path}`);
          }
        }
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { ...result, failures: result.failures.slice(0, 5) };
    },
  };
}
