/**
 * Answers log reads (berth logs) from the controller: reads the asked containers' output from
 * Docker and streams it back in chunks on the request's reply subject, following until the reader
 * says stop or stops saying it is alive. Contract and schemas: shared/logs.ts.
 */
import type { ContainerRuntime } from '../adapters/docker.js';
import { containerName } from '../core/container-spec.js';
import type { AgentNats } from '../adapters/nats.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import {
  LOG_ALIVE_TIMEOUT_MS,
  LOG_CHUNK_LINES,
  LOG_CHUNK_MS,
  LogReadSchema,
  parseTimestampedLine,
  type LogChunk,
  type LogLine,
  type LogRead,
} from '../../shared/logs.js';
import { agentLogsSubject } from '../../shared/subjects.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function serveLogReads(nats: AgentNats, docker: ContainerRuntime, agentId: string, log: Logger): () => void {
  return nats.subscribe(agentLogsSubject(agentId), (data, reply) => {
    if (!reply) return;
    let read: LogRead;
    try {
      read = LogReadSchema.parse(JSON.parse(decoder.decode(data)));
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'malformed log read refused');
      nats.publish(
        reply,
        encoder.encode(JSON.stringify({ type: 'error', message: `malformed log read: ${errorMessage(err).slice(0, 500)}` } satisfies LogChunk)),
      );
      return;
    }
    void answerLogRead(nats, docker, read, reply, log);
  });
}

async function answerLogRead(nats: AgentNats, docker: ContainerRuntime, read: LogRead, reply: string, log: Logger): Promise<void> {
  const send = (chunk: LogChunk) => nats.publish(reply, encoder.encode(JSON.stringify(chunk)));
  let batch: LogLine[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (batch.length) send({ type: 'lines', lines: batch });
    batch = [];
  };
  const stops: Array<() => void> = [];
  let lastAlive = Date.now();
  const unsubscribe = [nats.subscribe(`${reply}.alive`, () => (lastAlive = Date.now())), nats.subscribe(`${reply}.stop`, () => stopAll())];
  const watchdog = setInterval(() => {
    if (Date.now() - lastAlive > LOG_ALIVE_TIMEOUT_MS) stopAll();
  }, 1_000);
  let stopped = false;
  function stopAll(): void {
    stopped = true;
    for (const stop of stops) stop();
  }
  try {
    const reads = await Promise.all(
      read.instanceIds.map(async (instanceId) => {
        try {
          return await docker.readLogs(
            containerName(instanceId),
            { sinceMs: read.sinceMs, tail: read.tail, follow: read.follow, timestamps: true },
            (stream, raw) => {
              const { atMs, text } = parseTimestampedLine(raw, Date.now());
              batch.push({ instanceId, stream, atMs, text });
              if (batch.length >= LOG_CHUNK_LINES) flush();
              else timer ??= setTimeout(flush, LOG_CHUNK_MS);
            },
          );
        } catch (err) {
          // One container gone does not spoil the others: say so in its place.
          batch.push({ instanceId, stream: 'stderr', atMs: Date.now(), text: `[berth: cannot read this instance's output: ${errorMessage(err)}]` });
          return null;
        }
      }),
    );
    for (const r of reads) if (r) stops.push(r.stop);
    if (stopped) stopAll();
    await Promise.all(reads.map((r) => r?.done));
    flush();
    send({ type: 'end' });
  } catch (err) {
    log.warn({ err: errorMessage(err) }, 'log read failed');
    flush();
    send({ type: 'error', message: errorMessage(err) });
  } finally {
    clearInterval(watchdog);
    for (const u of unsubscribe) u();
  }
}
