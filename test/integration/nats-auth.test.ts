/**
 * NATS with authorization, as `berth controller nats-config` writes it (real nats-server, the
 * controller, two agents as processes, real Docker): deployments and log reads work with each
 * agent's limited user, and agent A, holding its own credentials, cannot read, take or inject
 * agent B's tasks or listen in on other replies.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, credsAuthenticator, PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentConsumerConfig, agentConsumerName, agentTaskSubject, TASK_STREAM } from '../../shared/subjects.js';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type AgentProcess, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, fetchText, removeAppContainers, routedServers } from '../helpers/deployments.js';
import { freePort } from '../helpers/free-port.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const idA = `natsa-${suffix}`;
const idB = `natsb-${suffix}`;
const app = `natsauth-${suffix}`;
let cluster: Cluster;
let agentA: AgentProcess;

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
      await waitFor('three violations reported', () => violations.length >= 3, 5_000);
      expect(violations).toEqual(
        expect.arrayContaining([`publish ${agentTaskSubject(idB)}`, `subscription ${agentTaskSubject(idB)}`, 'subscription _INBOX.>']),
      );
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
    // nats-server checks a configuration without starting (-t).
    expect(spawnSync('nats-server', ['-t', '-c', out], { encoding: 'utf8' }).status).toBe(0);
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
