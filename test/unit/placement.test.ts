import { describe, expect, it } from 'vitest';
import { countLoads, placeReplicas, type PlacementAgent, type PlacementRequest } from '../../controller/core/placement.js';
import { prng } from '../helpers/prng.js';

const agent = (id: string, load = 0, labels: Record<string, string> = {}, status: PlacementAgent['status'] = 'ready'): PlacementAgent => ({
  id,
  load,
  labels,
  status,
});
const request = (replicas: number, labels: Record<string, string> = {}) => ({ app: 'shop', service: 'web', replicas, labels });
const agentsOf = (r: ReturnType<typeof placeReplicas>) => (r.ok ? r.placements.map((p) => p.agentId) : r.reason);

describe('placeReplicas', () => {
  it.each([
    ['spreads over agents, least loaded first', request(2), [agent('a', 5), agent('b', 1), agent('c', 3)], ['b', 'c']],
    ['never two on one agent while agents suffice', request(3), [agent('a'), agent('b'), agent('c')], ['a', 'b', 'c']],
    ['wraps round when replicas outnumber agents', request(5), [agent('a'), agent('b', 1)], ['a', 'b', 'a', 'b', 'a']],
    ['ties break on the id', request(1), [agent('b'), agent('a')], ['a']],
    ['skips down and draining agents', request(2), [agent('a', 0, {}, 'down'), agent('b', 0, {}, 'draining'), agent('c', 9)], ['c', 'c']],
    [
      'honours placement labels',
      request(2, { region: 'eu' }),
      [agent('a', 0, { region: 'us' }), agent('b', 7, { region: 'eu' }), agent('c', 9, { region: 'eu', disk: 'ssd' })],
      ['b', 'c'],
    ],
    ['zero replicas place nothing', request(0), [], []],
  ])('%s', (_name, req, agents, expected) => {
    expect(agentsOf(placeReplicas(req, agents))).toEqual(expected);
  });

  it('numbers replicas from 0', () => {
    const r = placeReplicas(request(2), [agent('a'), agent('b')]);
    expect(r.ok && r.placements).toEqual([
      { replica: 0, agentId: 'a' },
      { replica: 1, agentId: 'b' },
    ]);
  });

  it.each([
    [
      'says why for each agent',
      request(1, { region: 'eu', disk: 'ssd' }),
      [agent('b', 0, {}, 'down'), agent('a', 0, { region: 'eu' }), agent('c', 0, {}, 'draining')],
      'no agent can run shop/web: a: lacks disk=ssd; b: down; c: draining',
    ],
    ['says when no agent joined', request(1), [], 'no agent can run shop/web: no agents have joined'],
    [
      'groups agents by reason and names a few of each',
      request(1, { region: 'eu' }),
      [...Array.from({ length: 7 }, (_, i) => agent(`d${i}`, 0, { region: 'eu' }, 'down')), agent('x', 0, {}), agent('y', 0, {})],
      'no agent can run shop/web: d0, d1, d2, d3, d4 and 2 more (7): down; x, y (2): lacks region=eu',
    ],
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

describe('placeReplicas against the plain definition', () => {
  /** The rule as first written: per replica, sort every eligible agent and take the first. */
  function placeBySorting(request: PlacementRequest, agents: PlacementAgent[]): string[] | null {
    const eligible = agents.filter((a) => a.status === 'ready' && Object.entries(request.labels).every(([k, v]) => a.labels[k] === v));
    if (request.replicas > 0 && eligible.length === 0) return null;
    const taken = new Map(eligible.map((a) => [a.id, request.existing?.[a.id] ?? 0]));
    const load = new Map(eligible.map((a) => [a.id, a.load]));
    const out: string[] = [];
    for (let r = 0; r < request.replicas; r++) {
      const best = [...eligible].sort(
        (a, b) => (taken.get(a.id) ?? 0) - (taken.get(b.id) ?? 0) || (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )[0] as PlacementAgent;
      out.push(best.id);
      taken.set(best.id, (taken.get(best.id) ?? 0) + 1);
      load.set(best.id, (load.get(best.id) ?? 0) + 1);
    }
    return out;
  }

  it('places exactly as sorting every agent for every replica would (500 random fleets)', () => {
    const rand = prng(8);
    const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)] as T;
    for (let round = 0; round < 500; round++) {
      const agents: PlacementAgent[] = Array.from({ length: 1 + Math.floor(rand() * 30) }, (_, i) => ({
        id: pick(['a', 'B', 'c-', 'c_', 'z', 'A']) + i,
        status: pick(['ready', 'ready', 'ready', 'down', 'draining'] as const),
        labels: (rand() < 0.5 ? { zone: pick(['x', 'y']) } : {}) as Record<string, string>,
        load: Math.floor(rand() * 5),
      }));
      const existing = rand() < 0.3 ? Object.fromEntries(agents.filter(() => rand() < 0.3).map((a) => [a.id, 1 + Math.floor(rand() * 2)])) : undefined;
      const req: PlacementRequest = {
        app: 'shop',
        service: 'web',
        replicas: Math.floor(rand() * 40),
        labels: rand() < 0.3 ? { zone: 'x' } : {},
        ...(existing ? { existing } : {}),
      };
      const placed = placeReplicas(req, agents);
      const expected = placeBySorting(req, agents);
      expect(placed.ok ? placed.placements.map((p) => p.agentId) : null, `round ${round}`).toEqual(expected);
    }
  });
});

describe('countLoads', () => {
  it('counts every instance an agent runs or is about to run, once', () => {
    const loads = countLoads(
      [
        { agentId: 'a', instanceId: 'i1' },
        { agentId: 'a', instanceId: 'i2' },
      ],
      [
        { agentId: 'a', instanceId: 'i1' },
        { agentId: 'b', instanceId: 'i3' },
      ],
      [
        { agentId: 'b', instanceId: 'i4' },
        { agentId: 'c', instanceId: 'i5' },
        { agentId: 'b', instanceId: 'i3' },
      ],
    );
    expect(Object.fromEntries(loads)).toEqual({ a: 2, b: 2, c: 1 });
  });

  it('so deployments planned one after another spread over the fleet instead of piling on the same idle agents', () => {
    const fleet = ['a', 'b', 'c', 'd'];
    const planned: Array<{ agentId: string; instanceId: string }> = [];
    for (const app of ['x', 'y']) {
      const loads = countLoads([], [], planned);
      const r = placeReplicas(
        { app, service: 'web', replicas: 2, labels: {} },
        fleet.map((id) => agent(id, loads.get(id) ?? 0)),
      );
      if (!r.ok) throw new Error(r.reason);
      planned.push(...r.placements.map((p) => ({ agentId: p.agentId, instanceId: `${app}-${p.replica}` })));
    }
    expect(planned.map((p) => p.agentId).sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});
