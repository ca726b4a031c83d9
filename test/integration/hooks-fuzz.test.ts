import { readdir, readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../helpers/cluster.js';
import { applySpec } from '../helpers/deployments.js';
import { prng } from '../helpers/prng.js';

const SEED = Number(process.env.BERTH_FUZZ_SEED ?? 20261123);
const ROUNDS = Number(process.env.BERTH_FUZZ_ROUNDS ?? 5000);
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/vnd.api+json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', '', 'application/json; charset=latin1', '*/*', 'application/xml'];
const EVENT_HEADERS = ['x-github-event', 'x-gitlab-event', 'x-event-key', 'x-gitea-event', 'x-forgejo-event', 'x-github-delivery', 'x-request-uuid', 'idempotency-key', 'x-hub-signature-256', 'x-gitlab-token'];
const EVENTS = ['push', 'ping', 'deployment', 'Push Hook', 'Tag Push Hook', 'System Hook', 'repo:push', 'issues', '', 'push\u0000', 'x'.repeat(300)];

let cluster: Cluster;
let url: string;
let fixtures: string[];

beforeAll(async () => {
  cluster = await startCluster();
  applySpec(cluster.controller, JSON.stringify({ name: 'fuzz', services: { web: { git: { repo: 'https://example.test/other/repo.git' }, port: 8080 } } }));
  const token = cluster.controller.store.data.apps.fuzz?.hook.token as string;
  url = `http://127.0.0.1:${cluster.controller.httpPort}/hooks/redeploy/fuzz/${token}`;
  const dir = resolve(import.meta.dirname, '../fixtures/hooks');
  fixtures = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.json')).map(async (f) => {
    const { body } = JSON.parse(await readFile(resolve(dir, f), 'utf8')) as { body: unknown };
    return typeof body === 'string' ? body : JSON.stringify(body);
  }));
});

afterAll(async () => {
  await cluster?.close();
});

/** A body: a real payload cut, corrupted, retyped, or random bytes. */
function mutate(rand: () => number, text: string): Buffer {
  const pick = rand();
  if (pick < 0.2) return Buffer.from(text.slice(0, Math.floor(rand() * text.length)));
  if (pick < 0.4) {
    const bytes = Buffer.from(text);
    for (let i = 0; i < 1 + rand() * 8; i++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
    return bytes;
  }
  if (pick < 0.6) {
    const values = ['null', '[]', '{}', '0', '-1', 'true', '"refs/tags/x"', '"--upload-pack=x"', '"' + 'a'.repeat(1000) + '"', '1e309'];
    return Buffer.from(text.replace(/:\s*("[^"]*"|\d+|true|false|null)/g, (m) => (rand() < 0.15 ? `:${values[Math.floor(rand() * values.length)]}` : m)));
  }
  if (pick < 0.75) return Buffer.from(Array.from({ length: Math.floor(rand() * 512) }, () => Math.floor(rand() * 256)));
  if (pick < 0.85) return Buffer.from(['', '[]', 'null', '"x"', '{"repository":{}}', 'payload=%7B', 'payload=' + encodeURIComponent(text), 'a=b&c'][Math.floor(rand() * 8)] as string);
  return Buffer.from(text);
}

describe('hook fuzzing', { timeout: 300_000 }, () => {
  it(`${ROUNDS} malformed bodies, headers and content types never get a 5xx and never stop the controller`, async () => {
    const rand = prng(SEED);
    const statuses = new Map<number, number>();
    for (let i = 0; i < ROUNDS; i++) {
      const body = mutate(rand, fixtures[Math.floor(rand() * fixtures.length)] as string);
      const headers: Record<string, string> = {};
      const type = CONTENT_TYPES[Math.floor(rand() * CONTENT_TYPES.length)] as string;
      if (type) headers['content-type'] = type;
      for (const name of EVENT_HEADERS) if (rand() < 0.3) headers[name] = EVENTS[Math.floor(rand() * EVENTS.length)]?.replace(/\u0000/g, '') ?? '';
      const query = rand() < 0.3 ? `?services=${['web', 'api', '', ',,', 'web,web'][Math.floor(rand() * 5)]}` : rand() < 0.2 ? '?dry_run=1' : '';
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
