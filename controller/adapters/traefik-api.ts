/**
 * Reads a Traefik's API (what --traefik-api names): the HTTP services whose names contain a
 * string, as Traefik lists them at GET /api/http/services. Answers are validated; credentials in
 * the URL (https://user:pass@traefik/...) are sent as basic authorization, as for notifications.
 */
import { z } from 'zod';
import { BerthError, errorMessage } from '../../shared/errors.js';
import type { ObservedService } from '../core/route-confirmation.js';
import { splitCredentials } from './notify-http.js';

const ServiceList = z.array(
  z.object({
    name: z.string(),
    provider: z.string().default(''),
    status: z.string().default(''),
    loadBalancer: z.object({ servers: z.array(z.object({ url: z.string() })).optional() }).optional(),
  }),
);

const PER_PAGE = 1000;
/** Enough for 100,000 matching services; a longer listing is not an app's. */
const MAX_PAGES = 100;

export async function fetchTraefikServices(api: string, search: string, timeoutMs: number): Promise<ObservedService[]> {
  const target = splitCredentials(api.replace(/\/+$/, ''));
  const headers: Record<string, string> = target.authorization ? { authorization: target.authorization } : {};
  const found: ObservedService[] = [];
  for (let page = 1; page <= MAX_PAGES; ) {
    const url = `${target.url}/api/http/services?search=${encodeURIComponent(search)}&per_page=${PER_PAGE}&page=${page}`;
    let body: unknown;
    let next: number;
    try {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
      if (!res.ok) {
        await res.arrayBuffer().catch(() => undefined);
        throw new Error(`HTTP ${res.status}`);
      }
      body = await res.json();
      // Traefik sets X-Next-Page to the next page, or to 1 on the last one.
      next = Number(res.headers.get('x-next-page') ?? '1');
    } catch (err) {
      throw new BerthError('ROUTING_FAILED', `cannot read Traefik's API at ${api}: ${errorMessage(err)}`, { api });
    }
    const parsed = ServiceList.safeParse(body);
    if (!parsed.success) throw new BerthError('ROUTING_FAILED', `Traefik's API at ${api} answered with something other than a list of services`, { api });
    for (const s of parsed.data)
      found.push({ name: s.name, provider: s.provider, status: s.status, servers: (s.loadBalancer?.servers ?? []).map((x) => x.url) });
    if (!(next > page)) break;
    page = next;
  }
  return found;
}
