/** Which Docker container events become instance events. */
import type { InstanceEventKind } from '../../shared/instance.js';

export interface DockerEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export type InstanceSignal = InstanceEventKind | 'died';

/**
 * "die" is returned as "died": the caller inspects the container to learn whether the kernel's
 * OOM killer ended it (reported as oom_killed) or it exited with a code.
 */
export function signalFromDockerEvent(event: DockerEvent): InstanceSignal | null {
  if (event.Type !== undefined && event.Type !== 'container') return null;
  const action = event.Action ?? event.status ?? '';
  if (action === 'start') return 'started';
  if (action === 'die') return 'died';
  if (action === 'destroy') return 'removed';
  if (action === 'health_status: healthy') return 'healthy';
  if (action === 'health_status: unhealthy') return 'unhealthy';
  return null;
}

/**
 * The exit code a "die" event carries. By the time the container is inspected a restart policy may
 * have started it again, and inspect then says nothing of the exit.
 */
export function exitCodeFromDockerEvent(event: DockerEvent): number | null {
  const raw = event.Actor?.Attributes?.exitCode;
  if (raw === undefined || !/^-?\d+$/.test(raw)) return null;
  return Number(raw);
}
