/**
 * Webhook signatures over the raw body bytes, checked in constant time. Pure (hashing only).
 *   X-Hub-Signature-256: sha256=HEX   GitHub, Gitea, Forgejo and generic callers
 *   X-Gitea-Signature / X-Forgejo-Signature: HEX   (Gitea and Forgejo send these too)
 *   X-Gogs-Signature: HEX             Gogs (HMAC-SHA256 in hex, no prefix)
 *   X-Hub-Signature: sha256=HEX       Bitbucket Cloud
 *   X-Gitlab-Token: SECRET            GitLab sends the secret itself
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = { ok: true; scheme: string } | { ok: false; reason: string };

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Constant time whatever the lengths: both sides are hashed first (for secrets of any length). */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Constant time for values whose length is public (hook tokens, hex signatures): no hashing,
 * which the hook path pays for on every request.
 */
export function fixedLengthEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hmacSha256Hex(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function verifyHookSignature(headers: Record<string, string | undefined>, body: Buffer, secret: string): SignatureCheck {
  const expected = hmacSha256Hex(secret, body);
  const candidates: Array<[string, string | undefined, (v: string) => string | null]> = [
    ['x-hub-signature-256', headers['x-hub-signature-256'], (v) => (v.startsWith('sha256=') ? v.slice(7) : null)],
    ['x-hub-signature', headers['x-hub-signature'], (v) => (v.startsWith('sha256=') ? v.slice(7) : null)],
    ['x-gitea-signature', headers['x-gitea-signature'], (v) => v],
    ['x-forgejo-signature', headers['x-forgejo-signature'], (v) => v],
    ['x-gogs-signature', headers['x-gogs-signature'], (v) => v],
  ];
  for (const [name, value, extract] of candidates) {
    if (value === undefined) continue;
    const hex = extract(value.trim());
    if (hex === null) return { ok: false, reason: `${name} must be "sha256=" and the HMAC-SHA256 of the body in hex` };
    return fixedLengthEqual(hex.toLowerCase(), expected) ? { ok: true, scheme: name } : { ok: false, reason: `${name} does not match the body signed with the app's webhook secret` };
  }
  const gitlab = headers['x-gitlab-token'];
  if (gitlab !== undefined) return constantTimeEqual(gitlab, secret) ? { ok: true, scheme: 'x-gitlab-token' } : { ok: false, reason: "x-gitlab-token is not the app's webhook secret" };
  return { ok: false, reason: 'the app has a webhook secret: sign the body (X-Hub-Signature-256: sha256=HMAC) or send X-Gitlab-Token' };
}
