/**
 * Probes an app the way Traefik would reach it, continuously: every few milliseconds it reads the
 * app's Traefik file as it is on disk and sends a request to the next server it names. A request
 * that fails within a second of the file changing is "at the switch"; any other is a failure. A
 * file that does not parse (a partial write) is counted too.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';

export interface ProbeResult {
  ok: number;
  failed: number;
  failedAtSwitch: number;
  unreadableFiles: number;
  /** The first few failures, for the report. */
  failures: string[];
}

type TraefikFile = { http?: { services?: Record<string, { loadBalancer?: { servers?: Array<{ url: string }> } }> } };

export function startRouteProbe(file: string, service: string, path: string, everyMs = 25): { stop(): Promise<ProbeResult> } {
  const result: ProbeResult = { ok: 0, failed: 0, failedAtSwitch: 0, unreadableFiles: 0, failures: [] };
  let running = true;
  let lastText: string | null = null;
  let changedAt = 0;
  let next = 0;
  const loop = (async () => {
    while (running) {
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text !== null) {
        if (text !== lastText) {
          lastText = text;
          changedAt = Date.now();
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
            if (result.failures.length < 5) result.failures.push(`${new Date().toISOString()} ${url}${path}`);
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
      return result;
    },
  };
}
