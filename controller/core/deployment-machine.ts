/**
 * The deployment state machine: one union of states, one union of events, and one pure
 * `transition` that returns the next deployment and the effects for the runner to carry out.
 *
 *   queued ─start─▶ building ─built─▶ starting ─started─▶ verifying ─verified─┬─▶ postdeploy ─┐
 *                                                                             │  (if a command) │
 *                                                                             └──────▶ routing ◀┘
 *                                                                        routed │
 *                                                                               ▼
 *                                       succeeded ◀─drained─ draining
 *
 *   fail:   queued … routing ─▶ failed     (records the phase and the reason; new instances removed,
 *                                           routing and the old instances untouched)
 *   cancel: queued … postdeploy ─▶ cancelled (the same clean-up; once routing starts it is too late)
 *
 * A failure while draining does not undo the switch: the new release serves; the deployment
 * succeeds with a warning.
 */
import { BerthError } from '../../shared/errors.js';

export const ACTIVE_STATES = ['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining'] as const;
export const TERMINAL_STATES = ['succeeded', 'failed', 'cancelled'] as const;

/** The reason of an operator's cancel (berth deployments cancel); a stopping controller aborts with another. */
export const OPERATOR_CANCEL = 'cancelled by an operator';
export type ActiveState = (typeof ACTIVE_STATES)[number];
export type TerminalState = (typeof TERMINAL_STATES)[number];
export type DeploymentState = ActiveState | TerminalState;

export interface DeploymentFailure {
  phase: ActiveState;
  reason: string;
  /** Exit code of the instance or postdeploy container that failed it (-128: timed out). */
  exitCode?: number;
  /** Last lines of the output of what failed. */
  output?: string[];
}

export interface Deployment {
  id: string;
  app: string;
  release: string;
  state: DeploymentState;
  hasPostdeploy: boolean;
  /** Every transition with its time, oldest first. */
  history: Array<{ state: DeploymentState; atMs: number }>;
  failure: DeploymentFailure | null;
  warnings: string[];
}

export type DeploymentEvent =
  | { type: 'start' }
  /** The release is known once built (a rollback names it from the start). */
  | { type: 'built'; release: string; hasPostdeploy: boolean }
  | { type: 'started' }
  | { type: 'verified' }
  | { type: 'postdeploy-succeeded' }
  | { type: 'routed' }
  | { type: 'drained' }
  | { type: 'fail'; reason: string; exitCode?: number; output?: string[] }
  | { type: 'cancel'; reason?: string };

export type DeploymentEffect =
  | { kind: 'build' }
  | { kind: 'start-instances' }
  | { kind: 'verify-instances' }
  | { kind: 'run-postdeploy' }
  | { kind: 'route' }
  | { kind: 'drain-old' }
  | { kind: 'remove-new-instances' }
  | { kind: 'finish' };

const NEXT: Partial<Record<DeploymentEvent['type'], { from: ActiveState; to: (d: Deployment) => DeploymentState }>> = {
  start: { from: 'queued', to: () => 'building' },
  built: { from: 'building', to: () => 'starting' },
  started: { from: 'starting', to: () => 'verifying' },
  verified: { from: 'verifying', to: (d) => (d.hasPostdeploy ? 'postdeploy' : 'routing') },
  'postdeploy-succeeded': { from: 'postdeploy', to: () => 'routing' },
  routed: { from: 'routing', to: () => 'draining' },
  drained: { from: 'draining', to: () => 'succeeded' },
};

/** Read-only (the type says so): effectsOnEntry hands out copies. */
const ENTRY_EFFECTS: Readonly<Partial<Record<DeploymentState, readonly DeploymentEffect[]>>> = {
  building: [{ kind: 'build' }],
  starting: [{ kind: 'start-instances' }],
  verifying: [{ kind: 'verify-instances' }],
  postdeploy: [{ kind: 'run-postdeploy' }],
  routing: [{ kind: 'route' }],
  draining: [{ kind: 'drain-old' }],
  succeeded: [{ kind: 'finish' }],
  failed: [{ kind: 'remove-new-instances' }, { kind: 'finish' }],
  cancelled: [{ kind: 'remove-new-instances' }, { kind: 'finish' }],
};

/**
 * The effects a state starts with; a restarted controller resumes a deployment with them. A new
 * array every time: the runner consumes its effect lists (shift), and handing out the table's own
 * array once let a resumed deployment empty it for every later deployment in that process.
 */
export function effectsOnEntry(state: DeploymentState): DeploymentEffect[] {
  return [...(ENTRY_EFFECTS[state] ?? [])];
}

export function isTerminal(state: DeploymentState): state is TerminalState {
  return (TERMINAL_STATES as readonly string[]).includes(state);
}

export function newDeployment(fields: { id: string; app: string; release: string; hasPostdeploy: boolean }, now: number): Deployment {
  return { ...fields, state: 'queued', history: [{ state: 'queued', atMs: now }], failure: null, warnings: [] };
}

function enter(d: Deployment, state: DeploymentState, now: number, patch: Partial<Deployment> = {}): { deployment: Deployment; effects: DeploymentEffect[] } {
  return {
    deployment: { ...d, ...patch, state, history: [...d.history, { state, atMs: now }] },
    effects: effectsOnEntry(state),
  };
}

export function transition(d: Deployment, event: DeploymentEvent, now: number): { deployment: Deployment; effects: DeploymentEffect[] } {
  if (isTerminal(d.state)) {
    throw new BerthError('FAILED_PRECONDITION', `deployment ${d.id} is already ${d.state}`, { deploymentId: d.id, state: d.state });
  }
  const phase = d.state;
  if (event.type === 'fail') {
    if (phase === 'draining') {
      // The switch happened: the new release serves. Old instances that would not stop are a warning.
      return enter(d, 'succeeded', now, { warnings: [...d.warnings, `draining: ${event.reason}`] });
    }
    const failure: DeploymentFailure = {
      phase,
      reason: event.reason,
      ...(event.exitCode !== undefined ? { exitCode: event.exitCode } : {}),
      ...(event.output ? { output: event.output } : {}),
    };
    return enter(d, 'failed', now, { failure });
  }
  if (event.type === 'cancel') {
    if (phase === 'routing' || phase === 'draining') {
      throw new BerthError('FAILED_PRECONDITION', `deployment ${d.id} is ${phase}: traffic is already moving to the new release, too late to cancel`, {
        deploymentId: d.id,
      });
    }
    return enter(d, 'cancelled', now, { failure: { phase, reason: event.reason ?? OPERATOR_CANCEL } });
  }
  const step = NEXT[event.type];
  if (!step || step.from !== phase) {
    throw new BerthError('FAILED_PRECONDITION', `deployment ${d.id} is ${phase}; "${event.type}" does not apply`, {
      deploymentId: d.id,
      state: phase,
      event: event.type,
    });
  }
  const built = event.type === 'built' ? { ...d, release: event.release, hasPostdeploy: event.hasPostdeploy } : d;
  return enter(built, step.to(built), now);
}
