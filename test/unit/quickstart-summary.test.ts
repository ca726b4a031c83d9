import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostCurl, renderSummary, routedUrl, shellLine, type StackSummary } from '../../quickstart/summary.js';

describe('shellLine', () => {
  // Each line must reach a POSIX shell as exactly these arguments: sh prints them back one per line.
  it.each([
    [['docker', 'run', '-v', '/a b:/c']],
    [['echo', "it's"]],
    [['echo', '$HOME', '`id`', '"q"']],
    [['curl', '-X', 'POST', 'http://127.0.0.1:8080/hooks/redeploy/hello/Ab_-9']],
  ])('%j survives the shell', (argv) => {
    const res = spawnSync('sh', ['-c', `printf '%s\\n' ${shellLine(argv.slice(1))}`], { encoding: 'utf8' });
    expect(res.stdout).toBe(
      argv
        .slice(1)
        .map((a) => `${a}\n`)
        .join(''),
    );
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
  traefik: {
    version: '3.6.15',
    binary: '/src/berth/.berth/tools/traefik-3.6.15/bin/traefik',
    webPort: 8000,
    apiUrl: 'http://127.0.0.1:8001',
    dir: '/srv/berth state/controller/traefik',
    log: '/srv/berth state/traefik.log',
  },
  adminTokenPath: '/srv/berth state/controller/admin-token',
  grpcAddr: '127.0.0.1:7443',
  hookUrl: 'http://127.0.0.1:8080/hooks/redeploy/hello/TOKEN',
  cliPath: '/src/berth/dist/cli/main.js',
  stateDir: '/srv/berth state',
  logFiles: ['/srv/berth state/agent.log', '/srv/berth state/traefik.log'],
};

describe('renderSummary', () => {
  it('the routed URL first: the domain on the web port, and the same request with a Host header', () => {
    const text = renderSummary(summary);
    expect(text).toContain('Berth is running, and hello v1 is live.');
    expect(text).toContain('through Traefik (curl and browsers resolve *.localhost to 127.0.0.1 themselves):\n  http://hello.localhost:8000/\n');
    expect(text).toContain(`\n  curl -H 'Host: hello.localhost' http://127.0.0.1:8000/\n`);
    // Nothing left of the image path: Traefik is the binary from the tools directory.
    expect(text).not.toMatch(/docker (run|stop|pull)/);
  });

  it('names the Traefik it started: version, binary, the directory it watches, its API and log', () => {
    const text = renderSummary(summary);
    expect(text).toContain('Traefik 3.6.15 (/src/berth/.berth/tools/traefik-3.6.15/bin/traefik) routes with the files in /srv/berth state/controller/traefik');
    expect(text).toContain('confirms every switch before old instances drain: http://127.0.0.1:8001/api/http/services');
    expect(text).toContain('/srv/berth state/traefik.log');
    expect(text).toContain('The instances it routes to:\n  http://127.0.0.1:32768/\n  http://127.0.0.1:32769/');
  });

  it('every domain gets both lines', () => {
    const text = renderSummary({ ...summary, domains: ['hello.localhost', 'www.hello.localhost'] });
    expect(text).toContain('  http://hello.localhost:8000/\n  http://www.hello.localhost:8000/\n');
    expect(text).toContain(`  curl -H 'Host: hello.localhost' http://127.0.0.1:8000/\n  curl -H 'Host: www.hello.localhost' http://127.0.0.1:8000/\n`);
  });

  it('the hook, the CLI set-up and Ctrl-C, quoted for a shell', () => {
    const text = renderSummary(summary);
    expect(text).toContain('  curl -X POST http://127.0.0.1:8080/hooks/redeploy/hello/TOKEN');
    expect(text).toContain(`export BERTH_ADDR=127.0.0.1:7443 BERTH_TOKEN="$(cat '/srv/berth state/controller/admin-token')"`);
    expect(text).toContain("alias berth='node /src/berth/dist/cli/main.js'");
    expect(text).toMatch(/Ctrl-C stops everything started here \(Traefik and the app's containers too\)/);
  });
});

describe('routedUrl and hostCurl', () => {
  it('the URL a browser opens and the curl any client can send', () => {
    expect(routedUrl('hello.localhost', 8000)).toBe('http://hello.localhost:8000/');
    expect(hostCurl('hello.localhost', 8000)).toEqual(['curl', '-H', 'Host: hello.localhost', 'http://127.0.0.1:8000/']);
  });

  it('the Host line reaches a shell as one argument', () => {
    const argv = hostCurl('hello.localhost', 8000).slice(1);
    const res = spawnSync('sh', ['-c', `printf '%s\\n' ${shellLine(argv)}`], { encoding: 'utf8' });
    expect(res.stdout).toBe(argv.map((a) => `${a}\n`).join(''));
  });
});
