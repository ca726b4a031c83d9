/** Sends deployment notifications to the apps' own URLs: one JSON POST, bounded in time. */
import { errorMessage } from '../../shared/errors.js';

/**
 * `https://user:password@host/path` is sent as Basic authorization to `https://host/path`: fetch
 * refuses URLs that carry credentials, and receivers behind basic auth expect the header.
 */
export function splitCredentials(url: string): { url: string; authorization: string | null } {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return { url, authorization: null };
  const user = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), authorization: `Basic ${Buffer.from(user).toString('base64')}` };
}

export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<{ ok: boolean; detail: string }> {
  try {
    const target = splitCredentials(url);
    const auth: Record<string, string> = target.authorization ? { authorization: target.authorization } : {};
    const res = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'berth', ...auth, ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    await res.arrayBuffer().catch(() => undefined);
    return { ok: res.status >= 200 && res.status < 300, detail: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, detail: errorMessage(err) };
  }
}
