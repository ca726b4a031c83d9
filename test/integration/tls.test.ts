/**
 * TLS on the controller's gRPC port (--tls-cert/--tls-key): an agent pinning the CA with --ca
 * connects and reports; the CLI connects with --ca, and without it fails with exit 3 and a message.
 * The CA and the certificate (for IP 127.0.0.1) are made here with openssl.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { run } from '../helpers/exec.js';
import { waitFor } from '../helpers/wait-for.js';

const suffix = uniqueSuffix();
const agentId = `tls-${suffix}`;
let dir: string;
let cluster: Cluster;

/** A CA, and a certificate it signed for 127.0.0.1: ca.pem, cert.pem, key.pem in dir. */
async function makeCertificates(into: string): Promise<void> {
  const at = (file: string) => join(into, file);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=berth test CA',
    '-keyout',
    at('ca-key.pem'),
    '-out',
    at('ca.pem'),
  ]);
  await run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', at('key.pem'), '-out', at('cert.csr')]);
  await writeFile(at('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    at('cert.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca-key.pem'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    at('san.ext'),
    '-out',
    at('cert.pem'),
  ]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-tls-'));
  await makeCertificates(dir);
  cluster = await startCluster({ tls: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') } });
  await cluster.startAgent(agentId, ['--ca', join(dir, 'ca.pem')]);
});

afterAll(async () => {
  await cluster?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('TLS on the gRPC port', () => {
  it('an agent that pins the CA connects and reports', async () => {
    await waitFor('the agent to be ready', () => cluster.controller.store.data.agents[agentId]?.alive === true, 20_000);
  });

  it('the CLI connects with --ca; without it, exit 3 saying so', async () => {
    const env = { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken };
    const ok = await runBerth(['agents', '--json', '--ca', join(dir, 'ca.pem')], env);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as Array<{ id: string }>).map((a) => a.id)).toContain(agentId);

    const plain = await runBerth(['agents'], env);
    expect(plain.code).toBe(3);
    expect(plain.stderr).toMatch(/^berth: cannot reach the controller at 127\.0\.0\.1:\d+/);
    // The system's CAs do not know the test CA.
    const system = await runBerth(['agents', '--tls'], env);
    expect(system.code).toBe(3);
  });

  it('a missing certificate file stops the controller at start with the flag and path', async () => {
    const res = await runBerth([
      'controller',
      '--data-dir',
      join(dir, 'data'),
      '--grpc-addr',
      '127.0.0.1:0',
      '--http-addr',
      '127.0.0.1:0',
      '--tls-cert',
      join(dir, 'nope.pem'),
      '--tls-key',
      join(dir, 'key.pem'),
    ]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/--tls-cert .*nope\.pem: ENOENT/);
  });
});
