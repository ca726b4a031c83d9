/**
 * The load side of bench/report-intake.ts, in a worker thread (its own event loop, so the server
 * side gets the other core): opens one report stream per agent, says hello, then keeps WINDOW
 * instance-health reports in flight per stream (a new one for every acknowledgement) and counts the
 * acknowledgements that arrive during the measured seconds.
 */
import * as grpc from '@grpc/grpc-js';
import { parentPort, workerData } from 'node:worker_threads';
import type { ConnectRequest } from '../proto/gen/berth/v1/ConnectRequest.js';
import type { ConnectResponse__Output } from '../proto/gen/berth/v1/ConnectResponse.js';
import { loadBerthProto } from '../proto/load.js';
import { BERTH_VERSION } from '../shared/version.js';

export interface LoadRequest {
  address: string;
  agents: Array<{ id: string; secret: string }>;
  window: number;
  warmupMs: number;
  measureMs: number;
}

const request = workerData as LoadRequest;
const proto = loadBerthProto();
const client = new proto.berth.v1.AgentService(request.address, grpc.credentials.createInsecure());

function instance(agentId: string, n: number, healthy: boolean) {
  return {
    instanceId: `${agentId}-web-${n}`,
    containerId: `c${n}`,
    app: 'bench',
    service: 'web',
    release: 'v1',
    deploymentId: '',
    state: 'running',
    health: healthy ? 'healthy' : 'unhealthy',
    containerPort: 8080,
    hostPort: 30_000 + n,
    hostIp: '127.0.0.1',
    exitCode: 0,
    oomKilled: false,
    image: 'bench:1',
    startedAtMs: 1,
    finishedAtMs: 0,
  };
}

let counting = false;
let acked = 0;
const calls: Array<grpc.ClientDuplexStream<ConnectRequest, ConnectResponse__Output>> = [];

for (const agent of request.agents) {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${agent.secret}`);
  const call = client.Connect(metadata);
  calls.push(call);
  let seq = 0;
  const send = () => {
    seq++;
    const healthy = seq % 2 === 0;
    call.write({
      report: { seq, atMs: Date.now(), instanceEvent: { kind: healthy ? 'healthy' : 'unhealthy', instance: instance(agent.id, seq % 10, healthy) } },
    });
  };
  call.on('data', (m: ConnectResponse__Output) => {
    if (m.welcome) for (let i = 0; i < request.window; i++) send();
    if (m.ack) {
      if (counting) acked++;
      send();
    }
  });
  call.on('error', () => undefined);
  call.write({
    hello: {
      agentId: agent.id,
      hostname: agent.id,
      advertiseAddr: '127.0.0.1',
      labels: {},
      cpus: 2,
      memoryBytes: 1 << 30,
      version: BERTH_VERSION,
      sessionId: `s-${agent.id}`,
      snapshotSeq: 0,
      instances: Array.from({ length: 10 }, (_, n) => instance(agent.id, n, true)),
    },
  });
}

setTimeout(() => {
  counting = true;
  const started = performance.now();
  setTimeout(() => {
    counting = false;
    const seconds = (performance.now() - started) / 1000;
    for (const call of calls) call.cancel();
    client.close();
    parentPort?.postMessage({ perSecond: acked / seconds });
  }, request.measureMs);
}, request.warmupMs);
