/**
 * Brings a loaded state up to the current schema: refuses a layout it does not know (written by
 * another version of Berth: guessing would lose the fleet), and fills in tables and fields added
 * since schema 1 was first written, so older data dirs load as they are.
 */
import { BerthError } from '../../shared/errors.js';
import { newHookToken } from '../../shared/ids.js';
import type { ControllerState } from './schema.js';

/** `source`: the file it came from, for the error. */
export function migrateState(loaded: Record<string, unknown>, source: string): ControllerState {
  if (loaded.schemaVersion !== 1 || typeof loaded.agents !== 'object' || typeof loaded.instances !== 'object') {
    throw new BerthError(
      'STORE_CORRUPT',
      `state file ${source} has an unknown layout (schemaVersion ${String(loaded.schemaVersion)}); it was written by another version of Berth`,
      { path: source },
    );
  }
  const state = loaded as unknown as ControllerState;
  state.apps ??= {};
  state.releases ??= {};
  state.deployments ??= {};
  state.hookLog ??= {};
  state.tokens ??= {};
  state.joinTokens ??= [];
  state.agentCredentials ??= {};
  state.runs ??= {};
  state.scheduleMarks ??= {};
  state.cluster ??= { adminToken: null };
  for (const instance of Object.values(state.instances)) instance.container ??= instance.instanceId;
  for (const app of Object.values(state.apps)) {
    app.routed ??= null;
    app.nextReleaseNumber ??= 1;
    app.hook ??= { token: newHookToken(), secret: null };
    app.notify ??= { urls: [], secret: newHookToken() };
    app.github ??= null;
  }
  return state;
}
