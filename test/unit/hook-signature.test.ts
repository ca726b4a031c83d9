import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, verifyHookSignature } from '../../controller/core/hook-signature.js';

const secret = "It's a Secret to Everybody";
const body = Buffer.from('Hello, World!');
// GitHub's documented example: this secret and body give this signature.
const GITHUB_EXAMPLE = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

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
    ['no signature at all', {}, false],
  ])('%s', (_name, headers, ok) => {
    expect(verifyHookSignature(headers, body, secret).ok).toBe(ok);
  });

  it('a signature over other bytes fails', () => {
    expect(verifyHookSignature({ 'x-hub-signature-256': `sha256=${GITHUB_EXAMPLE}` }, Buffer.from('Hello, World?'), secret).ok).toBe(false);
  });
});
