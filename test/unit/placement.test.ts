import { describe, expect, it } from 'vitest';
import { placeReplicas, type PlacementAgent } from '../../controller/core/placement.js';

const agent = (id: string, load = 0, labels: Record<string, string> = {}, status: PlacementAgent['status'] = 'ready'): PlacementAgent => ({ id, load, labels, status });
const request = (replicas: number, labels: Record<string, string> = {}) => ({ app: 'shop', service: 'web', replicas, labels });
const agentsOf = (r: ReturnType<typeof placeReplicas>) => (r.ok ? r.placements.map((p) => p.agentId) : r.reason);

describe('placeReplicas', () => {
  it.each([
    ['spreads over agents, least loaded first', request(2), [agent('a', 5), agent('b', 1), agent('c', 3)], ['b', 'c']],
    ['never two on one agent while agents suffice', request(3), [agent('a'), agent('b'), agent('c')], ['a', 'b', 'c']],
    ['wraps round when replicas outnumber agents', request(5), [agent('a'), agent('b', 1)], ['a', 'b', 'a', 'b', 'a']],
    ['ties break on the id', request(1), [agent('b'), agent('a')], ['a']],
    ['skips down and draining agents', request(2), [agent('a', 0, {}, 'down'), agent('b', 0, {}, 'draining'), agent('c', 9)], ['c', 'c']],
    ['honours placement labels', request(2, { region: 'eu' }), [agent('a', 0, { region: 'us' }), agent('b', 7, { region: 'eu' }), agent('c', 9, { region: 'eu', disk: 'ssd' })], ['b', 'c']],
    ['zero replicas place nothing', request(0), [], []],
  ])('%s', (_name, req, agents, expected) => {
    expect(agentsOf(placeReplicas(req, agents))).toEqual(expected);
  });

  it('numbers replicas from 0', () => {
    const r = placeReplicas(request(2), [agent('a'), agent('b')]);
    expect(r.ok && r.placements).toEqual([{ replica: 0, agentId: 'a' }, { replica: 1, agentId: 'b' }]);
  });

  it.each([
    ['says why for each agent', request(1, { region: 'eu', disk: 'ssd' }), [agent('b', 0, {}, 'down'), agent('a', 0, { region: 'eu' }), agent('c', 0, {}, 'draining')], 'no agent can run shop/web: a: lacks disk=ssd; b: down; c: draining'],
    ['says when no agent joined', request(1), [], 'no agent can run shop/web: no agents have joined'],
  ])('when nothing fits it %s', (_name, req, agents, reason) => {
    expect(placeReplicas(req, agents)).toEqual({ ok: false, reason });
  });
});

describe('placeReplicas with replicas that stay', () => {
  it('a scale-up goes first to agents without a replica of the service', () => {
    const r = placeReplicas({ ...request(2), existing: { a: 1, b: 1 } }, [agent('a'), agent('b'), agent('c', 4)]);
    expect(agentsOf(r)).toEqual(['c', 'a']);
  });
});
