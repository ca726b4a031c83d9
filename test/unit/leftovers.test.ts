import { describe, expect, it } from 'vitest';
import { findLeftovers, strandedInstances, type LeftoverState } from '../../controller/core/leftovers.js';

const plan = (start: string[], keep: string[], retire: string[]) => ({
  start: start.map((instanceId) => ({ instanceId, service: 'web', container: 'web-1', agentId: 'a' })),
  keep: keep.map((instanceId) => ({ instanceId, service: 'web', container: 'web-1', agentId: 'a' })),
  retire,
});

function state(fields: Partial<LeftoverState> = {}): LeftoverState {
  const instance = (instanceId: string, agentId = 'a', app = 'shop') => ({ instanceId, app, agentId });
  return {
    apps: { shop: { routed: { instanceIds: ['routed'] } } },
    instances: {
      routed: instance('routed'),
      replaced: instance('replaced'),
      starting: instance('starting'),
      draining: instance('draining'),
      onDownAgent: instance('onDownAgent', 'b'),
      otherApp: instance('otherApp', 'a', 'blog'),
    },
    deployments: {
      going: { app: 'shop', state: 'starting', plan: plan(['starting'], ['routed'], ['draining']) } as never,
      ended: { app: 'shop', state: 'succeeded', plan: plan(['replaced'], [], []) } as never,
    },
    agents: { a: { alive: true } as never, b: { alive: false } as never },
    ...fields,
  };
}

describe('findLeftovers', () => {
  it('what is neither routed nor in a deployment still going, on an agent that is up', () => {
    expect(findLeftovers(state(), 'shop')).toEqual(['replaced']);
  });

  it('once the deployment has ended, what it started, kept or retired is judged like the rest', () => {
    const s = state();
    (s.deployments.going as { state: string }).state = 'failed';
    expect(findLeftovers(s, 'shop')).toEqual(['draining', 'replaced', 'starting']);
  });

  it('an instance on a down agent waits until the agent is back', () => {
    const s = state();
    (s.agents.b as { alive: boolean }).alive = true;
    expect(findLeftovers(s, 'shop')).toEqual(['onDownAgent', 'replaced']);
  });

  it('an app never routed: only what its deployments no longer want', () => {
    expect(findLeftovers(state({ apps: { shop: { routed: null } } }), 'shop')).toEqual(['replaced']);
  });

  it('instances of no app (started by hand, by tasks) are not judged', () => {
    expect(findLeftovers(state(), 'blog')).toEqual([]);
  });
});

describe('strandedInstances', () => {
  it("what the app's routes and the other deployments still going do not name, whatever the agent", () => {
    // `starting` belongs to the deployment going; `draining` is only in its retire list.
    expect(strandedInstances(state(), 'shop', 'mine').sort()).toEqual(['draining', 'onDownAgent', 'replaced']);
  });

  it("a deployment's own new instances are stranded for itself (a rerun plans afresh)", () => {
    const s = state();
    (s.deployments.going as { id: string }).id = 'going';
    expect(strandedInstances(s, 'shop', 'going').sort()).toEqual(['draining', 'onDownAgent', 'replaced', 'starting']);
  });
});
