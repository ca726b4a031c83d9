/** Which Docker container events become instance events. */
import type { InstanceEventKind } from '../../shared/instance.js';

export interface DockerEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export type InstanceSignal = InstanceEventKind | 'died' | 'oom';

/**
 * "die" is returned as "died": the caller inspects the container to learn whether the kernel's
 * OOM killer ended it (reported as oom_killed) or it exited with a code. "oom" (the kernel's OOM
 * killer killed a process in the container) is returned too: see exitKind.
 */
export function signalFromDockerEvent(event: DockerEvent): InstanceSignal | null {
  if (event.Type !== undefined && event.Type !== 'container') return null;
  const action = event.Action ?? event.status ?? '';
  if (action === 'start') return 'started';
  if (action === 'die') return 'died';
  if (action === 'oom') return 'oom';
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

/** SIGKILL's exit status: what a container whose main process the OOM killer ended exits with. */
const KILLED = 137;

/**
 * How a container that died ended. Docker's own flag (inspect's State.OOMKilled) is set from the
 * engine's "oom" event, which a loaded machine can deliver after the "die": an "oom" seen for the
 * container, with a death by SIGKILL, counts as well. An "oom" that killed only a child process
 * (the container exited some other way) does not.
 */
export function exitKind(died: { oomKilledFlag: boolean; oomSeen: boolean; exitCode: number | null }): 'oom_killed' | 'exited' {
  if (died.oomKilledFlag) return 'oom_killed';
  return died.oomSeen && died.exitCode === KILLED ? 'oom_killed' : 'exited';
}

/** An "oom" event after the container was already reported exited by SIGKILL: it was the OOM killer after all. */
export function isLateOom(last: { state: string; exitCode: number; oomKilled: boolean } | undefined): boolean {
  return last !== undefined && last.state === 'exited' && last.exitCode === KILLED && !last.oomKilled;
}
