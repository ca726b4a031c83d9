/**
 * Releases: immutable, numbered per app (v1, v2, ...). A release holds everything needed to start
 * its instances again exactly: per service the image (by id, or the git tag built at a commit),
 * the commit SHA, the command; the app spec as deployed (env, ports, health, domains) and the
 * postdeploy command. Pure: building a release and deriving what an instance gets from it.
 */
import type { AppSpec } from '../../shared/app-spec.js';
import { postdeployServiceOf } from '../../shared/app-spec.js';
import { BerthError } from '../../shared/errors.js';
import type { HealthCheck, PreparedImage, StartInstanceSpec } from '../../shared/task.js';

export interface ReleaseService {
  source: 'image' | 'git';
  /** What instances start from: the engine's image id, or berth/APP-SERVICE:SHA for git. */
  image: string;
  imageId: string;
  commitSha: string | null;
  /** Run as /bin/sh -c COMMAND; null: the image's CMD. */
  command: string | null;
}

export interface ReleasePostdeploy {
  command: string;
  service: string;
  timeoutMs: number;
}

export interface Release {
  app: string;
  /** "v3" */
  name: string;
  number: number;
  createdAtMs: number;
  /** The deployment that built it. */
  deploymentId: string;
  /** The app spec as it was deployed (env, ports, health, domains, drain). */
  spec: AppSpec;
  services: Record<string, ReleaseService>;
  postdeploy: ReleasePostdeploy | null;
}

export function releaseName(number: number): string {
  return `v${number}`;
}

/** Names the postdeploy one-off of a deployment, so a restarted controller can find and stop it. */
export function postdeployOneOffId(app: string, deploymentId: string): string {
  return `${app.slice(0, 40)}-postdeploy-${deploymentId.slice(0, 12)}`;
}

export function releaseKey(app: string, name: string): string {
  return `${app}/${name}`;
}

/** How a service's image came to be on the agents: what a build produced, or the previous release's. */
export type ServiceImage = { prepared: PreparedImage } | { reused: ReleaseService };

/**
 * A new release from the spec and each service's image. The command is the spec's, else the
 * Procfile entry of the same name, else the image's CMD; the postdeploy command is the spec's,
 * else the Procfile's postdeploy entry of the postdeploy service.
 */
export function makeRelease(
  fields: { app: string; number: number; deploymentId: string; spec: AppSpec; images: Record<string, ServiceImage> },
  now: number,
): Release {
  // A copy: later changes to the app (a scale) must not reach into the release.
  const spec = structuredClone(fields.spec);
  const services: Record<string, ReleaseService> = {};
  const procfiles: Record<string, Record<string, string>> = {};
  for (const [name, service] of Object.entries(spec.services)) {
    const image = fields.images[name];
    if (!image) throw new BerthError('INTERNAL', `no image for service ${name} of ${fields.app}`);
    if ('reused' in image) {
      services[name] = { ...image.reused, command: service.command ?? image.reused.command };
      continue;
    }
    const { prepared } = image;
    procfiles[name] = prepared.procfile;
    services[name] = {
      source: service.git ? 'git' : 'image',
      image: prepared.image,
      imageId: prepared.imageId,
      commitSha: prepared.commitSha || null,
      command: service.command ?? prepared.procfile[name] ?? null,
    };
  }
  const postdeployService = postdeployServiceOf(spec);
  const command = spec.postdeploy ?? procfiles[postdeployService]?.postdeploy;
  return {
    app: fields.app,
    name: releaseName(fields.number),
    number: fields.number,
    createdAtMs: now,
    deploymentId: fields.deploymentId,
    spec,
    services,
    postdeploy: command ? { command, service: postdeployService, timeoutMs: spec.postdeployTimeout } : null,
  };
}

/**
 * The environment of every container of the release: the app env plus what Berth injects.
 * The postdeploy one-off gets exactly this with CONTAINER=postdeploy-1.
 */
export function containerEnv(release: Release, service: string, container: string, deploymentId: string): Record<string, string> {
  const s = release.services[service];
  const port = release.spec.services[service]?.port;
  return {
    ...release.spec.env,
    APP: release.app,
    CONTAINER: container,
    CONTAINER_VERSION: s?.commitSha ?? release.name,
    ...(port !== undefined ? { PORT: String(port) } : {}),
    BERTH_RELEASE: release.name,
    BERTH_DEPLOYMENT_ID: deploymentId,
  };
}

/** no path: a TCP connect to the port; no port: staying up. */
export function healthCheckOf(release: Release, service: string): HealthCheck {
  const spec = release.spec.services[service];
  const base = { intervalMs: 1000, timeoutMs: 2000, unhealthyThreshold: 3 };
  if (spec?.port === undefined) return { type: 'none', ...base };
  if (spec.health.path) return { type: 'http', path: spec.health.path, ...base };
  return { type: 'tcp', ...base };
}

export function startSpecOf(release: Release, service: string, container: string, instanceId: string, deploymentId: string): StartInstanceSpec {
  const s = release.services[service];
  const spec = release.spec.services[service];
  if (!s || !spec) throw new BerthError('INTERNAL', `release ${release.name} of ${release.app} has no service ${service}`);
  return {
    instanceId,
    app: release.app,
    service,
    release: release.name,
    image: s.image,
    ...(s.command ? { command: ['/bin/sh', '-c', s.command] } : {}),
    env: containerEnv(release, service, container, deploymentId),
    labels: {},
    ...(spec.port !== undefined ? { containerPort: spec.port } : {}),
    health: healthCheckOf(release, service),
    limits: {},
    restart: 'unless-stopped',
  };
}
