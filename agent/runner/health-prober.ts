/**
 * Probes instances the way their start task asked: a TCP connect to the published port, or an
 * HTTP GET of a path expecting 2xx/3xx. Reports only transitions: the first success makes an
 * instance healthy; `unhealthyThreshold` failures in a row make it unhealthy.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import type { InstanceHealth } from '../../shared/instance.js';
import type { HealthCheck } from '../../shared/task.js';

export interface ProbeTarget {
  host: string;
  port: number;
}

interface Watch {
  timer: NodeJS.Timeout | null;
  health: InstanceHealth;
  failures: number;
  stopped: boolean;
}

export class HealthProber {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly onChange: (instanceId: string, health: InstanceHealth) => void) {}

  watch(instanceId: string, target: ProbeTarget, check: HealthCheck): void {
    this.unwatch(instanceId);
    const watch: Watch = { timer: null, health: 'unknown', failures: 0, stopped: false };
    this.watches.set(instanceId, watch);
    const tick = async () => {
      const ok = await probeOnce(target, check);
      if (watch.stopped) return;
      watch.failures = ok ? 0 : watch.failures + 1;
      const next: InstanceHealth = ok ? 'healthy' : watch.health === 'healthy' && watch.failures >= check.unhealthyThreshold ? 'unhealthy' : watch.health;
      if (next !== watch.health) {
        watch.health = next;
        this.onChange(instanceId, next);
      }
      watch.timer = setTimeout(tick, check.intervalMs);
      watch.timer.unref();
    };
    watch.timer = setTimeout(tick, 0);
  }

  unwatch(instanceId: string): void {
    const watch = this.watches.get(instanceId);
    if (!watch) return;
    watch.stopped = true;
    if (watch.timer) clearTimeout(watch.timer);
    this.watches.delete(instanceId);
  }

  health(instanceId: string): InstanceHealth | undefined {
    return this.watches.get(instanceId)?.health;
  }

  stopAll(): void {
    for (const id of [...this.watches.keys()]) this.unwatch(id);
  }
}

export function probeOnce(target: ProbeTarget, check: HealthCheck): Promise<boolean> {
  if (check.type === 'http') return probeHttp(target, check.path ?? '/', check.timeoutMs);
  if (check.type === 'tcp') return probeTcp(target, check.timeoutMs);
  return Promise.resolve(true);
}

/**
 * Docker's userland proxy accepts every connection on a published port and closes it at once when
 * nothing listens inside the container, so "connected" alone proves nothing. A connection that
 * stays open for a short window, or on which the server speaks first, counts as listening.
 */
export const TCP_SETTLE_MS = 250;

function probeTcp(target: ProbeTarget, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(settle);
      socket.destroy();
      resolve(ok);
    };
    let settle: NodeJS.Timeout | undefined;
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => {
      settle = setTimeout(() => done(true), Math.min(TCP_SETTLE_MS, timeoutMs));
    });
    socket.once('data', () => done(true));
    socket.once('end', () => done(false));
    socket.once('close', () => done(false));
    socket.once('error', () => done(false));
  });
}

function probeHttp(target: ProbeTarget, path: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: target.host, port: target.port, path, method: 'GET', timeout: timeoutMs, headers: { 'user-agent': 'berth-agent-health' } }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 400);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}
