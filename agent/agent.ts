/**
 * Wires an agent together. Start-up checks Docker, NATS and the controller in that order and
 * fails with one clear error for the first that cannot be reached; once running, every connection
 * is retried forever.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { Hello } from '../proto/gen/berth/v1/Hello.js';
import { instanceToProto } from '../proto/convert.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { BERTH_VERSION, PROTOCOL_VERSION } from '../shared/version.js';
import { DockerAdapter, type ContainerRuntime } from './adapters/docker.js';
import { connectAgentNats, type AgentNats } from './adapters/nats.js';
import { credentialsPath, loadOrJoin, readCaFile } from './adapters/credentials.js';
import { OneOffResults } from './adapters/oneoff-results.js';
import { ReportStream } from './adapters/report-stream.js';
import type { AgentConfig } from './config.js';
import { InstanceWatcher } from './runner/instance-watcher.js';
import { serveLogReads } from './runner/log-server.js';
import { TaskRunner } from './runner/task-runner.js';
import { TtySessions } from './runner/tty-sessions.js';

export interface Agent {
  config: AgentConfig;
  runner: TaskRunner;
  reports: ReportStream;
  nats: AgentNats;
  /** `goodbye` (default true): tell the controller this is a clean stop, not a lost host. */
  stop(options?: { goodbye?: boolean }): Promise<void>;
}

/** `runtime`: the container engine (Docker at config.docker unless given). */
export async function startAgent(config: AgentConfig, logger?: Logger, runtime?: ContainerRuntime): Promise<Agent> {
  const log = logger ?? (await createLogger('agent', config.logLevel, config.logFormat)).child({ agentId: config.id });
  const docker = runtime ?? new DockerAdapter(config.docker);
  const info = await docker.info();
  log.info({ docker: docker.endpointText, engine: info.serverVersion, cpus: info.cpus }, 'Docker Engine reachable');

  const sessionId = randomUUID();
  const self = { id: config.id, advertiseAddr: config.advertiseAddr };
  let reports: ReportStream | null = null;
  const watcher = new InstanceWatcher(docker, self, () => reports, log);

  const tls = config.controllerTls ? { ca: config.controllerTls.ca ? await readCaFile(config.controllerTls.ca) : null } : null;
  const { credentials, joined } = await loadOrJoin({
    agentId: config.id,
    hostname: config.hostname,
    controllerAddr: config.controllerAddr,
    dataDir: config.dataDir,
    joinToken: config.joinToken,
    channel: tls ? grpc.credentials.createSsl(tls.ca) : grpc.credentials.createInsecure(),
  });
  if (joined) log.info({ credentials: credentialsPath(config.dataDir), nats: credentials.nats !== null }, 'joined the controller; credentials saved');

  const nats = await connectAgentNats(config.natsUrl, config.id, log, credentials.nats);
  const hello = async (): Promise<Hello> => ({
    agentId: config.id,
    hostname: config.hostname,
    advertiseAddr: config.advertiseAddr,
    labels: config.labels,
    cpus: info.cpus,
    memoryBytes: info.memoryBytes,
    version: BERTH_VERSION,
    protocol: PROTOCOL_VERSION,
    sessionId,
    instances: (await watcher.currentInstances()).map(instanceToProto),
  });
  const ttys = new TtySessions();
  reports = new ReportStream({
    address: config.controllerAddr,
    tls,
    secret: credentials.secret,
    heartbeatMs: config.heartbeatMs,
    hello,
    runningInstances: () => watcher.runningCount(),
    log,
    onTtyInput: (input) => ttys.deliver(input),
  });
  try {
    // Docker events first: anything that happens after this is reported, anything before is in the hello.
    await watcher.start();
    await reports.start();
  } catch (err) {
    watcher.stop();
    reports.close();
    await nats.close();
    throw err;
  }

  const runner = new TaskRunner(docker, watcher, () => reports, self, log, new OneOffResults(join(config.dataDir, 'oneoffs')), ttys);
  nats.startConsuming((data) => runner.handle(data));
  const stopLogReads = serveLogReads(nats, docker, config.id, log);
  log.info({ controller: config.controllerAddr, nats: config.natsUrl, advertise: config.advertiseAddr }, 'agent started');

  return {
    config,
    runner,
    reports,
    nats,
    async stop({ goodbye = true } = {}) {
      // A clean stop (an upgrade, a restart): the controller keeps this host's instances routed.
      if (goodbye) reports?.goodbye('the agent is stopping');
      watcher.stop();
      stopLogReads();
      await nats.close();
      reports?.close();
      log.info('agent stopped');
    },
  };
}
