/**
 * Why the Docker Engine cannot be used, told apart by the error the connection gave, each with its
 * own remedy: an engine that is not running is started; a socket this user may not open (the
 * engine runs) needs the docker group or root; a --docker-host nothing answers at is checked.
 * Pure: the endpoint and the error's code in, the kind and the message out. `berth agent`,
 * `berth doctor` and the quickstart say the same.
 */
import { DEFAULT_DOCKER_HOST, describeDockerEndpoint, type DockerEndpoint } from './docker-host.js';

export type DockerProblem = 'not-running' | 'permission-denied' | 'no-socket' | 'unreachable' | 'other';

export function classifyDockerError(endpoint: DockerEndpoint, code: string | undefined): DockerProblem {
  if (code === 'EACCES' || code === 'EPERM') return 'permission-denied';
  if ('socketPath' in endpoint) {
    if (code === 'ENOENT') return `unix://${endpoint.socketPath}` === DEFAULT_DOCKER_HOST ? 'not-running' : 'no-socket';
    if (code === 'ECONNREFUSED') return 'not-running';
    return 'other';
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT') return 'unreachable';
  return 'other';
}

/** What is wrong at the endpoint, and what to do, apart (berth doctor shows them on two lines). `detail`: the error's own words. */
export function dockerProblemParts(endpoint: DockerEndpoint, problem: DockerProblem, detail: string): { what: string; fix: string } {
  const where = describeDockerEndpoint(endpoint);
  const socket = 'socketPath' in endpoint ? endpoint.socketPath : where;
  switch (problem) {
    case 'not-running':
      return { what: `the Docker Engine is not running at ${where} (${detail})`, fix: "start it with 'sudo systemctl start docker' (or 'sudo dockerd &')" };
    case 'permission-denied':
      return {
        what: `permission denied on the Docker Engine's socket ${socket} (${detail})`,
        fix: "the engine runs, but this user may not use it; add the user to the docker group ('sudo usermod -aG docker $USER', then log in again) or run as root",
      };
    case 'no-socket':
      return {
        what: `no Docker Engine socket at ${socket} (${detail})`,
        fix: `start the engine, or point --docker-host at its socket (the default is ${DEFAULT_DOCKER_HOST})`,
      };
    case 'unreachable':
      return { what: `cannot reach a Docker Engine at ${where} (${detail})`, fix: 'check --docker-host (host and port) and that the engine listens there' };
    case 'other':
      return {
        what: `cannot reach the Docker Engine at ${where} (${detail})`,
        fix: "start it with 'systemctl start docker' (or 'dockerd &'), or point --docker-host at a running engine",
      };
  }
}

/** One line: what is wrong at the endpoint and what to do. */
export function describeDockerProblem(endpoint: DockerEndpoint, problem: DockerProblem, detail: string): string {
  const { what, fix } = dockerProblemParts(endpoint, problem, detail);
  return `${what}: ${fix}`;
}
