/**
 * NATS with authorization, as `berth controller nats-config` writes it (real nats-server, the
 * controller, two agents as processes, real Docker): deployments and log reads work with each
 * agent's limited user, and agent A, holding its own credentials, cannot read, take or inject
 * agent B's tasks or listen in on other replies. And the three node configurations of a cluster
 * (--server-name, --cluster-listen, --routes) are accepted by nats-server, form a cluster with
 * JetStream, and a controller signs in to it as its own user.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, credsAuthenticator, PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadNatsAuth, type NatsAuth } from '../../controller/adapters/nats-auth.js';
import { natsServerBinary } from '../../shared/nats-server-binary.js';
import { agentConsumerConfig, agentConsumerName, agentTaskSubject, TASK_STREAM } from '../../shared/subjects.js';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type AgentProcess, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, fetchText, removeAppContainers, routedServers } from '../helpers/deployments.js';
import { stopChild } from '../helpers/child-process.js';
import { freePort } from '../helpers/free-port.js';
import { waitForPort } from '../helpers/nats-server.js';
import { REPO_ROOT } from '../helpers/repo-root.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const idA = `natsa-${suffix}`;
const idB = `natsb-${suffix}`;
const app = `natsauth-${suffix}`;
let cluster: Cluster;
let agentA: AgentProcess;
/** The current nats-server: a cluster node's configuration has `sync_interval: always`, which Debian's 2.9 refuses. */
const NATS_SERVER = natsServerBinary(REPO_ROOT);

beforeAll(async () => {
  cluster = await startCluster({ natsAuth: true, stabilityWindow: '300ms' });
  agentA = await cluster.startAgent(idA);
  await cluster.startAgent(idB);
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

/** The credentials file an agent saved at its join (the path is in its log). */
async function credentialsOf(agent: AgentProcess): Promise<{ nats: { creds: string; inboxPrefix: string } | null }> {
  const dir = /"credentials":"([^"]+)\/credentials\.json"/.exec(agent.output)?.[1] as string;
  return JSON.parse(await readFile(join(dir, 'credentials.json'), 'utf8')) as { nats: { creds: string; inboxPrefix: string } | null };
}

