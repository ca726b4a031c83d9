/**
 * After an app's routes change, waits until every Traefik the controller was told about
 * (--traefik-api) lists exactly the new servers, each polled until a time limit; without any, waits
 * the settle time (--traefik-settle) that covers Traefik's provider throttle and poll interval.
 * The answer says what was waited for and how long; the decision is routesLoaded's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from '../../shared/errors.js';
import { fetchTraefikServices } from '../adapters/traefik-api.js';
import { routesLoaded, type ExpectedRoutes, type RoutingConfirmation } from '../core/route-confirmation.js';

export interface RouteConfirmOptions {
  /** Base URLs of Traefik APIs (http://127.0.0.1:8081); empty: wait settleMs instead. */
  apis: string[];
  settleMs: number;
  /** How long each Traefik gets to confirm. */
  timeoutMs: number;
}

/**
 * Reads of an API start 25 ms apart and double up to 200 ms: the file provider loads a change in
 * tens of milliseconds, the HTTP provider at its next poll (seconds).
 */
const FIRST_POLL_MS = 25;
const MAX_POLL_MS = 200;
const REQUEST_TIMEOUT_MS = 2000;

/**
 * `expected` is asked again at every poll: the app's routes may change meanwhile (an instance
 * turned unhealthy), and Traefik must match what is routed now. Rejects only when `signal` aborts.
 */
export async function confirmRoutes(
  options: RouteConfirmOptions,
  search: string,
  expected: () => ExpectedRoutes,
  signal: AbortSignal,
): Promise<RoutingConfirmation> {
  const startedAt = Date.now();
  if (options.apis.length === 0) {
    await sleep(options.settleMs, undefined, { signal });
    return { waitedMs: Date.now() - startedAt, settleMs: options.settleMs, traefiks: [] };
  }
  const traefiks = await Promise.all(
    options.apis.map(async (api) => {
      let detail = 'no answer yet';
      for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(MAX_POLL_MS, pollMs * 2)) {
        signal.throwIfAborted();
        try {
          const verdict = routesLoaded(expected(), await fetchTraefikServices(api, search, REQUEST_TIMEOUT_MS));
          if (verdict.loaded) return { api, confirmed: true, ms: Date.now() - startedAt, detail: 'loaded' };
          detail = verdict.waitingFor;
        } catch (err) {
          detail = errorMessage(err);
        }
        if (Date.now() - startedAt >= options.timeoutMs) return { api, confirmed: false, ms: Date.now() - startedAt, detail };
        await sleep(pollMs, undefined, { signal });
      }
    }),
  );
  return { waitedMs: Date.now() - startedAt, settleMs: null, traefiks };
}
