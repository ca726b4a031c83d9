import { describe, expect, it } from 'vitest';
import { dockerCallError, dockerStatusCode } from '../../agent/core/docker-call-error.js';

const withCode = (code: string, message = `connect ${code}`) => Object.assign(new Error(message), { code });

describe('a failed Docker Engine call as a typed error', () => {
  it.each([
    ['refused', withCode('ECONNREFUSED'), 'DOCKER_UNAVAILABLE', /^cannot start container c1: the Docker Engine is not reachable \(connect ECONNREFUSED\)$/],
    ['no socket', withCode('ENOENT'), 'DOCKER_UNAVAILABLE', /not reachable/],
    ['a cut connection', withCode('ECONNRESET'), 'DOCKER_UNAVAILABLE', /not reachable/],
    ['a hang-up without a code', new Error('socket hang up'), 'DOCKER_UNAVAILABLE', /not reachable \(socket hang up\)/],
    [
      "Docker's own message",
      Object.assign(new Error('(HTTP code 409) unexpected'), { statusCode: 409, json: { message: 'container is already running' } }),
      'DOCKER_ERROR',
      /^cannot start container c1: container is already running$/,
    ],
    ['any other error', new Error('boom'), 'DOCKER_ERROR', /^cannot start container c1: boom$/],
  ])('%s', (_name, err, code, message) => {
    const typed = dockerCallError('start container c1', err);
    expect(typed.code).toBe(code);
    expect(typed.message).toMatch(message);
  });

  it.each([
    [Object.assign(new Error('no such container'), { statusCode: 404 }), 404],
    [new Error('plain'), undefined],
    [null, undefined],
  ])('the HTTP status of %s', (err, status) => {
    expect(dockerStatusCode(err)).toBe(status);
  });
});
