/**
 * Abuse: fuzzing every door from outside, against real processes (`berth controller`, one
 * `berth agent`, nats-server, Docker). Generated from a seed (BERTH_FUZZ_SEED replays a run):
 * - 10,000 malformed hook requests (bodies cut, corrupted, retyped or random; content types; event,
 *   delivery and wrong signature headers; huge bodies; bodies cut off mid-upload);
 * - malformed tasks published on the agent's task subject, and malformed log reads on its logs
 *   subject, each one the agent's own schema refuses;
 * - random bytes and malformed hellos and reports on the agents' gRPC report stream, and random
 *   bytes to every admin method.
 * Must hold: no process dies; no 5xx from the hook endpoint; every refusal says what is wrong (an
 * error body, a log line, an error chunk, a gRPC status with a message); nothing is left pending;
 * and afterwards the same controller and agent still deploy an app that answers.
 */
import * as grpc from '@grpc/grpc-js';
import { request as httpRequest } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUnary, required } from '../../cli/admin-client.js';
import { loadBerthProto } from '../../proto/load.js';
import type { ConnectRequest } from '../../proto/gen/berth/v1/ConnectRequest.js';
import type { ConnectResponse__Output } from '../../proto/gen/berth/v1/ConnectResponse.js';
import { LogChunkSchema, LogReadSchema } from '../../shared/logs.js';
import { agentConsumerName, agentLogsSubject, agentTaskSubject, TASK_STREAM } from '../../shared/subjects.js';
import { decodeTask } from '../../shared/task.js';
import { uniqueSuffix } from '../helpers/cluster.js';
import { fuzzHookRequest, loadHookFixtures } from '../helpers/hook-fuzz.js';
import { malformedJson } from '../helpers/json-fuzz.js';
import { prng } from '../helpers/prng.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import type { AgentProcess } from '../helpers/cluster.js';
import { recordFault } from './fault-report.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';
import { BERTH_VERSION } from '../../shared/version.js';

const SEED = Number(process.env.BERTH_FUZZ_SEED ?? 20261124);
const HOOK_REQUESTS = 10_000;
const TASKS = 1_000;
const LOG_READS = 300;
const STREAM_GARBAGE = 200;
const HELLOS = 300;
const REPORTS = 400;
const ADMIN_GARBAGE = 200;

const suffix = uniqueSuffix();
const openApp = `fz-open-${suffix}`;
const signedApp = `fz-signed-${suffix}`;
const okApp = `fz-ok-${suffix}`;
const agentId = `fuzz-a-${suffix}`;
const fakeAgentId = `fuzz-fake-${suffix}`;
let stack: ProcessStack;
let agent: AgentProcess;
let nc: NatsConnection;

async function applyApp(spec: object): Promise<void> {
  const admin = stack.admin();
  await callUnary(admin.ApplyApp.bind(admin), { specText: JSON.stringify(spec), source: 'fuzz' });
}

async function hookUrl(app: string): Promise<string> {
  const admin = stack.admin();
  const hook = required((await callUnary(admin.GetHook.bind(admin), { app })).hook, 'hook');
  return stack.httpUrl + new URL(hook.url).pathname;
}

/** Both the controller and the agent still run (a crash would have ended them). */
async function expectAlive(): Promise<void> {
  expect((await fetch(`${stack.httpUrl}/healthz`)).status).toBe(200);
  expect(agent.pid).toBeDefined();
  expect(await Promise.race([agent.exited.then(() => 'exited'), new Promise((r) => setTimeout(() => r('running'), 50))])).toBe('running');
}

beforeAll(async () => {
  stack = await startProcessStack();
  agent = await stack.startAgent(agentId);
  nc = await natsConnect({ servers: stack.nats.url });
  // Deploy decisions for this one fail at planning: no agent has the label, nothing starts.
  await applyApp({ name: openApp, services: { web: { image: TEST_IMAGE, port: 8080, placement: { labels: { fuzz: 'nowhere' } } } } });
  await applyApp({ name: signedApp, services: { web: { image: TEST_IMAGE, port: 8080 } } });
  const admin = stack.admin();
  await callUnary(admin.SetHookSecret.bind(admin), { app: signedApp, value: 'fuzz-secret-of-the-signed-app' });
}, 120_000);

afterAll(async () => {
  await nc?.close();
  await stack?.close();
  for (const app of [openApp, signedApp, okApp]) await stack?.removeAppContainers(app);
}, 60_000);

