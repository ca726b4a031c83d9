/**
 * What each agent's NATS user may do when NATS has authorization (berth controller nats-config):
 * read its own tasks and answer log reads of its own instances, nothing else. Pure; the NATS auth
 * adapter signs these into the agent's user JWT.
 *
 * - Tasks: pull from its own durable consumer (consumer info, next message) and acknowledge what it
 *   pulled. It cannot create or change consumers (the controller makes each agent's), so it cannot
 *   point a consumer at another agent's subject.
 * - Replies (pulled messages, request answers) come to an inbox only this agent may subscribe under.
 * - Log reads: it receives requests on its own logs subject, answers to their reply subject (allowed
 *   as responses, for as many chunks as a follow sends), and hears the reader's alive and stop
 *   signals on that reply subject.
 */
import { agentConsumerName, agentLogsSubject, TASK_STREAM } from '../../shared/subjects.js';

export interface NatsPermissions {
  pub: { allow: string[] };
  sub: { allow: string[] };
  /** Replies to received requests: how many per request, and for how long (nanoseconds). */
  resp: { max: number; ttl: number };
}

/** Replies to one log read: a follow streams chunks for as long as someone reads. */
const LOG_REPLIES_MAX = 10_000_000;
const LOG_REPLIES_TTL_NS = 24 * 3600 * 1e9;

export function agentInboxPrefix(agentId: string): string {
  return `_INBOX_${agentId}`;
}

export function agentNatsPermissions(agentId: string): NatsPermissions {
  const consumer = agentConsumerName(agentId);
  return {
    pub: {
      allow: [
        // Account info: what the client library asks first when it opens JetStream.
        '$JS.API.INFO',
        `$JS.API.CONSUMER.INFO.${TASK_STREAM}.${consumer}`,
        `$JS.API.CONSUMER.MSG.NEXT.${TASK_STREAM}.${consumer}`,
        `$JS.ACK.${TASK_STREAM}.${consumer}.>`,
      ],
    },
    sub: {
      allow: [`${agentInboxPrefix(agentId)}.>`, agentLogsSubject(agentId), '_INBOX.*.alive', '_INBOX.*.stop'],
    },
    resp: { max: LOG_REPLIES_MAX, ttl: LOG_REPLIES_TTL_NS },
  };
}
