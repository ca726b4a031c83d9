/**
 * Whether a Traefik has loaded an app's routes, as pure functions. Traefik never tells the writer
 * when a change is live (the file provider applies it after its throttle, the HTTP provider after
 * its next poll), so the controller reads Traefik's API until it lists exactly the servers it was
 * given, and only then lets old instances be drained. What was waited for is recorded on the
 * deployment (RoutingConfirmation) and said in its output and events.
 */
import { serviceRouteName, type TraefikDynamic } from './traefik-config.js';

/** What a Traefik must show once an app's routes are live. */
export interface ExpectedRoutes {
  /** Traefik service names (without @provider) → their server URLs, sorted. */
  services: Record<string, string[]>;
  /** Service names of the app that must not be routed at all. */
  absent: string[];
}

/** A service as Traefik's API lists it (GET /api/http/services). */
export interface ObservedService {
  /** NAME@provider */
  name: string;
  provider: string;
  status: string;
  servers: string[];
}

export type RoutesVerdict = { loaded: true } | { loaded: false; waitingFor: string };

/** Berth writes through Traefik's file provider or serves its HTTP provider; other providers are not ours. */
export const BERTH_PROVIDERS = ['file', 'http'];

/** From the config written for the app (null: nothing routable) and every service name it may have. */
export function expectedRoutes(config: TraefikDynamic | null, app: string, serviceNames: string[]): ExpectedRoutes {
  const services: Record<string, string[]> = {};
  for (const [name, service] of Object.entries(config?.http.services ?? {})) services[name] = service.loadBalancer.servers.map((s) => s.url).sort();
  const absent = [...new Set(serviceNames.map((s) => serviceRouteName(app, s)))].filter((name) => !(name in services)).sort();
  return { services, absent };
}

function baseName(name: string): string {
  const at = name.lastIndexOf('@');
  return at < 0 ? name : name.slice(0, at);
}

/** Loaded when every expected service lists exactly its servers, enabled, and no absent one is there. */
export function routesLoaded(expected: ExpectedRoutes, observed: ObservedService[]): RoutesVerdict {
  const ours = observed.filter((s) => BERTH_PROVIDERS.includes(s.provider));
  for (const [name, servers] of Object.entries(expected.services)) {
    const seen = ours.filter((s) => baseName(s.name) === name);
    if (seen.length === 0) return { loaded: false, waitingFor: `${name} is not loaded yet` };
    for (const s of seen) {
      const has = [...s.servers].sort();
      if (JSON.stringify(has) !== JSON.stringify(servers))
        return { loaded: false, waitingFor: `${s.name} routes to ${has.join(', ') || 'nothing'}, not yet to ${servers.join(', ')}` };
      if (s.status !== 'enabled') return { loaded: false, waitingFor: `${s.name} is ${s.status}` };
    }
  }
  for (const name of expected.absent) {
    const left = ours.find((s) => baseName(s.name) === name);
    if (left) return { loaded: false, waitingFor: `${left.name} is still routed (to ${left.servers.join(', ') || 'nothing'})` };
  }
  return { loaded: true };
}

/** What the routing stage waited for: each Traefik's confirmation, or a settle time without one. */
export interface RoutingConfirmation {
  /** From the file written (or the routes changed) to the end of the wait. */
  waitedMs: number;
  /** No Traefik API configured: the time waited for Traefik to pick the change up (null: confirmed by APIs). */
  settleMs: number | null;
  traefiks: Array<{ api: string; confirmed: boolean; ms: number; detail: string }>;
}

/** True unless some Traefik did not confirm: then old instances may still receive requests. */
export function routingConfirmed(c: RoutingConfirmation): boolean {
  return c.traefiks.every((t) => t.confirmed);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** One line for the deployment's output and events. */
export function describeRouting(c: RoutingConfirmation): string {
  if (c.settleMs !== null) return `routes written; waited ${seconds(c.settleMs)} for Traefik to load them (no --traefik-api to confirm with)`;
  const parts = c.traefiks.map((t) =>
    t.confirmed ? `${t.api} confirmed in ${seconds(t.ms)}` : `${t.api} did not confirm within ${seconds(t.ms)} (${t.detail})`,
  );
  return `routes ${routingConfirmed(c) ? 'confirmed' : 'NOT confirmed'}: ${parts.join('; ')}`;
}
