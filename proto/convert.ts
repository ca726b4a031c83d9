import type { Instance, Instance__Output } from './gen/berth/v1/Instance.js';
import type { InstanceHealth, InstanceState, InstanceStatus } from '../shared/instance.js';
import { INSTANCE_HEALTHS, INSTANCE_STATES } from '../shared/instance.js';

/** Between the domain InstanceStatus and its wire form (int64 arrives as a string). */
export function instanceToProto(i: InstanceStatus): Instance {
  return { ...i };
}

export function instanceFromProto(i: Instance__Output): InstanceStatus {
  return {
    instanceId: i.instanceId,
    containerId: i.containerId,
    app: i.app,
    service: i.service,
    release: i.release,
    deploymentId: i.deploymentId,
    state: oneOf(INSTANCE_STATES, i.state, 'created') as InstanceState,
    health: oneOf(INSTANCE_HEALTHS, i.health, 'unknown') as InstanceHealth,
    containerPort: i.containerPort,
    hostPort: i.hostPort,
    hostIp: i.hostIp,
    exitCode: i.exitCode,
    oomKilled: i.oomKilled,
    image: i.image,
    startedAtMs: Number(i.startedAtMs),
    finishedAtMs: Number(i.finishedAtMs),
  };
}

function oneOf(values: readonly string[], value: string, fallback: string): string {
  return values.includes(value) ? value : fallback;
}
