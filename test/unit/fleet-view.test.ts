import { describe, expect, it } from 'vitest';
import { fleetView } from '../../controller/core/fleet-view.js';
import type { AgentRecord } from '../../shared/agent.js';

const agent = (id: string, fields: Partial<AgentRecord> = {}): AgentRecord =>
  ({ id, alive: true, draining: false, labels: {}, instances: {}, downSinceMs: null, ...fields }) as AgentRecord;

describe('fleetView', () => {
  it("counts an agent's running, known and planned instances once each, and says who can take more", () => {
    const view = fleetView({
      agents: {
        a: agent('a', {
          labels: { zone: 'x' },
          instances: { i1: { instanceId: 'i1', state: 'running' } as never, i9: { instanceId: 'i9', state: 'exited' } as never },
        }),
        b: agent('b', { draining: true }),
        c: agent('c', { alive: false }),
      },
      instances: { i1: { instanceId: 'i1', agentId: 'a' }, i2: { instanceId: 'i2', agentId: 'a' } },
      deployments: {
        going: { state: 'starting', plan: { start: [{ instanceId: 'i3', agentId: 'b' }], keep: [], stop: [] } } as never,
        ended: { state: 'failed', plan: { start: [{ instanceId: 'i4', agentId: 'b' }], keep: [], stop: [] } } as never,
      },
    });
    expect(view).toEqual([
      { id: 'a', status: 'ready', labels: { zone: 'x' }, load: 2 },
      { id: 'b', status: 'draining', labels: {}, load: 1 },
      { id: 'c', status: 'down', labels: {}, load: 0 },
    ]);
  });
});
