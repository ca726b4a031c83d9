/**
 * The bare path the deployment benchmarks compare Berth with: the containers an agent would start
 * for a release, created, started and inspected through dockerode from the benchmark process
 * (the body from the agent's own buildContainerSpec: the same image, env, labels and port
 * binding), then the agent's own health probe until it passes.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { probeOnce } from '../agent/adapters/instance-probe.js';
import { buildContainerSpec } from '../agent/core/container-spec.js';
import { healthCheckOf, startSpecOf, type Release } from '../controller/core/release.js';

export interface BaselineContainer {
  id: string;
  /** http://HOST:PORT of its published port. */
  url: string;
  /** Probes until the first pass (1 = the first probe passed). */
  probes: number;
  /** Create + start + inspect. */
  startMs: number;
  /** performance.now() when it was started and inspected. */
  startedAt: number;
}

/** `scale` containers of the release's web service, in parallel, each probed every `pollMs` until healthy. */
export function startBaselineContainers(
  docker: Docker,
  o: { release: Release; agentId: string; deploymentId: string; idPrefix: string; scale: number; pollMs: number },
): Promise<BaselineContainer[]> {
  const check = healthCheckOf(o.release, 'web');
  return Promise.all(
    Array.from({ length: o.scale }, async (_, i) => {
      const container = `web-${i + 1}`;
      const instanceId = `${o.idPrefix}-${container}-${o.agentId.slice(-6)}`;
      const body = buildContainerSpec(
        startSpecOf(o.release, 'web', container, instanceId, o.deploymentId),
        { id: o.agentId, advertiseAddr: '127.0.0.1' },
        o.deploymentId,
      );
      const c0 = performance.now();
      const created = await docker.createContainer(body as Docker.ContainerCreateOptions);
      await created.start();
      const info = await created.inspect();
      const startedAt = performance.now();
      const binding = info.NetworkSettings.Ports?.['8080/tcp']?.[0];
      const target = { host: binding?.HostIp || '127.0.0.1', port: Number(binding?.HostPort) };
      let probes = 1;
      const deadline = performance.now() + 30_000; // the spec's bootTimeout
      while (!(await probeOnce(target, check))) {
        if (performance.now() > deadline) throw new Error(`baseline container ${body.name} did not pass its health check within 30 s`);
        await sleep(o.pollMs);
        probes++;
      }
      return { id: created.id, url: `http://${target.host}:${target.port}`, probes, startMs: startedAt - c0, startedAt };
    }),
  );
}

export async function removeContainers(docker: Docker, ids: string[]): Promise<void> {
  await Promise.all(
    ids.map((id) =>
      docker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}
