/**
 * A start-instance task turned into the Docker Engine's container-create body. Pure: the docker
 * adapter sends what this returns. Only the fields Berth sets are typed here.
 */
import { LABELS } from '../../shared/instance.js';
import type { RunOneOffSpec, StartInstanceSpec } from '../../shared/task.js';

export interface ContainerCreateSpec {
  name: string;
  Image: string;
  Cmd?: string[];
  Env: string[];
  /** An interactive one-off: a TTY with stdin open, attached before it starts. */
  Tty?: boolean;
  OpenStdin?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  Labels: Record<string, string>;
  ExposedPorts?: Record<string, Record<string, never>>;
  HostConfig: {
    PortBindings?: Record<string, Array<{ HostIp: string; HostPort: string }>>;
    RestartPolicy: { Name: string; MaximumRetryCount?: number };
    Memory?: number;
    NanoCpus?: number;
    LogConfig: { Type: string; Config: Record<string, string> };
  };
}

export function containerName(instanceId: string): string {
  return `berth-${instanceId}`;
}

export function instanceLabels(spec: StartInstanceSpec, agentId: string, deploymentId: string | null): Record<string, string> {
  return {
    ...spec.labels,
    [LABELS.app]: spec.app,
    [LABELS.service]: spec.service,
    [LABELS.release]: spec.release,
    [LABELS.deployment]: deploymentId ?? '',
    [LABELS.agent]: agentId,
    [LABELS.instance]: spec.instanceId,
    ...(spec.health ? { [LABELS.health]: JSON.stringify(spec.health) } : {}),
  };
}

export function buildContainerSpec(spec: StartInstanceSpec, agent: { id: string; advertiseAddr: string }, deploymentId: string | null): ContainerCreateSpec {
  const env: Record<string, string> = { ...spec.env };
  if (spec.containerPort !== undefined) env.PORT ??= String(spec.containerPort);
  const portKey = spec.containerPort !== undefined ? `${spec.containerPort}/tcp` : undefined;
  return {
    name: containerName(spec.instanceId),
    Image: spec.image,
    ...(spec.command ? { Cmd: spec.command } : {}),
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    Labels: instanceLabels(spec, agent.id, deploymentId),
    ...(portKey ? { ExposedPorts: { [portKey]: {} } } : {}),
    HostConfig: {
      // HostPort "" lets Docker pick a free port on the advertise address.
      ...(portKey ? { PortBindings: { [portKey]: [{ HostIp: agent.advertiseAddr, HostPort: '' }] } } : {}),
      RestartPolicy: { Name: spec.restart },
      ...(spec.limits.memoryBytes ? { Memory: spec.limits.memoryBytes } : {}),
      ...(spec.limits.cpus ? { NanoCpus: Math.round(spec.limits.cpus * 1e9) } : {}),
      // Bounded logs: a chatty instance must not fill the host's disk.
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
    },
  };
}

/**
 * A one-off (the postdeploy command): the release's image, the app's environment, the command
 * as ["/bin/sh", "-c", command], no ports and no restart. Labelled as a one-off, not an instance,
 * so it never counts as one of the app's instances.
 */
export function buildOneOffSpec(spec: RunOneOffSpec, agentId: string, deploymentId: string | null): ContainerCreateSpec {
  return {
    name: `berth-${spec.oneOffId}`,
    Image: spec.image,
    Cmd: spec.argv ?? ['/bin/sh', '-c', spec.command ?? ''],
    ...(spec.tty ? { Tty: true, OpenStdin: true, AttachStdin: true, AttachStdout: true, AttachStderr: true } : {}),
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: {
      [LABELS.app]: spec.app,
      [LABELS.release]: spec.release,
      [LABELS.deployment]: deploymentId ?? '',
      [LABELS.agent]: agentId,
      [LABELS.oneOff]: spec.oneOffId,
    },
    HostConfig: {
      RestartPolicy: { Name: 'no' },
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
    },
  };
}
