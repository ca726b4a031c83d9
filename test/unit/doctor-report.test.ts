import { describe, expect, it } from 'vitest';
import { parsePorts } from '../../cli/doctor-command.js';
import { judgeClockSkew, judgeDisk, judgeNode, renderReport, reportExitCode } from '../../cli/doctor-report.js';

describe('doctor verdicts', () => {
  it.each([
    ['v20.11.0', 'pass'],
    ['v22.1.0', 'pass'],
    ['v18.19.1', 'fail'],
  ])('node %s: %s', (version, status) => {
    expect(judgeNode(version).status).toBe(status);
  });

  it.each([
    // The Date header has whole seconds: the server's time is taken as the middle of its second.
    [10_000, 9_500, 9_500, 'pass', 'within 1 s'],
    [10_000, 3_000, 3_100, 'fail', '7.5 s behind'],
    [10_000, 18_000, 18_000, 'fail', '7.5 s ahead of'],
  ])('the controller at %i, asked from %i to %i: %s', (server, sent, received, status, detail) => {
    const result = judgeClockSkew(server, sent, received);
    expect(result.status).toBe(status);
    expect(result.detail).toContain(detail);
  });

  it('disk: enough, or what to free', () => {
    expect(judgeDisk(6 * 1024 ** 3, '/var/lib/docker', 5 * 1024 ** 3)).toEqual({ check: 'disk', status: 'pass', detail: '6.0 GiB free under /var/lib/docker' });
    expect(judgeDisk(1024 ** 3, '/var/lib/docker', 5 * 1024 ** 3)).toMatchObject({ status: 'fail', fix: expect.stringMatching(/docker image prune/) });
  });

  it('renders a line per check, the fix under each failure, and the count', () => {
    const results = [
      { check: 'node', status: 'pass' as const, detail: 'v20' },
      { check: 'nats', status: 'fail' as const, detail: 'refused', fix: 'start it' },
      { check: 'token', status: 'skip' as const, detail: 'no token' },
    ];
    expect(renderReport(results)).toBe(
      ['ok    node   v20', 'FAIL  nats   refused', '             → start it', 'skip  token  no token', '1 check failed'].join('\n'),
    );
    expect(reportExitCode(results)).toBe(1);
    expect(reportExitCode([results[0] as (typeof results)[number], results[2] as (typeof results)[number]])).toBe(0);
  });

  it('--ports takes a list of ports', () => {
    expect(parsePorts('7443, 8080')).toEqual([7443, 8080]);
    expect(parsePorts(undefined)).toEqual([]);
    expect(() => parsePorts('7443,http')).toThrow('--ports: "http" is not a port (1-65535)');
  });
});
