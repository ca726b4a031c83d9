import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../helpers/cluster.js';
import { applySpec } from '../helpers/deployments.js';
import { fuzzHookRequest, loadHookFixtures } from '../helpers/hook-fuzz.js';
import { prng } from '../helpers/prng.js';
import { specText } from '../helpers/app-specs.js';

const SEED = Number(process.env.BERTH_FUZZ_SEED ?? 20261123);
const ROUNDS = Number(process.env.BERTH_FUZZ_ROUNDS ?? 5000);
let cluster: Cluster;
let url: string;
let fixtures: string[];

beforeAll(async () => {
  cluster = await startCluster();
  applySpec(cluster.controller, specText({ name: 'fuzz', services: { web: { git: { repo: 'https://example.test/other/repo.git' }, port: 8080 } } }));
  const token = cluster.controller.store.data.apps.fuzz?.hook.token as string;
  url = `http://127.0.0.1:${cluster.controller.httpPort}/hooks/redeploy/fuzz/${token}`;
  fixtures = await loadHookFixtures();
});

afterAll(async () => {
  await cluster?.close();
});

describe('hook fuzzing', { timeout: 300_000 }, () => {
  it(`${ROUNDS} malformed bodies, headers and content types never get a 5xx and never stop the controller`, async () => {
    const rand = prng(SEED);
    const statuses = new Map<number, number>();
    for (let i = 0; i < ROUNDS; i++) {
      const { body, headers, query } = fuzzHookRequest(rand, fixtures);
      const res = await fetch(url + query, { method: 'POST', headers, body: new Uint8Array(body) });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `seed ${SEED}, round ${i}: ${res.status}`).toBeLessThan(500);
    }
    // Several kinds of answer were reached, not one path over and over.
    expect([...statuses.keys()].length).toBeGreaterThanOrEqual(4);
    expect((await fetch(`http://127.0.0.1:${cluster.controller.httpPort}/healthz`)).status).toBe(200);
  });

  it('reads header names in any case, and names such as constructor or __proto__ are only headers', async () => {
    // node:http sends names as written (fetch would lower them first).
    const post = (path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; json: Record<string, unknown> }>((done, fail) => {
        const req = httpRequest(url + path, { method: 'POST', headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
        });
        req.on('error', fail);
        req.end();
      });
    const ping = await post('', { 'X-GitHub-Event': 'ping', 'X-GitHub-Delivery': 'Case-Delivery-1' });
    expect(ping).toMatchObject({ status: 200, json: { decision: 'ignored', reason: 'ping: the hook is set up' } });
    const logged = cluster.controller.store.data.hookLog.fuzz?.at(-1);
    expect(logged).toMatchObject({ source: 'github', event: 'ping', deliveryId: 'Case-Delivery-1' });

    const odd = await post('?dry_run=1', { constructor: 'x', ['__proto__']: 'y', toString: 'z', hasOwnProperty: 'w', 'Idempotency-Key': 'odd-1' });
    expect(odd).toMatchObject({ status: 200, json: { decision: 'deploy', services: ['web'], dryRun: true } });
  });
});