describe('NATS authorization', { timeout: 120_000 }, () => {
  it('agents join with NATS users of their own; a deployment across both and a log read work', async () => {
    expect((await credentialsOf(agentA)).nats?.inboxPrefix).toBe(`_INBOX_${idA}`);
    applySpec(
      cluster.controller,
      specText({
        name: app,
        domains: [`${app}.example.test`],
        drain: '0s',
        services: {
          web: { image: TEST_IMAGE, command: 'echo "up in $CONTAINER"; exec httpd -f -p $PORT -h /www', port: 8080, scale: 2, health: { path: '/index.html' } },
        },
      }),
    );
    const d = await deploy(cluster.controller, app);
    expect(d.state).toBe('succeeded');
    expect(new Set(d.plan?.start.map((i) => i.agentId))).toEqual(new Set([idA, idB]));
    const servers = (await routedServers(cluster.controller, app))[`${app}-web`];
    expect(servers).toHaveLength(d.plan?.start.length ?? -1);
    for (const url of servers ?? []) expect(await fetchText(url)).toContain('hello from berth-test');

    // Log reads go to each agent and back as responses: both instances' lines arrive.
    const logs = await runBerth(['logs', app], { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/up in web-1/);
    expect(logs.stdout).toMatch(/up in web-2/);
  });

  it("agent A's user cannot read, take or inject agent B's tasks, nor listen to other inboxes", async () => {
    const { nats } = await credentialsOf(agentA);
    const violations: string[] = [];
    const nc: NatsConnection = await connect({
      servers: cluster.nats.url,
      authenticator: credsAuthenticator(new TextEncoder().encode(nats?.creds)),
      inboxPrefix: nats?.inboxPrefix,
    });
    void (async () => {
      // A violation is reported as an error status whose error names the operation and subject.
      for await (const s of nc.status())
        if (s.type === 'error' && s.error instanceof PermissionViolationError) violations.push(`${s.error.operation} ${s.error.subject}`);
    })();
    try {
      const jsm = await jetstreamManager(nc);
      // B's consumer: neither its info nor its messages.
      await expect(jetstream(nc).consumers.get(TASK_STREAM, agentConsumerName(idB))).rejects.toThrow(
        /Permissions Violation for Publish to "\$JS\.API\.CONSUMER\.INFO\.BERTH_TASKS\.agent-natsb/,
      );
      // A consumer of its own pointed at B's subject: refused (only the controller makes consumers).
      await expect(
        jsm.consumers.add(TASK_STREAM, { ...agentConsumerConfig(idA), durable_name: `steal-${suffix}`, filter_subject: agentTaskSubject(idB) }),
      ).rejects.toThrow(/Permissions Violation/);
      // Injecting a task for B.
      nc.publish(agentTaskSubject(idB), new TextEncoder().encode('{}'));
      // Listening on B's task subject or on every inbox.
      nc.subscribe(agentTaskSubject(idB));
      nc.subscribe('_INBOX.>');
      await nc.flush();
      // Each reported in its own time, after the refusals above (which are reported too): wait for these three.
      const expected = [`publish ${agentTaskSubject(idB)}`, `subscription ${agentTaskSubject(idB)}`, 'subscription _INBOX.>'];
      await waitFor('the three violations reported', () => expected.every((v) => violations.includes(v)), 10_000).catch((err: Error) => {
        throw new Error(`${err.message}; reported: ${violations.join(' | ')}`);
      });
      // Its own consumer it may read (what the agent process does).
      const own = await jetstream(nc).consumers.get(TASK_STREAM, agentConsumerName(idA));
      expect((await own.info()).config.filter_subject).toBe(agentTaskSubject(idA));
    } finally {
      await nc.close();
    }
  });

  it('berth controller nats-config makes the keys once (0600) and writes a configuration nats-server accepts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-natsconf-'));
    const out = join(dir, 'nats.conf');
    const port = await freePort();
    const args = ['controller', 'nats-config', '--data-dir', join(dir, 'data'), '--listen', `127.0.0.1:${port}`, '--store-dir', join(dir, 'js'), '--out', out];
    const first = await runBerth(args);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/made the NATS operator and account keys in .*nats-auth\.json \(mode 0600/);
    expect((await stat(join(dir, 'data', 'nats-auth.json'))).mode & 0o777).toBe(0o600);
    const config = await readFile(out, 'utf8');
    expect(config).toMatch(/^resolver: MEMORY$/m);
    // Again: the same keys, so the same operator (agents and the controller keep working).
    expect((await runBerth(args)).stderr).toMatch(/using the NATS keys in/);
    const operatorKey = (text: string) =>
      (JSON.parse(Buffer.from(/^operator: \S+\.(\S+)\.\S+$/m.exec(text)?.[1] ?? '', 'base64url').toString()) as { sub: string }).sub;
    expect(operatorKey(await readFile(out, 'utf8'))).toBe(operatorKey(config));
    expect(operatorKey(config)).toMatch(/^O[A-Z2-7]{55}$/);
    // One server, as Debian's nats-server 2.9 takes it: no sync_interval (cluster nodes have it).
    expect(config).toMatch(/^jetstream: \{ store_dir: "[^"]*" \}$/m);
    // nats-server checks a configuration without starting (-t).
    const checked = await runProgram(NATS_SERVER, ['-t', '-c', out]);
    expect(checked.code, checked.output).toBe(0);
  });

  it('an agent without NATS credentials (joined before nats-config) is refused and says what to do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-agent-'));
    await writeFile(
      join(dir, 'credentials.json'),
      JSON.stringify({ agentId: `old-${suffix}`, controller: '127.0.0.1:1', secret: 'x'.repeat(43), nats: null, joinedAtMs: 0 }),
    );
    const res = await runBerth(['agent', '--id', `old-${suffix}`, '--nats', cluster.nats.url, '--data-dir', dir]);
    expect(res.code).toBe(3);
    expect(res.stderr.trim()).toMatch(
      /^berth: NATS at nats:\/\/127\.0\.0\.1:\d+ refused this agent \(.*Authorization Violation.*\): NATS has authorization .* and this agent joined without a NATS user; delete credentials.json in its --data-dir and join again with a new join token \[UNAUTHENTICATED\]$/,
    );
  });
});

