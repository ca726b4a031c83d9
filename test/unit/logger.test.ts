import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, redactText } from '../../shared/logger.js';

/** One log call through the production options; the line as written. */
function logLine(write: (log: pino.Logger) => void): string {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  write(pino(loggerOptions('test', 'debug'), sink));
  return out;
}

describe('redactText', () => {
  it.each([
    ['https://deploy:ghp_s3cret@github.com/team/app.git', 'https://[redacted]@github.com/team/app.git'],
    ["fatal: unable to access 'https://x-token:abc123@git.example.com/a.git/'", "fatal: unable to access 'https://[redacted]@git.example.com/a.git/'"],
    ['POST /hooks/redeploy/shop/AbCdEf0123456789_-xyzABCDEFGHIJKLMNOPQRSTU?services=web', 'POST /hooks/redeploy/shop/[redacted]?services=web'],
    ['https://ghp_0123456789abcdefghijABCDEF@github.com/team/app.git', 'https://[redacted]@github.com/team/app.git'],
    ['https://github.com/team/app.git', 'https://github.com/team/app.git'],
    ['ssh://git@github.com/team/app.git', 'ssh://git@github.com/team/app.git'],
    ['no urls here', 'no urls here'],
  ])('%s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });
});

describe('the production logger', () => {
  it.each([
    ['app env values', (l: pino.Logger) => l.info({ app: 'shop', env: { DATABASE_URL: 'postgres://u:PLANTED@db/x' } }, 'applied'), 'PLANTED'],
    ['a nested spec env', (l: pino.Logger) => l.info({ spec: { env: { KEY: 'PLANTED' } } }, 'x'), 'PLANTED'],
    ['tokens', (l: pino.Logger) => l.info({ token: 'PLANTED' }, 'x'), 'PLANTED'],
    ['join tokens', (l: pino.Logger) => l.info({ request: { joinToken: 'PLANTED' } }, 'x'), 'PLANTED'],
    ['webhook secrets', (l: pino.Logger) => l.info({ hook: { secret: 'PLANTED' } }, 'x'), 'PLANTED'],
    ['signature headers', (l: pino.Logger) => l.info({ headers: { 'x-hub-signature-256': 'sha256=PLANTED' } }, 'x'), 'PLANTED'],
    [
      'Gogs and Forgejo signatures',
      (l: pino.Logger) => l.info({ headers: { 'x-gogs-signature': 'PLANTED', 'x-forgejo-signature': 'PLANTED' } }, 'x'),
      'PLANTED',
    ],
    ['the webhook secret header', (l: pino.Logger) => l.info({ headers: { 'x-berth-webhook-secret': 'PLANTED' } }, 'x'), 'PLANTED'],
    ['basic auth for a hook', (l: pino.Logger) => l.info({ headers: { authorization: 'Basic PLANTED' } }, 'x'), 'PLANTED'],
    ['NATS credentials', (l: pino.Logger) => l.info({ nats: { creds: 'PLANTED' } }, 'x'), 'PLANTED'],
    ['a password in a URL field', (l: pino.Logger) => l.warn({ url: 'https://user:PLANTED@hooks.example.com/x' }, 'notification failed'), 'PLANTED'],
    ['a hook token in a logged path', (l: pino.Logger) => l.error({ url: '/hooks/redeploy/shop/PLANTEDPLANTEDPLANTED' }, 'HTTP handler failed'), 'PLANTED'],
    ['a password in the message', (l: pino.Logger) => l.warn('git clone https://u:PLANTED@git.example.com/a.git failed'), 'PLANTED'],
    ['a password in a logged error', (l: pino.Logger) => l.error({ err: new Error('fetch https://u:PLANTED@hooks.example.com failed') }, 'x'), 'PLANTED'],
  ])('hides %s', (_what, write, planted) => {
    const line = logLine(write);
    expect(line).not.toContain(planted);
    expect(line).toContain('[redacted]');
  });

  it('keeps an err given as a message string as it is', () => {
    expect(JSON.parse(logLine((l) => l.warn({ err: 'cannot reach NATS' }, 'x'))) as Record<string, unknown>).toMatchObject({ err: 'cannot reach NATS' });
  });

  it('keeps what is not secret', () => {
    const line = JSON.parse(logLine((l) => l.info({ app: 'shop', names: ['DATABASE_URL'], tokenName: 'ci' }, 'env set'))) as Record<string, unknown>;
    expect(line).toMatchObject({ app: 'shop', names: ['DATABASE_URL'], tokenName: 'ci', msg: 'env set', component: 'test' });
  });
});
