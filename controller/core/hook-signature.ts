/**
 * Webhook signatures over the raw body bytes, checked in constant time. Pure (hashing only).
 *   X-Hub-Signature-256: sha256=HEX   GitHub, Gitea, Forgejo and generic callers
 *   X-Gitea-Signature / X-Forgejo-Signature: HEX   (Gitea and Forgejo send these too)
 *   X-Gogs-Signature: HEX             Gogs (HMAC-SHA256 in hex, no prefix)
 *   X-Hub-Signature: sha256=HEX       Bitbucket Cloud
 *   X-Gitlab-Token: SECRET            GitLab sends the secret itself
 *   X-Berth-Webhook-Secret: SECRET    the secret itself, from any host that lets you add a header
 *                                     (Azure DevOps' "HTTP headers")
 *   Authorization: Basic …            any user name, the secret as the password (Azure DevOps,
 *                                     Bitbucket Server and Data Center)
 * The HMAC schemes come first: a request signed over its body proves more than one that carries
 * the secret.
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
    return fixedLengthEqual(hex.toLowerCase(), expected)
      ? { ok: true, scheme: name }
      : { ok: false, reason: `${name} does not match the body signed with the app's webhook secret` };
  }
  for (const name of ['x-gitlab-token', 'x-berth-webhook-secret']) {
    const value = headers[name];
    if (value !== undefined)
      return constantTimeEqual(value.trim(), secret) ? { ok: true, scheme: name } : { ok: false, reason: `${name} is not the app's webhook secret` };
  }
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const password = basicAuthPassword(authorization);
    if (password === null) return { ok: false, reason: 'authorization must be Basic credentials with the webhook secret as the password' };
    return constantTimeEqual(password, secret)
      ? { ok: true, scheme: 'basic-auth' }
      : { ok: false, reason: "the basic auth password is not the app's webhook secret" };
  }
  return {
    ok: false,
    reason:
      'the app has a webhook secret: sign the body (X-Hub-Signature-256: sha256=HMAC), or send the secret as X-Gitlab-Token, X-Berth-Webhook-Secret or the basic auth password',
  };
}

/** The password of `Authorization: Basic base64(user:password)`, or null for anything else. */
function basicAuthPassword(authorization: string): string | null {
  const match = /^basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}
