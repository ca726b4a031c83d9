/**
 * At-most-once application of at-least-once delivery: a task is applied only if its id was not
 * seen recently and its deadline has not passed.
 */
import type { Task } from '../../shared/task.js';

export type TaskDecision = 'apply' | 'duplicate' | 'expired';

export function decideTask(task: Pick<Task, 'id' | 'deadlineMs'>, now: number, seen: RecentTaskIds): TaskDecision {
  if (seen.has(task.id)) return 'duplicate';
  if (now > task.deadlineMs) return 'expired';
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
