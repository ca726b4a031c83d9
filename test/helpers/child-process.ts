/** Stopping the real processes tests start (nats-server, Traefik, dockerd, controllers, agents). */
import type { ChildProcess } from 'node:child_process';

/**
 * Sends `signal` to a child still running and resolves once it has exited; a child that ignores
 * SIGTERM gets SIGKILL after `killAfterMs`. A child already gone resolves at once.
 */
export async function stopChild(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM', killAfterMs = 15_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(timer);
}
