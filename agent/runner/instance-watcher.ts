/**
 * Keeps the agent's view of its instances: follows Docker's event stream (resubscribing and
 * resynchronising when the engine restarts), probes health where the start task asked, and turns
 * every change into an instance event report.
 */
import { errorMessage } from '../../shared/errors.js';
import { LABELS, type InstanceEventKind, type InstanceHealth, type InstanceStatus } from '../../shared/instance.js';
import type { Logger } from '../../shared/logger.js';
import type { ContainerRuntime } from '../adapters/docker.js';
import type { ReportStream } from '../adapters/report-stream.js';
import { exitCodeFromDockerEvent, exitKind, isLateOom, signalFromDockerEvent, type DockerEvent } from '../core/docker-event.js';
import { healthCheckFromLabels } from '../core/health-label.js';
import { hasDockerHealthcheck, instanceFromContainer, type ContainerInspect } from '../core/instance-from-container.js';
import { instanceToProto } from '../../proto/convert.js';
import { HealthProber } from './health-prober.js';

function healthSource(c: ContainerInspect): 'docker' | 'probe' | 'none' {
  const check = healthCheckFromLabels(c.Config.Labels);
  if (hasDockerHealthcheck(c) && check?.type !== 'http') return 'docker';
  return check && check.type !== 'none' ? 'probe' : 'none';
}

export class InstanceWatcher {
  /** Last status reported per instance id. */
  private readonly known = new Map<string, InstanceStatus>();
  /** Instances Docker reported an "oom" for that have not died since (docker-event.ts: exitKind). */
  private readonly oomSeen = new Set<string>();
  private readonly prober: HealthProber;
  private stopEvents: (() => void) | null = null;
  private stopped = false;
  private resubscribing = false;
  private resubscribeDelayMs = 250;
  private eventChain: Promise<void> = Promise.resolve();

  constructor(
    private readonly docker: ContainerRuntime,
    private readonly agent: { id: string; advertiseAddr: string },
    private readonly reports: () => ReportStream | null,
    private readonly log: Logger,
  ) {
    this.prober = new HealthProber((instanceId, health) => void this.onProbe(instanceId, health));
  }

  /** Lists this agent's containers, starts probes for running ones and remembers them. */
  async start(): Promise<void> {
    await this.subscribe();
    await this.resync(false);
  }

  stop(): void {
    this.stopped = true;
    this.stopEvents?.();
    this.prober.stopAll();
  }

  /** Every instance as of now, for the hello. */
  async currentInstances(): Promise<InstanceStatus[]> {
    const containers = await this.docker.listInstanceContainers(this.agent.id);
    return containers.map((c) => this.statusOf(c));
  }

  runningCount(): number {
    let n = 0;
    for (const i of this.known.values()) if (i.state === 'running') n++;
    return n;
  }

  /** Called by the task runner right after it starts or finds a container. */
  track(container: ContainerInspect): InstanceStatus {
    const status = this.statusOf(container);
    this.known.set(status.instanceId, status);
    this.updateProbe(container, status);
    return status;
  }

  /**
   * Health comes from one source per instance: Docker's HEALTHCHECK where the image has one and no
   * HTTP path was asked for; else the agent's own probe; with nothing to probe, running is healthy
   * (the controller's stability window then watches it stay up).
   */
  private statusOf(c: ContainerInspect): InstanceStatus {
    const instanceId = c.Config.Labels?.[LABELS.instance] ?? '';
    const source = healthSource(c);
    const health = source === 'docker' ? undefined : source === 'probe' ? (this.prober.health(instanceId) ?? 'unknown') : 'healthy';
    return instanceFromContainer(c, health);
  }

  private updateProbe(c: ContainerInspect, status: InstanceStatus): void {
    const check = healthCheckFromLabels(c.Config.Labels);
    // No published port (yet): nothing to probe, and the health stays unknown.
    if (status.state !== 'running' || !check || healthSource(c) !== 'probe' || status.hostPort === 0) {
      this.prober.unwatch(status.instanceId);
      return;
    }
    if (this.prober.health(status.instanceId) === undefined) {
      this.prober.watch(status.instanceId, { host: status.hostIp || this.agent.advertiseAddr, port: status.hostPort }, check);
    }
  }

  private async subscribe(): Promise<void> {
    this.stopEvents?.();
    this.stopEvents = await this.docker.streamEvents(
      this.agent.id,
      // One event at a time, in Docker's order: concurrent inspects could report a "die" after
      // its "destroy" and bring a removed instance back.
      (event) => {
        this.eventChain = this.eventChain.then(() => this.onDockerEvent(event));
      },
      (err) => {
        if (!this.resubscribing) void this.onEventsEnded(err);
      },
    );
  }

  private async onEventsEnded(err: unknown): Promise<void> {
    if (this.stopped) return;
    this.resubscribing = true;
    try {
      await this.resubscribe(err);
    } finally {
      this.resubscribing = false;
    }
  }

