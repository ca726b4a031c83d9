/** Runs a task as ordered, named steps, so a failure says which step failed and how long each took. */
import { BerthError, toBerthError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

export interface Step<C> {
  name: string;
  run: (context: C) => Promise<void>;
}

export async function runSteps<C>(steps: Step<C>[], context: C, log: Logger): Promise<void> {
  for (const step of steps) {
    const started = Date.now();
    try {
      await step.run(context);
      log.debug({ step: step.name, ms: Date.now() - started }, 'step done');
    } catch (err) {
      const e = toBerthError(err, 'DOCKER_ERROR');
      log.warn({ step: step.name, ms: Date.now() - started, code: e.code, err: e.message }, 'step failed');
      throw new BerthError(e.code, `${step.name}: ${e.message}`, { ...e.details, step: step.name }, { cause: err });
    }
  }
}
