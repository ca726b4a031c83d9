/**
 * Every NATS subject and JetStream name Berth uses, in one place.
 *
 * Tasks travel through one JetStream stream with work-queue retention: a task published while an
 * agent is disconnected waits in the stream until the agent's durable consumer pulls it, and is
 * removed once acknowledged. Publishing with the task id as Nats-Msg-Id lets the server drop
 * duplicates of a retried publish.
 */
import type { ConsumerConfig } from '@nats-io/jetstream';

export const TASK_STREAM = 'BERTH_TASKS';
export const TASK_SUBJECTS = 'berth.agent.*.tasks';
/** Tasks not taken within this long are dropped by the server; deadlines are far shorter. */
export const TASK_STREAM_MAX_AGE_MS = 24 * 3_600_000;
export const TASK_DUPLICATE_WINDOW_MS = 2 * 60_000;

export function agentTaskSubject(agentId: string): string {
  return `berth.agent.${agentId}.tasks`;
}

export function agentConsumerName(agentId: string): string {
  return `agent-${agentId}`;
}

/** How long a pulled task may go unacknowledged before redelivery (long tasks say they are working). */
export const TASK_ACK_WAIT_MS = 30_000;

/**
 * Each agent's durable consumer of its own task subject. Made by the controller (at the agent's
 * join and at every hello) and, when NATS has no authorization, by the agent as well; both make
 * exactly this, so either may come first.
 */
export function agentConsumerConfig(agentId: string): Partial<ConsumerConfig> {
  // Plain values (the client library's AckPolicy and DeliverPolicy are these strings; ack_wait is in
  // nanoseconds), so this module stays free of the NATS client at run time: only the NATS adapters
  // load it.
  return {
    durable_name: agentConsumerName(agentId),
    filter_subject: agentTaskSubject(agentId),
    ack_policy: 'explicit',
    deliver_policy: 'all',
    ack_wait: TASK_ACK_WAIT_MS * 1_000_000,
    max_deliver: -1,
  };
}

/**
 * Log reads (berth logs): core NATS, not JetStream — a read is asked for and streamed while someone
 * waits, and is worthless once they stop. The reply subject carries the lines; the reader
 * publishes to READ.alive while it reads and to READ.stop when it is done (see shared/logs.ts).
 */
export function agentLogsSubject(agentId: string): string {
  return `berth.agent.${agentId}.logs`;
}
