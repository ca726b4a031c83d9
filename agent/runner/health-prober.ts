/**
 * Probes instances the way their start task asked: a TCP connect to the published port, or an
 * HTTP GET of a path expecting 2xx/3xx. Reports only transitions: the first success makes an
 * instance healthy; `unhealthyThreshold` failures in a row make it unhealthy.
 */
import type { InstanceHealth } from '../../shared/instance.js';
import type { HealthCheck } from '../../shared/task.js';
import { probeOnce, type ProbeTarget } from '../adapters/instance-probe.js';

interface Watch {
  timer: NodeJS.Timeout | null;
  health: InstanceHealth;
  failures: number;
  stopped: boolean;
  /** Probes made while the instance has never been healthy (a deployment waits on them). */
  bootProbes: number;
}

/** Until an instance is first healthy it is probed fast (50 ms, doubling), then every interval. */
export function nextProbeDelay(watch: Pick<Watch, 'health' | 'bootProbes'>, intervalMs: number): number {
  if (watch.health !== 'unknown') return intervalMs;
  return Math.min(intervalMs, 50 * 2 ** Math.min(watch.bootProbes, 10));
}

export class HealthProber {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly onChange: (instanceId: string, health: InstanceHealth) => void) {}

  watch(instanceId: string, target: ProbeTarget, check: HealthCheck): void {
    this.unwatch(instanceId);
    const watch: Watch = { timer: null, health: 'unknown', failures: 0, stopped: false, bootProbes: 0 };
    this.watches.set(instanceId, watch);
    const tick = async () => {
      const ok = await probeOnce(target, check);
      if (watch.stopped) return;
      watch.failures = ok ? 0 : watch.failures + 1;
      if (watch.health === 'unknown') watch.bootProbes += 1;
      const next: InstanceHealth = ok ? 'healthy' : watch.health === 'healthy' && watch.failures >= check.unhealthyThreshold ? 'unhealthy' : watch.health;
      if (next !== watch.health) {
        watch.health = next;
        this.onChange(instanceId, next);
      }
      watch.timer = setTimeout(tick, nextProbeDelay(watch, check.intervalMs));
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
