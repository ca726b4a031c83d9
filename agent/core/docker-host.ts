import { BerthError } from '../../shared/errors.js';

export type DockerEndpoint = { socketPath: string } | { protocol: 'http' | 'https'; host: string; port: number };

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

/** Parses --docker-host: unix:///path/docker.sock, a bare socket path, or tcp://host:port. */
export function parseDockerHost(text: string): DockerEndpoint {
  if (text.startsWith('unix://')) return { socketPath: text.slice('unix://'.length) };
  if (text.startsWith('/')) return { socketPath: text };
  const match = /^(tcp|http|https):\/\/([^:/]+):(\d+)\/?$/.exec(text);
  if (match) {
    return { protocol: match[1] === 'https' ? 'https' : 'http', host: match[2] as string, port: Number(match[3]) };
  }
  throw new BerthError('INVALID_CONFIG', `--docker-host: "${text}" is not unix:///path/to/docker.sock or tcp://host:port`);
}

export function describeDockerEndpoint(endpoint: DockerEndpoint): string {
  return 'socketPath' in endpoint ? `unix://${endpoint.socketPath}` : `${endpoint.protocol}://${endpoint.host}:${endpoint.port}`;
}
