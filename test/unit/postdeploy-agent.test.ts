import { describe, expect, it } from 'vitest';
import type { PlacementAgent } from '../../controller/core/placement.js';
import { choosePostdeployAgent } from '../../controller/core/postdeploy-agent.js';

const agent = (id: string, status: PlacementAgent['status'], labels: Record<string, string> = {}, load = 0): PlacementAgent => ({ id, status, labels, load });
const instance = (service: string, agentId: string) => ({ instanceId: `${service}-${agentId}`, service, container: `${service}-1`, agentId });

describe('choosePostdeployAgent', () => {
  it.each([
    [
      'the first up agent running the service',
      [instance('worker', 'a'), instance('web', 'b'), instance('web', 'c')],
      [agent('a', 'ready'), agent('b', 'ready'), agent('c', 'ready')],
      { ok: true, agentId: 'b' },
    ],
    ['a holder that went down is skipped', [instance('web', 'b'), instance('web', 'c')], [agent('b', 'down'), agent('c', 'ready')], { ok: true, agentId: 'c' }],
    ['a draining holder still holds the image', [instance('web', 'b')], [agent('b', 'draining'), agent('c', 'ready')], { ok: true, agentId: 'b' }],
    [
      'no holder up: placement picks the least loaded ready agent',
      [instance('web', 'b')],
      [agent('b', 'down'), agent('c', 'ready', {}, 3), agent('d', 'ready', {}, 1)],
      { ok: true, agentId: 'd' },
    ],
    ['scaled to zero: placement picks', [], [agent('c', 'ready')], { ok: true, agentId: 'c' }],
  ])('%s', (_, instances, agents, want) => {
    expect(choosePostdeployAgent({ app: 'shop', service: 'web', labels: {}, instances, agents })).toEqual(want);
  });

  it('says why when no agent can take it', () => {
    const choice = choosePostdeployAgent({ app: 'shop', service: 'web', labels: { disk: 'ssd' }, instances: [], agents: [agent('c', 'ready')] });
    expect(choice.ok).toBe(false);
    expect(!choice.ok && choice.reason).toMatch(/^no agent can run the postdeploy container: /);
  });
});
