/** Reads an InstanceStatus out of a container's inspect data (the subset Berth uses). */
import { LABELS, type InstanceHealth, type InstanceState, type InstanceStatus } from '../../shared/instance.js';

export interface ContainerInspect {
  Id: string;
  Name?: string;
  Config: { Image: string; Labels: Record<string, string> | null; Healthcheck?: { Test?: string[] } | null };
  State: {
    Status: string;
    Running: boolean;
    ExitCode: number;
    OOMKilled: boolean;
    StartedAt: string;
    FinishedAt: string;
    Health?: { Status: string } | null;
  };
  NetworkSettings: { Ports: Record<string, Array<{ HostIp: string; HostPort: string }> | null> | null };
}

const NEVER = '0001-01-01T00:00:00Z';

function parseTime(text: string): number {
  if (!text || text === NEVER) return 0;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? 0 : ms;
}

function stateOf(status: string): InstanceState {
  // "restarting" is a crash loop waiting for its next try: not serving, so not running.
  if (status === 'running' || status === 'paused') return 'running';
  if (status === 'created') return 'created';
  if (status === 'removing') return 'removed';
  return 'exited';
}

export function dockerHealth(status: string | undefined): InstanceHealth {
  return status === 'healthy' ? 'healthy' : status === 'unhealthy' ? 'unhealthy' : 'unknown';
}

/**
 * `health` is what the agent last concluded (its own probe, or Docker's HEALTHCHECK status when
 * the image has one); the container data alone cannot tell a probe result.
 */
export function instanceFromContainer(c: ContainerInspect, health?: InstanceHealth): InstanceStatus {
  const labels = c.Config.Labels ?? {};
  const ports = c.NetworkSettings.Ports ?? {};
  const [portKey, bindings] = Object.entries(ports).find(([, b]) => b && b.length > 0) ?? [undefined, null];
  const binding = bindings?.[0];
  const state = stateOf(c.State.Status);
  return {
    instanceId: labels[LABELS.instance] ?? '',
    containerId: c.Id,
    app: labels[LABELS.app] ?? '',
    service: labels[LABELS.service] ?? '',
    release: labels[LABELS.release] ?? '',
    deploymentId: labels[LABELS.deployment] ?? '',
    state,
    health: state !== 'running' ? 'unknown' : (health ?? dockerHealth(c.State.Health?.Status)),
    containerPort: portKey ? Number.parseInt(portKey, 10) : 0,
    hostPort: binding ? Number(binding.HostPort) : 0,
    hostIp: binding?.HostIp ?? '',
    exitCode: parseTime(c.State.FinishedAt) ? c.State.ExitCode : -1,
    oomKilled: c.State.OOMKilled,
    image: c.Config.Image,
    startedAtMs: parseTime(c.State.StartedAt),
    finishedAtMs: parseTime(c.State.FinishedAt),
  };
}

export function hasDockerHealthcheck(c: Pick<ContainerInspect, 'Config'>): boolean {
  const test = c.Config.Healthcheck?.Test;
  return Array.isArray(test) && test.length > 0 && test[0] !== 'NONE';
}