/** Runs a program (argv, no shell) to its end: its exit code and what it printed. */
function runProgram(file: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', (err) => resolve({ code: null, output: `${output}${err.message}` }));
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('a three-node cluster as nats-config writes it', { timeout: 120_000 }, () => {
  const started: ChildProcess[] = [];
  const dirs: string[] = [];
  const connections: NatsConnection[] = [];

  afterEach(async () => {
    await Promise.all(connections.splice(0).map((nc) => nc.close().catch(() => undefined)));
    await Promise.all(started.splice(0).map((child) => stopChild(child)));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('nats-server accepts each node (-t); the three form a cluster with JetStream, and controller ctl-a signs in as berth-controller-ctl-a and makes an R3 bucket', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-natscluster-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    // Taken at once, so no two are the same.
    const ports = await Promise.all(Array.from({ length: 9 }, () => freePort()));
    const nodes = ['n1', 'n2', 'n3'].map((name, i) => ({
      name,
      client: ports[3 * i] as number,
      route: ports[3 * i + 1] as number,
      monitor: ports[3 * i + 2] as number,
      file: join(dir, `${name}.conf`),
    }));

    for (const node of nodes) {
      const routes = nodes.filter((n) => n !== node).map((n) => `nats-route://127.0.0.1:${n.route}`);
      const res = await runBerth([
        'controller',
        'nats-config',
        '--data-dir',
        dataDir,
        '--listen',
        `127.0.0.1:${node.client}`,
        '--store-dir',
        join(dir, `${node.name}-js`),
        '--server-name',
        node.name,
        '--cluster-listen',
        `127.0.0.1:${node.route}`,
        '--routes',
        routes.join(','),
        '--out',
        node.file,
      ]);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stderr).toMatch(node.name === 'n1' ? /made the NATS operator and account keys/ : /using the NATS keys in/);
      expect(res.stderr).toMatch(/copy .*nats-auth\.json to their data dirs/);
      const config = await readFile(node.file, 'utf8');
      expect(config).toMatch(new RegExp(`^server_name: "${node.name}"$`, 'm'));
      // Routes authorized both ways, with a password every node derives from the shared keys.
      const { password } = ((await loadNatsAuth(dataDir)) as NatsAuth).routeAuth();
      expect(config).toContain(`authorization: { user: "berth-route", password: "${password}" }`);
      expect(config).toContain(`routes: [${routes.map((r) => `"${r.replace('nats-route://', `nats-route://berth-route:${password}@`)}"`).join(', ')}]`);
      // It holds that password: for root alone.
      expect((await stat(node.file)).mode & 0o777).toBe(0o600);
      expect(config).toContain('sync_interval: always');
      const checked = await runProgram(NATS_SERVER, ['-t', '-c', node.file]);
      expect(checked.code, checked.output).toBe(0);
    }

    // Started, with a monitoring port each to read the connection list from.
    const logs = new Map<string, string>();
    for (const node of nodes) {
      await appendFile(node.file, `http: "127.0.0.1:${node.monitor}"\n`);
      const child = spawn(NATS_SERVER, ['-c', node.file], { stdio: ['ignore', 'ignore', 'pipe'] });
      started.push(child);
      logs.set(node.name, '');
      child.stderr?.on('data', (d: Buffer) => logs.set(node.name, `${logs.get(node.name)}${d.toString()}`.slice(-4000)));
    }
    await Promise.all(nodes.map((n) => waitForPort(n.client, 10_000)));

    const auth = await loadNatsAuth(dataDir);
    const creds = await auth?.controllerCreds('ctl-a');
    expect(creds).toBeDefined();
    const nc = await connect({
      servers: nodes.map((n) => `nats://127.0.0.1:${n.client}`),
      authenticator: credsAuthenticator(new TextEncoder().encode(creds)),
      timeout: 5000,
    });
    connections.push(nc);
    // Until the nodes have routed and elected JetStream's meta leader, and placed three peers.
    const kv = await waitFor(
      'an R3 bucket on the cluster',
      async () => {
        await (await jetstreamManager(nc)).getAccountInfo();
        return await new Kvm(nc).create(`r3-${suffix}`, { replicas: 3, history: 1 });
      },
      30_000,
      250,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${[...logs].map(([name, log]) => `--- ${name}\n${log}`).join('\n')}`);
    });
    await kv.put('k', 'v');
    expect(new TextDecoder().decode((await kv.get('k'))?.value)).toBe('v');
    expect((await kv.status()).replicas).toBe(3);
    const info = await (await jetstreamManager(nc)).streams.info(`KV_r3-${suffix}`);
    expect(new Set([info.cluster?.leader, ...(info.cluster?.replicas ?? []).map((r) => r.name)])).toEqual(new Set(['n1', 'n2', 'n3']));

    // The connection list carries each user's JWT (with ?auth=true), whose name is the controller's.
    const userName = (jwt: string | undefined) =>
      jwt ? (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { name?: string }).name : undefined;
    const users = await waitFor("ctl-a in a node's connection list", async () => {
      const lists = await Promise.all(
        nodes.map(
          async (n) =>
            ((await (await fetch(`http://127.0.0.1:${n.monitor}/connz?auth=true`)).json()) as { connections?: Array<{ jwt?: string }> }).connections ?? [],
        ),
      );
      const names = lists.flat().map((c) => userName(c.jwt));
      return names.includes('berth-controller-ctl-a') && names;
    });
    expect(users).toContain('berth-controller-ctl-a');

    // A nats-server that does not know the route password is refused by the cluster port.
    const rogue = spawn(
      NATS_SERVER,
      [
        '-a',
        '127.0.0.1',
        '-p',
        String(await freePort()),
        '--cluster',
        `nats://127.0.0.1:${await freePort()}`,
        '--routes',
        `nats-route://127.0.0.1:${nodes[0]?.route}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    started.push(rogue);
    let rogueLog = '';
    rogue.stderr?.on('data', (d: Buffer) => {
      rogueLog = `${rogueLog}${d.toString()}`.slice(-4000);
    });
    await waitFor('the rogue route refused', () => /authorization violation/i.test(rogueLog), 15_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${rogueLog}`);
    });
    const routez = (await (await fetch(`http://127.0.0.1:${nodes[0]?.monitor}/routez`)).json()) as { routes?: Array<{ remote_name?: string }> };
    // Several route connections to each node (nats-server pools them): only n2 and n3 are at the other ends.
    expect([...new Set((routez.routes ?? []).map((r) => r.remote_name))].sort()).toEqual(['n2', 'n3']);
  });
});