/**
 * POSTs 26 MiB (over the 25 MiB limit) a chunk at a time and resolves with the answer's status
 * and body, which may come before the upload ends (the server stops reading at the limit).
 */
function postHuge(url: string): Promise<{ status: number; text: string }> {
  const size = 26 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': size } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, text });
      });
    });
    // Writes stop failing quietly once the server has answered and closed.
    req.on('error', (err) => (req.writableEnded ? undefined : reject(err)));
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let written = 0;
    const writeMore = () => {
      while (written < size && !req.destroyed) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', writeMore);
      }
      if (!req.destroyed) req.end();
    };
    writeMore();
  });
}

/** POSTs a body announced longer than it is, then hangs up: the receiver must let it go. */
function cutOffUpload(url: string, sent: number): Promise<void> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve) => {
    const socket = tcpConnect(Number(port), hostname, () => {
      socket.write(
        `POST ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: ${sent * 10}\r\n\r\n${'{'.repeat(sent)}`,
      );
      setTimeout(() => socket.destroy(), 20);
    });
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}

describe('abuse: fuzzing hooks, NATS subjects and gRPC streams', { timeout: 600_000 }, () => {
  it(`${HOOK_REQUESTS} malformed hook requests: never a 5xx, every refusal says why`, async () => {
    const rand = prng(SEED);
    const fixtures = await loadHookFixtures();
    const urls = { open: await hookUrl(openApp), signed: await hookUrl(signedApp) };
    const statuses = new Map<number, number>();
    const lost: string[] = [];
    let sent = 0;
    const one = async (i: number) => {
      const signed = rand() < 0.5;
      const { body, headers, query } = fuzzHookRequest(rand, fixtures, { wrongSignatures: signed });
      const url = (signed ? urls.signed : urls.open) + query;
      if (i % 1000 === 1) {
        // Now and then: far over the body limit, or cut off mid-upload.
        await cutOffUpload(url, 100 + Math.floor(rand() * 5000));
      }
      const res = i % 2500 === 7 ? await postHuge(url) : await fetch(url, { method: 'POST', headers, body: new Uint8Array(body) });
      const text = 'text' in res && typeof res.text === 'string' ? res.text : await (res as Response).text();
      sent++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) lost.push(`seed ${SEED}, request ${i}: ${res.status} ${text.slice(0, 200)}`);
      else if (res.status >= 400) {
        const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
        if (typeof message !== 'string' || message.length < 10) lost.push(`request ${i}: ${res.status} without a message: ${text.slice(0, 200)}`);
      }
    };
    // Four at a time, as a busy git host would send them.
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < HOOK_REQUESTS) await one(next++);
      }),
    );
    await expectAlive();
    // The signed app deployed nothing: every request had a wrong signature or none.
    const admin = stack.admin();
    const deployments = await callUnary(admin.ListDeployments.bind(admin), { app: signedApp });
    if (deployments.deployments.length) lost.push(`${deployments.deployments.length} deployments of the signed app`);
    recordFault({
      fault: `fuzz: ${sent} malformed hook requests (${[...statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${n}×${s}`)
        .join(', ')})`,
      injected: sent,
      held: sent - lost.length,
      lost,
    });
    expect(lost).toEqual([]);
    // Several kinds of answer were reached, not one path over and over.
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(4);
    expect(statuses.get(401)).toBeGreaterThan(100);
    expect(statuses.get(413)).toBeGreaterThan(0);
  });

  it(`${TASKS} malformed tasks on the agent's task subject and ${LOG_READS} malformed log reads on its logs subject`, async () => {
    const rand = prng(SEED + 1);
    const js = jetstream(nc);
    const valid = {
      id: 'task-1',
      agentId,
      kind: 'start-instance',
      deploymentId: null,
      createdAtMs: Date.now(),
      deadlineMs: Date.now() + 60_000,
      spec: {
        instanceId: 'fz-1',
        app: okApp,
        service: 'web',
        release: 'v1',
        image: TEST_IMAGE,
        command: ['sleep', '1'],
        env: { A: 'b' },
        containerPort: 8080,
        health: { type: 'tcp' },
      },
    };
    const isTask = (bytes: Uint8Array) => {
      try {
        decodeTask(bytes);
        return true;
      } catch {
        return false;
      }
    };
    const droppedBefore = (agent.output.match(/dropped malformed task/g) ?? []).length;
    for (let i = 0; i < TASKS; i++) await js.publish(agentTaskSubject(agentId), malformedJson(rand, valid, isTask));
    const lost: string[] = [];
    const dropped = () => (agent.output.match(/dropped malformed task/g) ?? []).length - droppedBefore;
    await waitFor(`the agent to refuse ${TASKS} tasks`, () => (dropped() >= TASKS ? true : undefined), 60_000, 200).catch(() =>
      lost.push(`${TASKS - dropped()} tasks not refused`),
    );
    // Each was acknowledged (taken off the queue), none waits for redelivery.
    const info = await (await jetstreamManager(nc)).consumers.info(TASK_STREAM, agentConsumerName(agentId));
    if (info.num_pending + info.num_ack_pending > 0) lost.push(`${info.num_pending} pending, ${info.num_ack_pending} unacknowledged tasks`);
    // Each refusal says what is wrong.
    const reasons = agent.output
      .split('\n')
      .filter((l) => l.includes('dropped malformed task'))
      .map((l) => (JSON.parse(l) as { reason?: string }).reason ?? '');
    if (reasons.some((r) => !/^task (is not JSON|is invalid): ./.test(r))) lost.push('a refused task without a reason');
    recordFault({ fault: `fuzz: ${TASKS} malformed tasks on the agent's task subject`, injected: TASKS, held: TASKS - Math.max(0, TASKS - dropped()), lost });

    const logLost: string[] = [];
    const isLogRead = (bytes: Uint8Array) => {
      try {
        LogReadSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
        return true;
      } catch {
        return false;
      }
    };
    const validRead = { instanceIds: ['fz-1'], sinceMs: 0, tail: 10, follow: false };
    let answered = 0;
    for (let i = 0; i < LOG_READS; i++) {
      const reply = await nc
        .request(agentLogsSubject(agentId), malformedJson(rand, validRead, isLogRead), { timeout: 10_000 })
        .catch((err: unknown) => err as Error);
      if (reply instanceof Error) {
        logLost.push(`log read ${i}: ${reply.message}`);
        continue;
      }
      const chunk = LogChunkSchema.safeParse(JSON.parse(new TextDecoder().decode(reply.data)));
      if (chunk.success && chunk.data.type === 'error' && chunk.data.message.startsWith('malformed log read: ')) answered++;
      else logLost.push(`log read ${i} answered ${new TextDecoder().decode(reply.data).slice(0, 200)}`);
    }
    recordFault({
      fault: `fuzz: ${LOG_READS} malformed log reads on the agent's logs subject`,
      injected: LOG_READS,
      held: answered,
      lost: logLost.slice(0, 5),
    });
    await expectAlive();
    expect(lost).toEqual([]);
    expect(logLost).toEqual([]);
  });

  it(`random bytes, ${HELLOS} malformed hellos and ${REPORTS} malformed reports on the report stream; random bytes to the admin API`, async () => {
    const rand = prng(SEED + 2);
    const admin = stack.admin();
    const { token } = await callUnary(admin.CreateJoinToken.bind(admin), { ttlMs: 600_000 });
    const proto = loadBerthProto();
    const reports = new proto.berth.v1.AgentService(stack.grpcAddr, grpc.credentials.createInsecure());
    const joined = await callUnary(reports.Join.bind(reports), {
      agentId: fakeAgentId,
      joinToken: token,
      hostname: 'fuzz',
    });
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${joined.secret}`);
    const raw = new grpc.Client(stack.grpcAddr, grpc.credentials.createInsecure());
    const identity = (b: Buffer) => b;
    const lost: string[] = [];

    /** Opens a stream, sends the messages, and resolves with how it ended (or 'open' after 5 s). */
    const streamEnd = (send: (call: grpc.ClientDuplexStream<never, ConnectResponse__Output>) => void, rawBytes = false) =>
      new Promise<{ code: number | 'open'; details: string; acks: number[] }>((resolve) => {
        const call = rawBytes
          ? (raw.makeBidiStreamRequest('/berth.v1.AgentService/Connect', identity, identity, metadata) as unknown as grpc.ClientDuplexStream<
              never,
              ConnectResponse__Output
            >)
          : (reports.Connect(metadata) as unknown as grpc.ClientDuplexStream<never, ConnectResponse__Output>);
        const acks: number[] = [];
        const timer = setTimeout(() => {
          call.cancel();
          resolve({ code: 'open', details: '', acks });
        }, 5_000);
        call.on('data', (m: ConnectResponse__Output) => {
          if (m.ack) acks.push(Number(m.ack.seq));
        });
        call.on('error', (err: grpc.ServiceError) => {
          clearTimeout(timer);
          resolve({ code: err.code, details: err.details, acks });
        });
        call.on('end', () => {
          clearTimeout(timer);
          resolve({ code: 0, details: '', acks });
        });
        send(call);
      });

    // Random bytes where a message should be: grpc-js refuses what does not decode.
    for (let i = 0; i < STREAM_GARBAGE; i++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 1024) }, () => Math.floor(rand() * 256)));
      const end = await streamEnd((call) => (call as unknown as grpc.ClientDuplexStream<Buffer, Buffer>).write(bytes), true);
      if (end.code === 0 || end.code === 'open' || !end.details) lost.push(`random bytes ${i}: the stream ended ${end.code} ${end.details}`);
    }

    // Hellos, each wrong in one to three ways the controller must see.
    const goodInstance = {
      instanceId: 'fz-i',
      containerId: 'c',
      app: okApp,
      service: 'web',
      release: 'v1',
      deploymentId: '',
      state: 'running',
      health: 'healthy',
      containerPort: 8080,
      hostPort: 30000,
      hostIp: '127.0.0.1',
      exitCode: 0,
      oomKilled: false,
      image: TEST_IMAGE,
      startedAtMs: 1,
      finishedAtMs: 0,
    };
    const goodHello = {
      agentId: fakeAgentId,
      hostname: 'fuzz',
      advertiseAddr: '127.0.0.1',
      labels: {},
      cpus: 2,
      memoryBytes: 1024,
      version: BERTH_VERSION,
      sessionId: 's1',
      snapshotSeq: 0,
      instances: [] as object[],
    };
    const helloFaults: Array<(h: typeof goodHello) => void> = [
      (h) => (h.agentId = ''),
      (h) => (h.agentId = `${fakeAgentId}/../x`),
      (h) => (h.agentId = 'x'.repeat(300)),
      (h) => (h.agentId = agentId), // someone else's id with this secret
      (h) => (h.agentId = 'Fuzz Agent`{{'),
      (h) => (h.hostname = ''),
      (h) => (h.hostname = 'h'.repeat(300)),
      (h) => (h.advertiseAddr = ''),
      (h) => (h.labels = { ['k'.repeat(64)]: 'v' }),
      (h) => (h.labels = { k: 'v'.repeat(256) }),
      (h) => (h.version = 'v'.repeat(65)),
      (h) => (h.sessionId = ''),
      (h) => (h.instances = [{ ...goodInstance, state: 'dancing' }]),
      (h) => (h.instances = [{ ...goodInstance, instanceId: '' }]),
      (h) => (h.instances = [{ ...goodInstance, hostPort: 70000 }]),
      (h) => (h.instances = [{ ...goodInstance, health: 'great' }]),
      (h) => (h.instances = [{ ...goodInstance, app: 'a'.repeat(200) }]),
    ];
    let helloRefused = 0;
    for (let i = 0; i < HELLOS; i++) {
      const hello = structuredClone(goodHello);
      for (let n = 0, k = 1 + Math.floor(rand() * 3); n < k; n++)
        (helloFaults[Math.floor(rand() * helloFaults.length)] as (h: typeof goodHello) => void)(hello);
      const end = await streamEnd((call) => call.write({ hello } as never));
      if ((end.code === grpc.status.INVALID_ARGUMENT || end.code === grpc.status.UNAUTHENTICATED) && end.details.length > 10) helloRefused++;
      else lost.push(`hello ${i} (${JSON.stringify(hello).slice(0, 150)}) ended ${end.code} ${end.details}`);
    }
    // A report stream without a hello first, and one without credentials.
    const noHello = await streamEnd((call) => call.write({ heartbeat: { sentAtMs: Date.now(), runningInstances: 0 } } as never));
    if (noHello.code !== grpc.status.INVALID_ARGUMENT) lost.push(`a heartbeat before the hello ended ${noHello.code}`);

    // After a good hello, reports wrong in one way each: refused (no ack), the stream stays up.
    const reportFaults: Array<(seq: number) => ConnectRequest> = [
      (seq) => ({ report: { seq, atMs: Date.now(), taskResult: { taskId: 't', kind: 'noop', status: 'bogus' } } }),
      (seq) => ({ report: { seq, atMs: Date.now(), taskResult: { taskId: '', kind: 'noop', status: 'ok' } } }),
      (seq) => ({
        report: { seq, atMs: Date.now(), taskResult: { taskId: 't', kind: 'start-instance', status: 'ok', instance: { ...goodInstance, state: 'gone' } } },
      }),
      (seq) => ({
        report: {
          seq,
          atMs: Date.now(),
          taskResult: { taskId: 't', kind: 'prepare-image', status: 'ok', prepared: { image: '', imageId: '', commitSha: '', procfile: {}, fresh: true } },
        },
      }),
      (seq) => ({ report: { seq, atMs: Date.now(), instanceEvent: { kind: 'exploded', instance: goodInstance } } }),
      (seq) => ({ report: { seq, atMs: Date.now(), instanceEvent: { kind: 'started', instance: { ...goodInstance, hostPort: -1 } } } }),
      (seq) => ({ report: { seq, atMs: Date.now(), output: { taskId: '', deploymentId: '', lines: ['x'] } } }),
      (seq) => ({ report: { seq, atMs: Date.now(), output: { taskId: 't', deploymentId: 'd'.repeat(200), lines: [] } } }),
      (seq) => ({ report: { seq, atMs: Date.now() } }),
      () => ({}),
    ];
    const withReports = await streamEnd((call) => {
      call.write({ hello: goodHello } as never);
      for (let i = 1; i <= REPORTS; i++) call.write((reportFaults[Math.floor(rand() * reportFaults.length)] as (seq: number) => ConnectRequest)(i) as never);
      // Then a good one: it is acknowledged, so the stream outlived the bad ones.
      call.write({ report: { seq: REPORTS + 1, atMs: Date.now(), output: { taskId: 'fz-t', deploymentId: '', lines: ['fine'] } } } as never);
    });
    if (withReports.code !== 'open') lost.push(`the stream with bad reports ended ${withReports.code} ${withReports.details}`);
    if (withReports.acks.join() !== String(REPORTS + 1))
      lost.push(`acknowledged ${withReports.acks.length} reports (${withReports.acks.slice(0, 5).join(',')}…), expected only ${REPORTS + 1}`);

    // Random bytes to every admin method, with the admin token: refused, nothing changes.
    const adminToken = new grpc.Metadata();
    adminToken.set('authorization', `Bearer ${stack.adminToken}`);
    const methods = Object.values(proto.berth.v1.AdminService.service);
    const appsBefore = await callUnary(admin.ListApps.bind(admin), {});
    let adminRefused = 0;
    for (let i = 0; i < ADMIN_GARBAGE; i++) {
      const method = Object.values(proto.berth.v1.AdminService.service)[Math.floor(rand() * methods.length)] as grpc.MethodDefinition<Buffer, Buffer>;
      if (method.responseStream) continue;
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 512) }, () => Math.floor(rand() * 256)));
      const code = await new Promise<number>((resolve) =>
        raw.makeUnaryRequest(method.path, identity, identity, bytes, adminToken, (err) => resolve(err ? err.code : 0)),
      );
      if (code !== 0) adminRefused++;
    }
    const appsAfter = await callUnary(admin.ListApps.bind(admin), {});
    if (appsAfter.apps.length !== appsBefore.apps.length) lost.push(`apps went from ${appsBefore.apps.length} to ${appsAfter.apps.length}`);
    raw.close();
    reports.close();

    const injected = STREAM_GARBAGE + HELLOS + 1 + REPORTS;
    recordFault({
      fault: `fuzz: ${STREAM_GARBAGE} random messages, ${HELLOS} bad hellos, ${REPORTS} bad reports on report streams; ${ADMIN_GARBAGE} random admin calls (${adminRefused} refused)`,
      injected,
      held: injected - lost.length,
      lost: lost.slice(0, 5),
    });
    await expectAlive();
    expect(lost).toEqual([]);
    expect(helloRefused).toBe(HELLOS);
  });

  it('afterwards the same controller and agent deploy an app that answers', async () => {
    const admin = stack.admin();
    // The fake agent of the stream fuzz must be down first, or it could be given the instance.
    await waitFor(
      'the fuzz agent to be down',
      async () => {
        const { agents } = await callUnary(admin.ListAgents.bind(admin), {});
        return agents.every((a) => a.id !== fakeAgentId || a.status === 'down') ? true : undefined;
      },
      30_000,
      500,
    );
    await applyApp({
      name: okApp,
      services: { web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /etc', port: 8080, health: { path: '/hostname' } } },
    });
    const d = await stack.deploy(okApp);
    const end = await stack.waitForEnd(d.id, 90_000);
    expect(end.state, JSON.stringify(end.failure)).toBe('succeeded');
    await expectAlive();
  });
});
