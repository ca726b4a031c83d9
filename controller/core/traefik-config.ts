/**
 * Traefik dynamic configuration for one app, as pure functions: render from the routed
 * instances, validate, and merge all apps for the HTTP provider.
 *
 * Rules learned from Traefik's decoder (see ../shared/research/traefik.md): an empty map
 * (`routers: {}`) makes Traefik reject the whole provider, so an app with nothing to route has no
 * config at all (null) and a service without servers is left out with its routers; every file is
 * a Go template, so no value may contain "{{" or "}}"; rules use the v3 syntax, one Host() each.
 */

export interface RoutedService {
  /** The Berth service name (web, api, ...). */
  service: string;
  domains: string[];
  /** http://ADVERTISE:HOSTPORT of each healthy instance of the routed release. */
  servers: string[];
  healthPath?: string;
}

export interface AppRoutes {
  app: string;
  tls?: { certResolver?: string };
  services: RoutedService[];
}

export interface TraefikOptions {
  entryPoint: string;
  tlsEntryPoint: string;
}

export const DEFAULT_TRAEFIK_OPTIONS: TraefikOptions = { entryPoint: 'web', tlsEntryPoint: 'websecure' };

export interface TraefikRouter {
  rule: string;
  service: string;
  entryPoints: string[];
  middlewares: string[];
  tls?: { certResolver?: string };
}

/**
 * Traefik's retry middleware acts on connection errors only (nothing answered), so a request to an
 * instance that vanished (its host died, its container was killed) is sent to another server
 * instead of failing; a server that answered, with any status, is never asked twice.
 */
export interface TraefikMiddleware {
  retry: { attempts: number; initialInterval: string };
}

export const RETRY_MIDDLEWARE: TraefikMiddleware = { retry: { attempts: 3, initialInterval: '50ms' } };

export interface TraefikService {
  loadBalancer: {
    servers: Array<{ url: string }>;
    passHostHeader: true;
    healthCheck?: { path: string; interval: string; timeout: string };
  };
}

export interface TraefikDynamic {
  http: { routers: Record<string, TraefikRouter>; middlewares: Record<string, TraefikMiddleware>; services: Record<string, TraefikService> };
}

export function hostRule(domain: string): string {
  if (domain.startsWith('*.')) {
    // One subdomain label, the same meaning as v3.7's Host(`*.x`) but understood by every v3.
    const rest = domain.slice(2).replace(/\./g, '\\.');
    return `HostRegexp(\`^[a-z0-9-]+\\.${rest}$\`)`;
  }
  return `Host(\`${domain}\`)`;
}

function nameFor(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '-');
}

/** The Traefik service of one Berth service (what Traefik's API lists as NAME@provider). */
export function serviceRouteName(app: string, service: string): string {
  return nameFor(app, service);
}

/** The config for one app, or null when nothing of it can be routed (then it has no file). */
export function renderAppConfig(routes: AppRoutes, options: TraefikOptions = DEFAULT_TRAEFIK_OPTIONS): TraefikDynamic | null {
  const routers: Record<string, TraefikRouter> = {};
  const services: Record<string, TraefikService> = {};
  const sorted = [...routes.services].sort((a, b) => a.service.localeCompare(b.service));
  const retry = nameFor(routes.app, 'retry');
  for (const s of sorted) {
    if (s.servers.length === 0 || s.domains.length === 0) continue;
    const serviceName = serviceRouteName(routes.app, s.service);
    services[serviceName] = {
      loadBalancer: {
        servers: [...new Set(s.servers)].sort().map((url) => ({ url })),
        passHostHeader: true,
        // Every 2 s (HAProxy's default; Traefik's is 30 s): a server whose host died mid-flight
        // stops getting requests within about 2 s, long before the agent's heartbeats run out.
        // Its port may still accept and close (Docker's proxy), which retry cannot redo safely.
        ...(s.healthPath ? { healthCheck: { path: s.healthPath, interval: '2s', timeout: '1s' } } : {}),
      },
    };
    for (const domain of [...s.domains].sort()) {
      routers[nameFor(routes.app, s.service, domain.replace(/^\*\./, 'wildcard.'))] = {
        rule: hostRule(domain),
        service: serviceName,
        entryPoints: [routes.tls ? options.tlsEntryPoint : options.entryPoint],
        middlewares: [retry],
        ...(routes.tls ? { tls: routes.tls.certResolver ? { certResolver: routes.tls.certResolver } : {} } : {}),
      };
    }
  }
  if (Object.keys(routers).length === 0) return null;
  return { http: { routers, middlewares: { [retry]: RETRY_MIDDLEWARE }, services } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What Traefik would refuse in a config, as a list of problems (empty when it is fine). Run on the
 * parsed-back bytes right before the rename, so what lands on disk is what was checked.
 */
export function validateTraefikConfig(config: unknown): string[] {
  const problems: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string' && (value.includes('{{') || value.includes('}}'))) problems.push(`${path}: contains a Go template delimiter`);
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}.${i}`);
    }
    if (isRecord(value)) {
      // tls: {} is the one empty map Traefik accepts (allowEmpty).
      if (Object.keys(value).length === 0 && !path.endsWith('.tls')) problems.push(`${path}: is an empty map`);
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(config, '');
  if (!isRecord(config) || !isRecord(config.http)) return [...problems, 'http: missing'];
  const { routers, services, middlewares = {} } = config.http;
  if (!isRecord(routers) || !isRecord(services)) return [...problems, 'http: needs routers and services'];
  if (!isRecord(middlewares)) return [...problems, 'http.middlewares: must be a map'];
  for (const [name, router] of Object.entries(routers)) {
    if (name.includes('@')) problems.push(`http.routers.${name}: a router name may not contain @`);
    if (!isRecord(router) || typeof router.rule !== 'string' || typeof router.service !== 'string') {
      problems.push(`http.routers.${name}: needs a rule and a service`);
      continue;
    }
    if (!isRecord(services[router.service])) problems.push(`http.routers.${name}: service ${router.service} is not defined`);
    const used = Array.isArray(router.middlewares) ? router.middlewares : [];
    for (const m of used) if (typeof m !== 'string' || !isRecord(middlewares[m])) problems.push(`http.routers.${name}: middleware ${String(m)} is not defined`);
  }
  for (const [name, service] of Object.entries(services)) {
    const servers = isRecord(service) && isRecord(service.loadBalancer) ? service.loadBalancer.servers : undefined;
    if (!Array.isArray(servers) || servers.length === 0) {
      problems.push(`http.services.${name}: has no servers`);
      continue;
    }
    servers.forEach((s, i) => {
      if (!isRecord(s) || typeof s.url !== 'string' || !/^https?:\/\/[^/\s]+$/.test(s.url))
        problems.push(`http.services.${name}.loadBalancer.servers.${i}: url must be http://host:port`);
    });
  }
  return problems;
}

/** All apps' configs in one, for Traefik's HTTP provider (names are unique per app already). */
export function mergeConfigs(configs: TraefikDynamic[]): TraefikDynamic | Record<string, never> {
  if (configs.length === 0) return {};
  const merged: TraefikDynamic = { http: { routers: {}, middlewares: {}, services: {} } };
  for (const c of configs) {
    Object.assign(merged.http.routers, c.http.routers);
    Object.assign(merged.http.middlewares, c.http.middlewares);
    Object.assign(merged.http.services, c.http.services);
  }
  return merged;
}
