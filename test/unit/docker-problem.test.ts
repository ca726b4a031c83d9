import { describe, expect, it } from 'vitest';
import { classifyDockerError, describeDockerProblem } from '../../agent/core/docker-problem.js';
import { parseDockerHost } from '../../agent/core/docker-host.js';

describe('what is wrong with the Docker Engine', () => {
  it.each([
    ['unix:///var/run/docker.sock', 'ENOENT', 'not-running'],
    ['unix:///var/run/docker.sock', 'ECONNREFUSED', 'not-running'],
    ['unix:///var/run/docker.sock', 'EACCES', 'permission-denied'],
    ['unix:///srv/other/docker.sock', 'ENOENT', 'no-socket'],
    ['tcp://10.0.0.9:2375', 'ECONNREFUSED', 'unreachable'],
    ['tcp://nowhere.invalid:2375', 'ENOTFOUND', 'unreachable'],
    ['tcp://10.0.0.9:2375', 'EACCES', 'permission-denied'],
    ['unix:///var/run/docker.sock', undefined, 'other'],
  ] as const)('%s with %s: %s', (host, code, problem) => {
    expect(classifyDockerError(parseDockerHost(host), code)).toBe(problem);
  });

  it.each([
    ['not-running', /^the Docker Engine is not running at unix:\/\/\/var\/run\/docker.sock \(boom\): start it with 'sudo systemctl start docker'/],
    [
      'permission-denied',
      /^permission denied on the Docker Engine's socket \/var\/run\/docker.sock \(boom\): the engine runs, but this user may not use it; add the user to the docker group/,
    ],
    ['no-socket', /^no Docker Engine socket at \/var\/run\/docker.sock \(boom\): start the engine, or point --docker-host at its socket/],
  ] as const)('%s says what to do', (problem, message) => {
    expect(describeDockerProblem(parseDockerHost('unix:///var/run/docker.sock'), problem, 'boom')).toMatch(message);
  });
});
