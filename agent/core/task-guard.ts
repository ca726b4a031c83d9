/**
 * At-most-once application of at-least-once delivery: a task is applied only if its id was not
 * seen recently, its deadline has not passed, and no newer leader has sent a task since.
 */
import type { Task } from '../../shared/task.js';
import { PROTOCOL_VERSION } from '../../shared/version.js';

export type TaskDecision = 'apply' | 'duplicate' | 'expired' | 'unsupported' | 'stale-term';

/** `highestTerm`: the newest leader's term this agent has seen a task from (0: none, or one controller). */
export function decideTask(
  task: Pick<Task, 'id' | 'deadlineMs' | 'protocol' | 'term'>,
  now: number,
  seen: RecentTaskIds,
  protocol = PROTOCOL_VERSION,
  highestTerm = 0,
): TaskDecision {
  if (seen.has(task.id)) return 'duplicate';
  if (now > task.deadlineMs) return 'expired';
  // Written by a controller newer than this agent can follow: refused, saying to upgrade the agent.
  if (task.protocol > protocol) return 'unsupported';
  // From a leader deposed since: the new leader decides again what runs.
  if (task.term < highestTerm) return 'stale-term';
  return 'apply';
}

/** A bounded set of task ids that forgets the oldest first. */
export class RecentTaskIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }

  get size(): number {
    return this.ids.size;
  }
}