  private async resubscribe(err: unknown): Promise<void> {
    this.log.warn({ err: err ? errorMessage(err) : undefined }, 'Docker event stream ended; resubscribing');
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, this.resubscribeDelayMs));
      if (this.stopped) return;
      try {
        await this.subscribe();
        await this.resync(true);
        this.resubscribeDelayMs = 250;
        this.log.info('Docker event stream resumed');
        return;
      } catch (e) {
        this.resubscribeDelayMs = Math.min(this.resubscribeDelayMs * 2, 5000);
        this.log.warn({ err: errorMessage(e) }, 'Docker is not reachable; retrying');
      }
    }
  }

  /** Compares what Docker has with what was last reported, and reports the differences. */
  private async resync(report: boolean): Promise<void> {
    const containers = await this.docker.listInstanceContainers(this.agent.id);
    const seen = new Set<string>();
    for (const c of containers) {
      const before = this.known.get(c.Config.Labels?.[LABELS.instance] ?? '');
      const status = this.track(c);
      seen.add(status.instanceId);
      if (report && (!before || before.state !== status.state)) {
        this.emit(status.state === 'running' ? 'started' : status.oomKilled ? 'oom_killed' : 'exited', status);
      }
    }
    for (const [id, status] of this.known) {
      if (seen.has(id)) continue;
      this.known.delete(id);
      this.prober.unwatch(id);
      if (report) this.emit('removed', { ...status, state: 'removed', health: 'unknown' });
    }
  }

  private async onDockerEvent(event: DockerEvent): Promise<void> {
    const signal = signalFromDockerEvent(event);
    const instanceId = event.Actor?.Attributes?.[LABELS.instance];
    const containerId = event.Actor?.ID ?? event.id;
    if (!signal || !instanceId || !containerId) return;
    if (signal === 'oom') {
      const last = this.known.get(instanceId);
      if (isLateOom(last)) {
        const status = { ...(last as InstanceStatus), oomKilled: true };
        this.known.set(instanceId, status);
        this.emit('oom_killed', status);
      } else if (last?.state !== 'exited') this.oomSeen.add(instanceId);
      return;
    }
    try {
      if (signal === 'removed') {
        this.oomSeen.delete(instanceId);
        const last = this.known.get(instanceId);
        this.known.delete(instanceId);
        this.prober.unwatch(instanceId);
        this.emit('removed', { ...(last ?? this.placeholder(instanceId, containerId, event)), state: 'removed', health: 'unknown' });
        return;
      }
      const container = await this.docker.inspect(containerId);
      if (!container) return; // removed meanwhile; its destroy event follows
      const tracked = this.track(container);
      if (signal !== 'died') {
        this.emit(signal, tracked);
        return;
      }
      this.reportExit(tracked, exitCodeFromDockerEvent(event) ?? tracked.exitCode);
    } catch (err) {
      if (signal === 'died') {
        // The engine may be going away (a restart stops the containers, then refuses calls): the
        // exit is reported from the event and what was known, so routes leave it at once.
        const last = this.known.get(instanceId) ?? this.placeholder(instanceId, containerId, event);
        this.reportExit({ ...last, oomKilled: false }, exitCodeFromDockerEvent(event) ?? last.exitCode);
        this.log.warn({ instanceId, err: errorMessage(err) }, 'cannot inspect a container that died; its exit is reported from the event');
        return;
      }
      this.log.warn({ instanceId, signal, err: errorMessage(err) }, 'cannot inspect container after event');
    }
  }

  /** Reports a container's death: oom_killed or exited (docker-event.ts: exitKind), `last` as inspected or known. */
  private reportExit(last: InstanceStatus, exitCode: number): void {
    this.prober.unwatch(last.instanceId);
    const kind = exitKind({ oomKilledFlag: last.oomKilled, oomSeen: this.oomSeen.delete(last.instanceId), exitCode });
    const status: InstanceStatus = { ...last, state: 'exited', health: 'unknown', exitCode, oomKilled: kind === 'oom_killed' };
    // Kept as reported, so a late "oom" finds the exit it explains.
    this.known.set(last.instanceId, status);
    this.emit(kind, status);
  }

  private async onProbe(instanceId: string, health: InstanceHealth): Promise<void> {
    const last = this.known.get(instanceId);
    if (last?.state !== 'running') return;
    const status = { ...last, health };
    this.known.set(instanceId, status);
    this.log.info({ instanceId, health }, 'instance health changed');
    this.emit(health === 'healthy' ? 'healthy' : 'unhealthy', status);
  }

  private placeholder(instanceId: string, containerId: string, event: DockerEvent): InstanceStatus {
    const a = event.Actor?.Attributes ?? {};
    return {
      instanceId,
      containerId,
      app: a[LABELS.app] ?? '',
      service: a[LABELS.service] ?? '',
      release: a[LABELS.release] ?? '',
      deploymentId: a[LABELS.deployment] ?? '',
      state: 'removed',
      health: 'unknown',
      containerPort: 0,
      hostPort: 0,
      hostIp: '',
      exitCode: -1,
      oomKilled: false,
      image: a.image ?? '',
      startedAtMs: 0,
      finishedAtMs: 0,
    };
  }

  private emit(kind: InstanceEventKind, status: InstanceStatus): void {
    this.known.set(status.instanceId, status);
    if (kind === 'removed') this.known.delete(status.instanceId);
    this.reports()?.report({ instanceEvent: { kind, instance: instanceToProto(status) } });
  }
}
