import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderSummary, shellLine, traefikRunArgs, type StackSummary } from '../../quickstart/summary.js';

describe('shellLine', () => {
  // Each line must reach a POSIX shell as exactly these arguments: sh prints them back one per line.
  it.each([
    [['docker', 'run', '-v', '/a b:/c']],
    [['echo', "it's"]],
    [['echo', '$HOME', '`id`', '"q"']],
    [['curl', '-X', 'POST', 'http://127.0.0.1:8080/hooks/redeploy/hello/Ab_-9']],
  ])('%j survives the shell', (argv) => {
    const res = spawnSync('sh', ['-c', `printf '%s\\n' ${shellLine(argv.slice(1))}`], { encoding: 'utf8' });
    expect(res.stdout).toBe(argv.slice(1).map((a) => `${a}\n`).join(''));
  });

  it('leaves plain words unquoted', () => {
    expect(shellLine(['docker', 'run', '--network', 'host', 'traefik:v3'])).toBe('docker run --network host traefik:v3');
  });
});

const summary: StackSummary = {
  app: 'hello',
  release: 'v1',
  instanceUrls: ['http://127.0.0.1:32768/', 'http://127.0.0.1:32769/'],
  domains: ['hello.localhost'],
  traefikDir: '/srv/berth state/traefik',
  traefikImage: 'traefik:v3',
  traefikPort: 8000,
  traefikStarted: false,
  adminTokenPath: '/srv/berth state/controller/admin-token',
  grpcAddr: '127.0.0.1:7443',
  hookUrl: 'http://127.0.0.1:8080/hooks/redeploy/hello/TOKEN',
  cliPath: '/src/berth/dist/cli/main.js',
  stateDir: '/srv/berth state',
  logFiles: ['/srv/berth state/agent.log'],
};

describe('renderSummary', () => {
  it('without Traefik: the docker run that routes through the directory, quoted for a shell', () => {
    const text = renderSummary(summary);
    expect(text).toContain('  http://127.0.0.1:32768/\n  http://127.0.0.1:32769/');
    expect(text).toContain(`  docker run -d --rm --name berth-up-traefik --network host -v '/srv/berth state/traefik:/etc/traefik/dynamic:ro' traefik:v3 --entrypoints.web.address=127.0.0.1:8000 --providers.file.directory=/etc/traefik/dynamic --providers.file.watch=true`);
    expect(text).toContain('open http://hello.localhost:8000/');
    expect(text).toContain('  curl -X POST http://127.0.0.1:8080/hooks/redeploy/hello/TOKEN');
    expect(text).toContain(`export BERTH_ADDR=127.0.0.1:7443 BERTH_TOKEN="$(cat '/srv/berth state/controller/admin-token')"`);
    expect(text).toMatch(/Ctrl-C stops everything/);
  });

  it('with Traefik started: the routed URL instead of the command', () => {
    const text = renderSummary({ ...summary, traefikStarted: true });
    expect(text).toContain('routes to them:\n  http://hello.localhost:8000/');
    expect(text).not.toContain('docker run');
  });

  it('the run arguments bind Traefik to loopback only', () => {
    expect(traefikRunArgs(summary)).toContain('--entrypoints.web.address=127.0.0.1:8000');
  });
});
