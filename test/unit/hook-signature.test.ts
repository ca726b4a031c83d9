import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, verifyHookSignature } from '../../controller/core/hook-signature.js';

const secret = "It's a Secret to Everybody";
const body = Buffer.from('Hello, World!');
// GitHub's documented example: this secret and body give this signature.
const GITHUB_EXAMPLE = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('verifyHookSignature', () => {
  it("matches GitHub's documented example", () => {
    expect(hmacSha256Hex(secret, body)).toBe(GITHUB_EXAMPLE);
  });

  it.each([
    ['GitHub X-Hub-Signature-256', { 'x-hub-signature-256': `sha256=${GITHUB_EXAMPLE}` }, true],
    ['upper-case hex', { 'x-hub-signature-256': `sha256=${GITHUB_EXAMPLE.toUpperCase()}` }, true],
    ['Bitbucket X-Hub-Signature', { 'x-hub-signature': `sha256=${GITHUB_EXAMPLE}` }, true],
    ['Gitea X-Gitea-Signature', { 'x-gitea-signature': GITHUB_EXAMPLE }, true],
    ['Forgejo X-Forgejo-Signature', { 'x-forgejo-signature': GITHUB_EXAMPLE }, true],
    ['Gogs X-Gogs-Signature (hex, no prefix)', { 'x-gogs-signature': GITHUB_EXAMPLE }, true],
    ['a wrong Gogs signature', { 'x-gogs-signature': '0'.repeat(64) }, false],
    ['GitLab X-Gitlab-Token', { 'x-gitlab-token': secret }, true],
    ['a wrong signature', { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` }, false],
    ['a signature without its prefix', { 'x-hub-signature-256': GITHUB_EXAMPLE }, false],
    ['a sha1 signature', { 'x-hub-signature': 'sha1=0123' }, false],
    ['a wrong GitLab token', { 'x-gitlab-token': 'guess' }, false],
    ['X-Berth-Webhook-Secret (a header the user adds, e.g. in Azure DevOps)', { 'x-berth-webhook-secret': secret }, true],
    ['a wrong X-Berth-Webhook-Secret', { 'x-berth-webhook-secret': 'guess' }, false],
    ['basic auth, any user, the secret as the password (Azure DevOps, Bitbucket Server)', { authorization: basic('azure', secret) }, true],
    ['basic auth whose password holds a colon', { authorization: basic('u', `${secret}:more`) }, false],
    ['basic auth with another password', { authorization: basic('azure', 'guess') }, false],
    ['basic auth with the secret as the user name', { authorization: basic(secret, '') }, false],
    ['a bearer token is not basic auth', { authorization: `Bearer ${secret}` }, false],
    ['basic auth that is not base64 of user:password', { authorization: `Basic ${Buffer.from('nocolon').toString('base64')}` }, false],
    ['no signature at all', {}, false],
  ])('%s', (_name, headers, ok) => {
    expect(verifyHookSignature(headers, body, secret).ok).toBe(ok);
  });

  it('says which scheme held, and what to send when none is there', () => {
    expect(verifyHookSignature({ authorization: basic('azure', secret) }, body, secret)).toEqual({ ok: true, scheme: 'basic-auth' });
    expect(verifyHookSignature({}, body, secret)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/X-Hub-Signature-256.*X-Berth-Webhook-Secret.*basic auth password/),
    });
  });

  it('a signature over other bytes fails', () => {
    expect(verifyHookSignature({ 'x-hub-signature-256': `sha256=${GITHUB_EXAMPLE}` }, Buffer.from('Hello, World?'), secret).ok).toBe(false);
  });
});
