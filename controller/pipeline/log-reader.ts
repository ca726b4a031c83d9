/**
 * `berth logs`: reads an app's instance output from the agents that run them, on demand (nothing
 * is collected in advance). One streamed NATS read per agent (shared/logs.ts); the lines come back
 * named by instance, container and service. Without follow, each agent's lines are gathered and
 * handed over in time order once every agent has answered; with follow they pass as they come.
 */
import type { NatsAdapter } from '../adapters/nats.js';
import type { Store } from '../state/store.js';
import type { KnownInstance } from '../state/schema.js';
import { agentStatus } from '../core/agent-registry.js';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { LOG_ALIVE_MS, LogChunkSchema, type LogLine, type LogRead } from '../../shared/logs.js';
import { agentLogsSubject } from '../../shared/subjects.js';
import { getApp } from './app-catalog.js';

export interface LogQuery {
  app: string;
  /** Only this service's instances; empty: all. */
  service: string;
  /** Only this instance (its id or its container name, web-1); empty: all. */
  instance: string;
  sinceMs: number;
  tail: number;
  follow: boolean;
}

export interface AppLogLine extends LogLine {
  container: string;
  service: string;
}

export interface LogSink {
  lines(lines: AppLogLine[]): void;
  /** Something the reader should know: an agent down, an agent that did not answer. */
  warn(message: string): void;
  end(): void;
}

/** How long a non-follow read waits for an agent's answer before saying it did not answer. */
const ANSWER_TIMEOUT_MS = 15_000;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The app's instances the query names that an agent still reports (running or stopped). */
export function instancesToRead(store: Store, query: LogQuery): KnownInstance[] {
  const app = getApp(store, query.app);
  if (query.service && !app.spec.services[query.service]) {
    throw new BerthError('INVALID_ARGUMENT', `${query.app} has no service ${query.service} (services: ${Object.keys(app.spec.services).join(', ')})`);
  }
  const instances = Object.values(store.data.instances)
    .filter((i) => i.app === query.app && (!query.service || i.service === query.service))
    .filter((i) => !query.instance || i.instanceId === query.instance || i.container === query.instance)
    .filter((i) => store.data.agents[i.agentId]?.instances[i.instanceId] !== undefined)
    .sort((a, b) => a.container.localeCompare(b.container));
  if (instances.length === 0) {
    const what = query.instance
      ? `instance ${query.instance} of ${query.app}`
      : query.service
        ? `instances of ${query.app} ${query.service}`
        : `instances of ${query.app}`;
    throw new BerthError('NOT_FOUND', `no ${what} on any agent; berth deploy ${query.app} starts them`);
  }
  return instances;
}

/** Starts the read; the returned function stops it (the agents stop following). */
export function readAppLogs(store: Store, nats: NatsAdapter, query: LogQuery, sink: LogSink): () => void {
  const instances = instancesToRead(store, query);
  const byAgent = new Map<string, KnownInstance[]>();
  for (const i of instances) byAgent.set(i.agentId, [...(byAgent.get(i.agentId) ?? []), i]);
  const known = new Map(instances.map((i) => [i.instanceId, i]));
  const gathered: AppLogLine[] = [];
  const pending = new Set<string>();
  const stops: Array<() => void> = [];
  const timers: NodeJS.Timeout[] = [];
  let ended = false;

  const stopAll = () => {
    for (const t of timers) clearTimeout(t);
    for (const stop of stops) stop();
  };
  const finishAgent = (agentId: string) => {
    if (!pending.delete(agentId) || pending.size > 0 || ended) return;
    ended = true;
    stopAll();
    if (!query.follow) sink.lines(gathered.sort((a, b) => a.atMs - b.atMs));
    sink.end();
  };
  const onChunk = (agentId: string, data: Uint8Array) => {
    let parsed: ReturnType<typeof LogChunkSchema.safeParse> | { success: false; error: unknown };
    try {
      parsed = LogChunkSchema.safeParse(JSON.parse(decoder.decode(data)));
    } catch (err) {
      parsed = { success: false as const, error: err };
    }
    if (!parsed.success) {
      sink.warn(`agent ${agentId} sent a malformed log chunk (${errorMessage(parsed.error).slice(0, 200)})`);
      return finishAgent(agentId);
    }
    const chunk = parsed.data;
    if (chunk.type === 'error') {
      sink.warn(`agent ${agentId}: ${chunk.message}`);
      return finishAgent(agentId);
    }
    if (chunk.type === 'end') return finishAgent(agentId);
    const lines: AppLogLine[] = [];
    for (const line of chunk.lines) {
      const instance = known.get(line.instanceId);
      // Only what was asked: an agent cannot slip in another app's lines.
      if (instance?.agentId === agentId) lines.push({ ...line, container: instance.container, service: instance.service });
    }
    if (query.follow) sink.lines(lines);
    else gathered.push(...lines);
  };

  for (const [agentId, list] of byAgent) {
    const agent = store.data.agents[agentId];
    const status = agent ? agentStatus(agent) : 'down';
    if (status === 'down') {
      sink.warn(`agent ${agentId} is down: the output of ${list.map((i) => i.container).join(', ')} cannot be read now`);
      continue;
    }
    pending.add(agentId);
    const read: LogRead = { instanceIds: list.map((i) => i.instanceId), sinceMs: query.sinceMs, tail: query.tail, follow: query.follow };
    stops.push(nats.streamRequest(agentLogsSubject(agentId), encoder.encode(JSON.stringify(read)), LOG_ALIVE_MS, (data) => onChunk(agentId, data)));
    if (!query.follow) {
      timers.push(
        setTimeout(() => {
          if (!pending.has(agentId)) return;
          sink.warn(`agent ${agentId} did not answer within ${ANSWER_TIMEOUT_MS / 1000}s`);
          finishAgent(agentId);
        }, ANSWER_TIMEOUT_MS),
      );
    }
  }
  if (pending.size === 0) {
    ended = true;
    sink.end();
  }
  return stopAll;
}
