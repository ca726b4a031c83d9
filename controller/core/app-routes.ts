/**
 * What Traefik should route for one app, from the controller's state. Pure: the routed release,
 * the instances that serve it and the agents' view of them in; AppRoutes out. An instance is a
 * server only while its agent is up, it runs, has a published port and is not unhealthy.
 */
import { routedDomains } from '../../shared/app-spec.js';
import type { AgentRecord } from '../../shared/agent.js';
import type { Release } from './release.js';
import type { AppRoutes } from './traefik-config.js';

export interface RoutedInstanceRef {
  instanceId: string;
  service: string;
  agentId: string;
}

export function serverUrl(agent: AgentRecord, hostPort: number): string {
  const host = agent.advertiseAddr.includes(':') ? `[${agent.advertiseAddr}]` : agent.advertiseAddr;
  return `http://${host}:${hostPort}`;
}

export function appRoutesOf(release: Release, instances: RoutedInstanceRef[], agents: Record<string, AgentRecord>): AppRoutes {
  const domains = routedDomains(release.spec);
  return {
    app: release.app,
    ...(release.spec.tls ? { tls: release.spec.tls } : {}),
    services: Object.entries(domains).map(([service, serviceDomains]) => {
      const servers: string[] = [];
      for (const ref of instances) {
        if (ref.service !== service) continue;
        const agent = agents[ref.agentId];
        const seen = agent?.instances[ref.instanceId];
        if (!agent?.alive || !seen) continue;
        if (seen.state !== 'running' || seen.hostPort === 0 || seen.health === 'unhealthy') continue;
        servers.push(serverUrl(agent, seen.hostPort));
      }
      const healthPath = release.spec.services[service]?.health.path;
      return { service, domains: serviceDomains, servers, ...(healthPath ? { healthPath } : {}) };
    }),
  };
}
