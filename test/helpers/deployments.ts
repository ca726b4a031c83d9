/** Helpers for deployment tests: apply a spec, deploy and wait, read the Traefik file, fetch servers. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Controller } from '../../controller/controller.js';
import type { DeployRequest } from '../../controller/core/deploy-queue.js';
import type { DeploymentRecord } from '../../controller/core/deployment-record.js';
import { isTerminal } from '../../controller/core/deployment-machine.js';
import { applyApp } from '../../controller/pipeline/app-catalog.js';
import { docker } from './exec.js';
import type { Traefik } from './traefik.js';
import { waitFor } from './wait-for.js';

export function applySpec(controller: Controller, yamlText: string): void {
  applyApp(controller.store, yamlText, 'test spec', Date.now());
}

export async function waitForEnd(controller: Controller, id: string, timeoutMs = 90_000): Promise<DeploymentRecord> {
  await waitFor(
    `deployment ${id} to end`,
    () => {
      const d = controller.store.data.deployments[id];
      return d !== undefined && isTerminal(d.state);
    },
    timeoutMs,
  );
  return controller.store.data.deployments[id] as DeploymentRecord;
}

export async function deploy(controller: Controller, app: string, request: Partial<DeployRequest> = {}): Promise<DeploymentRecord> {
  const d = controller.runner.request(app, { kind: 'deploy', services: [], refs: {}, withPostdeploy: true, ...request });
  return waitForEnd(controller, d.id);
}

export async function readTraefikFile(controller: Controller, app: string): Promise<string | null> {
  return readFile(join(controller.config.traefikDir, `${app}.yml`), 'utf8').catch(() => null);
}

/** The loadBalancer server URLs in the app's Traefik file, per Traefik service name. */
export async function routedServers(controller: Controller, app: string): Promise<Record<string, string[]>> {
  const text = await readTraefikFile(controller, app);
  if (text === null) return {};
  const config = parseYaml(text) as { http: { services: Record<string, { loadBalancer: { servers: Array<{ url: string }> } }> } };
  return Object.fromEntries(Object.entries(config.http.services).map(([name, s]) => [name, s.loadBalancer.servers.map((x) => x.url)]));
}

export async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return (await res.text()).trim();
}

/** Containers (running or not) carrying a label value, e.g. berth.app=shop. */
export async function containersWith(label: string): Promise<string[]> {
  return (await docker('ps', '-aq', '--filter', `label=${label}`)).split('\n').filter(Boolean);
}

export async function removeAppContainers(app: string): Promise<void> {
  const ids = await containersWith(`berth.app=${app}`);
  if (ids.length) await docker('rm', '-f', ...ids).catch(() => undefined);
}

/** Removes every image git builds made for the app's service (berth/APP-SERVICE:SHA). */
export async function removeAppImages(app: string, service = 'web'): Promise<void> {
  const images = (await docker('images', '-q', `berth/${app}-${service}`)).split('\n').filter(Boolean);
  if (images.length) await docker('rmi', '-f', ...new Set(images)).catch(() => undefined);
}

/**
 * What the app answers through Traefik with Host: domain, as its clients see it: `rounds` requests
 * per routed server (Traefik balances round robin), each on a fresh connection; the distinct
 * bodies, sorted. A request that fails or is not 2xx throws.
 */
export async function answersThroughTraefik(traefik: Traefik, domain: string, servers: number, path = '/'): Promise<string[]> {
  const bodies = new Set<string>();
  for (let i = 0; i < Math.max(1, servers) * 2; i++) {
    const answer = await traefik.get(domain, path);
    if (answer.status < 200 || answer.status > 299)
      throw new Error(`GET ${path} with Host ${domain} through Traefik: ${answer.status} ${answer.body.slice(0, 200)}`);
    bodies.add(answer.body.trim());
  }
  return [...bodies].sort();
}

/**
 * What the app's routed servers of `service` answer, each asked directly (in the file's order),
 * after checking that Traefik, asked with the app's Host, answers with exactly the same set: what
 * the file says is what clients get.
 */
export async function routedAnswers(
  cluster: { controller: Controller; traefik: Traefik },
  app: string,
  options: { domain?: string; service?: string; path?: string } = {},
): Promise<string[]> {
  const { domain = `${app}.example.test`, service = 'web', path = '/' } = options;
  const urls = (await routedServers(cluster.controller, app))[`${app}-${service}`] ?? [];
  const direct = await Promise.all(urls.map((url) => fetchText(`${url}${path}`)));
  if (urls.length === 0) return direct;
  const through = await answersThroughTraefik(cluster.traefik, domain, urls.length, path);
  const want = [...new Set(direct)].sort();
  if (JSON.stringify(through) !== JSON.stringify(want))
    throw new Error(`through Traefik ${domain}${path} answers ${JSON.stringify(through)}, the routed servers ${JSON.stringify(want)}`);
  return direct;
}
