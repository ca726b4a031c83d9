import { describe, expect, it } from 'vitest';
import {
  effectsOnEntry,
  newDeployment,
  OPERATOR_CANCEL,
  transition,
  type Deployment,
  type DeploymentEvent,
  type DeploymentState,
} from '../../controller/core/deployment-machine.js';

const fresh = (hasPostdeploy = true) => newDeployment({ id: 'd1', app: 'shop', release: 'v2', hasPostdeploy }, 0);

/** Runs events from a fresh deployment; returns the last state and every effect kind in order. */
function run(events: DeploymentEvent[], hasPostdeploy = true): { deployment: Deployment; effects: string[] } {
  let deployment = fresh(hasPostdeploy);
  const effects: string[] = [];
  events.forEach((event, i) => {
    const next = transition(deployment, event, (i + 1) * 1000);
    deployment = next.deployment;
    effects.push(...next.effects.map((e) => e.kind));
  });
  return { deployment, effects };
}

const HAPPY: DeploymentEvent[] = [
  { type: 'start' },
  { type: 'built', release: 'v2', hasPostdeploy: true },
  { type: 'started' },
  { type: 'verified' },
  { type: 'postdeploy-succeeded' },
  { type: 'routed' },
  { type: 'drained' },
];

describe('deployment state machine', () => {
  it('happy path with postdeploy: every phase, its effect, and the time of every transition', () => {
    const { deployment, effects } = run(HAPPY);
    expect(deployment.state).toBe('succeeded');
    expect(deployment.history.map((h) => h.state)).toEqual(['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining', 'succeeded']);
    expect(deployment.history.map((h) => h.atMs)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
    expect(effects).toEqual(['build', 'start-instances', 'verify-instances', 'run-postdeploy', 'route', 'drain-old', 'finish']);
  });

  it('without a postdeploy command the phase is skipped', () => {
    const { deployment, effects } = run(
      [
        { type: 'start' },
        { type: 'built', release: 'v2', hasPostdeploy: false },
        { type: 'started' },
        { type: 'verified' },
        { type: 'routed' },
        { type: 'drained' },
      ],
      false,
    );
    expect(deployment.history.map((h) => h.state)).not.toContain('postdeploy');
    expect(effects).not.toContain('run-postdeploy');
    expect(deployment.state).toBe('succeeded');
  });

  it.each([
    ['queued', 0],
    ['building', 1],
    ['starting', 2],
    ['verifying', 3],
    ['postdeploy', 4],
    ['routing', 5],
  ] as const)('a failure in %s records the phase and removes only the new instances', (phase, steps) => {
    const { deployment, effects } = run([...HAPPY.slice(0, steps), { type: 'fail', reason: 'boom', exitCode: 1, output: ['line'] }]);
    expect(deployment.state).toBe('failed');
    expect(deployment.failure).toEqual({ phase, reason: 'boom', exitCode: 1, output: ['line'] });
    expect(effects.slice(-2)).toEqual(['remove-new-instances', 'finish']);
    expect(effects).not.toContain('drain-old');
  });

  it('a failure while draining keeps the switch: succeeded with a warning', () => {
    const { deployment, effects } = run([...HAPPY.slice(0, 6), { type: 'fail', reason: 'agent a1 did not stop web-0' }]);
    expect(deployment.state).toBe('succeeded');
    expect(deployment.warnings).toEqual(['draining: agent a1 did not stop web-0']);
    expect(effects).not.toContain('remove-new-instances');
  });

  it.each([
    ['queued', 0],
    ['building', 1],
    ['starting', 2],
    ['verifying', 3],
    ['postdeploy', 4],
  ] as const)('cancel in %s cleans up', (phase, steps) => {
    const { deployment, effects } = run([...HAPPY.slice(0, steps), { type: 'cancel' }]);
    expect(deployment.state).toBe('cancelled');
    expect(deployment.failure).toEqual({ phase, reason: 'cancelled by an operator' });
    expect(effects.slice(-2)).toEqual(['remove-new-instances', 'finish']);
  });

  it("an operator's cancel has one reason, the one the runner aborts with and the stages recognise", () => {
    expect(run([{ type: 'cancel' }]).deployment.failure?.reason).toBe(OPERATOR_CANCEL);
    expect(run([{ type: 'cancel', reason: OPERATOR_CANCEL }]).deployment.failure?.reason).toBe(OPERATOR_CANCEL);
    expect(run([{ type: 'cancel', reason: 'the controller is stopping' }]).deployment.failure?.reason).toBe('the controller is stopping');
  });

  it.each([
    ['cancel while routing', [...HAPPY.slice(0, 5), { type: 'cancel' }], /too late to cancel/],
    ['cancel while draining', [...HAPPY.slice(0, 6), { type: 'cancel' }], /too late to cancel/],
    ['an event out of order', [{ type: 'start' }, { type: 'routed' }], /is building; "routed" does not apply/],
    [
      'postdeploy-succeeded without postdeploy',
      [{ type: 'start' }, { type: 'built', release: 'v2', hasPostdeploy: false }, { type: 'started' }, { type: 'verified' }, { type: 'postdeploy-succeeded' }],
      /is routing/,
    ],
    ['anything after the end', [...HAPPY, { type: 'fail', reason: 'late' }], /already succeeded/],
  ] as Array<[string, DeploymentEvent[], RegExp]>)('refuses %s with FAILED_PRECONDITION', (_name, events, message) => {
    const hasPostdeploy = !_name.includes('without postdeploy');
    expect(() => run(events, hasPostdeploy)).toThrowError(message);
    try {
      run(events, hasPostdeploy);
    } catch (err) {
      expect((err as { code: string }).code).toBe('FAILED_PRECONDITION');
    }
  });

  it('does not change the deployment it was given', () => {
    const d = fresh();
    transition(d, { type: 'start' }, 5);
    expect(d.state satisfies DeploymentState).toBe('queued');
    expect(d.history).toHaveLength(1);
  });

  it('hands out its effect lists as copies: a consumed list (a resumed deployment) changes no later transition', () => {
    for (const state of ['routing', 'draining', 'failed'] as const) effectsOnEntry(state).splice(0);
    const resumed = effectsOnEntry('routing');
    resumed.shift();
    expect(effectsOnEntry('routing').map((e) => e.kind)).toEqual(['route']);
    const { effects } = run(HAPPY);
    expect(effects).toEqual(['build', 'start-instances', 'verify-instances', 'run-postdeploy', 'route', 'drain-old', 'finish']);
    const next = transition(fresh(), { type: 'fail', reason: 'x' }, 1);
    next.effects.shift();
    expect(transition(fresh(), { type: 'fail', reason: 'x' }, 2).effects.map((e) => e.kind)).toEqual(['remove-new-instances', 'finish']);
  });
});
