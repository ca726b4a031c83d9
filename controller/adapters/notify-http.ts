/** Sends deployment notifications to the apps' own URLs: one JSON POST, bounded in time. */
import { errorMessage } from '../../shared/errors.js';

export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<{ ok: boolean; detail: string }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'berth', ...headers }, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.arrayBuffer().catch(() => undefined);
    return { ok: res.status >= 200 && res.status < 300, detail: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, detail: errorMessage(err) };
  }
}
