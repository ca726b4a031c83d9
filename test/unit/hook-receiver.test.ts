import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { parseAppSpec } from '../../shared/app-spec.js';
import type { Store } from '../../controller/state/store.js';
import type { HookLogEntry } from '../../controller/state/schema.js';
import type { DeploymentRunner } from '../../controller/pipeline/deployment-runner.js';
import { HookReceiver, REMEMBERED_DELIVERIES } from '../../controller/pipeline/hook-receiver.js';

const TOKEN = 't'.repeat(43);

/** The receiver over an in-memory store and a queue that hands out ids: no disk, no NATS. */
function receiver(hookLog: Record<string, HookLogEntry[]> = {}, now = Date.now()) {
  const data = {
    apps: { shop: { spec: parseAppSpec('name: shop\nservices: { web: { image: "shop:1" } }'), hook: { token: TOKEN, secret: null } } },
    hookLog,
  };
  const store = { data, update: (change: (s: typeof data) => void) => change(data) } as unknown as Store;
  let n = 0;
  const runner = { request: () => ({ id: `d${++n}` }) } as unknown as DeploymentRunner;
  return { hooks: new HookReceiver(store, runner, pino({ level: 'silent' }), null, now), data };
}

const post = (delivery: string) => ({ headers: { 'idempotency-key': delivery }, contentType: '', body: Buffer.alloc(0) });

describe('HookReceiver', () => {
  it('answers a redelivery with the first answer', () => {
    const { hooks } = receiver();
    const first = hooks.receive('shop', TOKEN, new URLSearchParams(), post('a'));
    const again = hooks.receive('shop', TOKEN, new URLSearchParams(), post('a'));
    expect(first.status).toBe(202);
    expect(again.body).toMatchObject({ deployment: first.body.deployment, redelivery: true });
  });

  it('the same delivery id from another host is not a redelivery (each host numbers its own)', () => {
    const { hooks } = receiver();
    const fromGitea = { headers: { 'x-gitea-event': 'push', 'x-gitea-delivery': 'f6266f16' }, contentType: '', body: Buffer.alloc(0) };
    const fromGogs = { headers: { 'x-gogs-event': 'push', 'x-gogs-delivery': 'f6266f16' }, contentType: '', body: Buffer.alloc(0) };
    const first = hooks.receive('shop', TOKEN, new URLSearchParams(), fromGitea);
    const other = hooks.receive('shop', TOKEN, new URLSearchParams(), fromGogs);
    expect(other.body.source).toBe('gogs');
    expect(other.body.redelivery).toBeUndefined();
    expect(other.body.deployment).not.toBe(first.body.deployment);
    expect(hooks.receive('shop', TOKEN, new URLSearchParams(), fromGogs).body).toMatchObject({ deployment: other.body.deployment, redelivery: true });
  });

  it('remembers a bounded number of deliveries, forgetting the oldest first', () => {
    const { hooks } = receiver();
    for (let i = 0; i <= REMEMBERED_DELIVERIES; i++) hooks.receive('shop', TOKEN, new URLSearchParams(), post(`id-${i}`));
    expect(hooks.receive('shop', TOKEN, new URLSearchParams(), post('id-0')).body.redelivery).toBeUndefined();
    expect(hooks.receive('shop', TOKEN, new URLSearchParams(), post(`id-${REMEMBERED_DELIVERIES}`)).body.redelivery).toBe(true);
  });

  it('after a restart, knows the deliveries the stored hook log holds (decided, not rehearsed, within 24 h)', () => {
    const now = Date.now();
    const logged = (deliveryId: string, fields: Partial<HookLogEntry>): HookLogEntry => ({
      atMs: now - 3_600_000,
      source: 'generic',
      event: 'post',
      deliveryId,
      decision: 'deploy',
      reason: 'no git information',
      services: ['web'],
      ref: null,
      deploymentId: 'd-old',
      dryRun: false,
      ...fields,
    });
    const { hooks } = receiver(
      {
        shop: [
          logged('kept', {}),
          logged('stale', { atMs: now - 25 * 3_600_000 }),
          logged('rejected', { decision: 'rejected', deploymentId: null }),
          logged('rehearsed', { dryRun: true, deploymentId: null }),
        ],
      },
      now,
    );
    const again = hooks.receive('shop', TOKEN, new URLSearchParams(), post('kept'), now);
    expect(again).toEqual({
      status: 202,
      body: {
        source: 'generic',
        event: 'post',
        decision: 'deploy',
        deployment: 'd-old',
        services: ['web'],
        ref: null,
        reason: 'no git information',
        redelivery: true,
      },
    });
    for (const id of ['stale', 'rejected', 'rehearsed']) {
      const answer = hooks.receive('shop', TOKEN, new URLSearchParams(), post(id), now);
      expect(answer.body.redelivery, id).toBeUndefined();
      expect(answer.body.deployment, id).toMatch(/^d\d+$/);
    }
  });

  it('keeps the hook log bounded', () => {
    const { hooks, data } = receiver();
    for (let i = 0; i < 300; i++) hooks.receive('shop', TOKEN, new URLSearchParams(), post(`x-${i}`));
    expect(data.hookLog.shop).toHaveLength(200);
  });

  it('answers an unknown app and a wrong token alike', () => {
    const { hooks } = receiver();
    const wrong = hooks.receive('shop', 'x'.repeat(43), new URLSearchParams(), post('w'));
    const unknown = hooks.receive('blog', TOKEN, new URLSearchParams(), post('w'));
    expect(wrong).toEqual(unknown);
    expect(wrong.status).toBe(404);
  });
});
