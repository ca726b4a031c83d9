/**
 * Generated malformed hook requests, shared by the hook fuzz test and the fault suite: real
 * payloads (test/fixtures/hooks) cut, corrupted, retyped or replaced by random bytes, with random
 * content types, event and delivery headers, and query strings.
 */
import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
  'application/json; charset=latin1',
  '*/*',
  'application/xml',
];
const EVENT_HEADERS = [
  'x-github-event',
  'x-gitlab-event',
  'x-event-key',
  'x-gitea-event',
  'x-forgejo-event',
  'x-github-delivery',
  'x-request-uuid',
  'idempotency-key',
  'x-hub-signature-256',
  'x-gitlab-token',
];
const EVENTS = ['push', 'ping', 'deployment', 'Push Hook', 'Tag Push Hook', 'System Hook', 'repo:push', 'issues', '', 'push', 'x'.repeat(300)];
const SIGNATURE_HEADERS = ['x-hub-signature-256', 'x-hub-signature', 'x-gitea-signature', 'x-gitlab-token'];
const SIGNATURES = [
  '',
  'sha256=',
  'sha256=00',
  `sha256=${'0'.repeat(64)}`,
  `sha256=${'g'.repeat(64)}`,
  'sha1=abc',
  '0'.repeat(64),
  'x'.repeat(5000),
  `sha256=${'A'.repeat(64)}`,
];

export interface FuzzedHookRequest {
  body: Buffer;
  headers: Record<string, string>;
  /** "" or "?…" */
  query: string;
}

/** The body of every recorded payload in test/fixtures/hooks (the hosts' published examples too), as sent. */
export async function loadHookFixtures(): Promise<string[]> {
  const dir = resolve(import.meta.dirname, '../fixtures/hooks');
  return Promise.all(
    (await readdir(dir, { recursive: true }))
      .filter((f) => f.endsWith('.json'))
      .map(async (f) => {
        const { body } = JSON.parse(await readFile(resolve(dir, f), 'utf8')) as { body: unknown };
        return typeof body === 'string' ? body : JSON.stringify(body);
      }),
  );
}

/** A body: a real payload cut, corrupted, retyped, or random bytes. */
export function mutateHookBody(rand: () => number, text: string): Buffer {
  const pick = rand();
  if (pick < 0.2) return Buffer.from(text.slice(0, Math.floor(rand() * text.length)));
  if (pick < 0.4) {
    const bytes = Buffer.from(text);
    for (let i = 0; i < 1 + rand() * 8; i++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
    return bytes;
  }
  if (pick < 0.6) {
    const values = ['null', '[]', '{}', '0', '-1', 'true', '"refs/tags/x"', '"--upload-pack=x"', `"${'a'.repeat(1000)}"`, '1e309'];
    return Buffer.from(text.replace(/:\s*("[^"]*"|\d+|true|false|null)/g, (m) => (rand() < 0.15 ? `:${values[Math.floor(rand() * values.length)]}` : m)));
  }
  if (pick < 0.75) return Buffer.from(Array.from({ length: Math.floor(rand() * 512) }, () => Math.floor(rand() * 256)));
  if (pick < 0.85)
    return Buffer.from(
      ['', '[]', 'null', '"x"', '{"repository":{}}', 'payload=%7B', `payload=${encodeURIComponent(text)}`, 'a=b&c'][Math.floor(rand() * 8)] as string,
    );
  return Buffer.from(text);
}

/** One request: a mutated body with random headers; `signed` adds wrong signatures. */
export function fuzzHookRequest(rand: () => number, fixtures: string[], options: { wrongSignatures?: boolean } = {}): FuzzedHookRequest {
  const body = mutateHookBody(rand, fixtures[Math.floor(rand() * fixtures.length)] as string);
  const headers: Record<string, string> = {};
  const type = CONTENT_TYPES[Math.floor(rand() * CONTENT_TYPES.length)] as string;
  if (type) headers['content-type'] = type;
  for (const name of EVENT_HEADERS) if (rand() < 0.3) headers[name] = EVENTS[Math.floor(rand() * EVENTS.length)] as string;
  if (options.wrongSignatures)
    for (const name of SIGNATURE_HEADERS) if (rand() < 0.4) headers[name] = SIGNATURES[Math.floor(rand() * SIGNATURES.length)] as string;
  const query = rand() < 0.3 ? `?services=${['web', 'api', '', ',,', 'web,web'][Math.floor(rand() * 5)]}` : rand() < 0.2 ? '?dry_run=1' : '';
  return { body, headers, query };
}
