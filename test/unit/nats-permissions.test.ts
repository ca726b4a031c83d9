import { describe, expect, it } from 'vitest';
import { agentInboxPrefix, agentNatsPermissions } from '../../controller/core/nats-permissions.js';
import { agentConsumerName, agentLogsSubject, agentTaskSubject, TASK_STREAM } from '../../shared/subjects.js';

/** NATS subject matching: `*` one token, `>` the rest (one or more tokens). */
function matches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

const allowed = (patterns: string[], subject: string) => patterns.some((p) => matches(p, subject));

describe('agentNatsPermissions', () => {
  const a = agentNatsPermissions('host-a');
  const b = 'host-b';

  it.each([
    ['pull its own tasks', 'pub', `$JS.API.CONSUMER.MSG.NEXT.${TASK_STREAM}.${agentConsumerName('host-a')}`],
    ['look up its own consumer', 'pub', `$JS.API.CONSUMER.INFO.${TASK_STREAM}.${agentConsumerName('host-a')}`],
    ['acknowledge its own tasks', 'pub', `$JS.ACK.${TASK_STREAM}.${agentConsumerName('host-a')}.1.5.5.1700000000000000000.0`],
    ['receive replies in its own inbox', 'sub', `${agentInboxPrefix('host-a')}.abc.1`],
    ['receive log reads', 'sub', agentLogsSubject('host-a')],
    ['hear a reader stop', 'sub', '_INBOX.AbC123.stop'],
  ] as const)('may %s', (_what, kind, subject) => {
    expect(allowed(a[kind].allow, subject)).toBe(true);
  });

  it.each([
    ["pull another agent's tasks", 'pub', `$JS.API.CONSUMER.MSG.NEXT.${TASK_STREAM}.${agentConsumerName(b)}`],
    ["look up another agent's consumer", 'pub', `$JS.API.CONSUMER.INFO.${TASK_STREAM}.${agentConsumerName(b)}`],
    ["acknowledge another agent's tasks", 'pub', `$JS.ACK.${TASK_STREAM}.${agentConsumerName(b)}.1.5.5.1.0`],
    ['make or change a consumer (its own name included)', 'pub', `$JS.API.CONSUMER.DURABLE.CREATE.${TASK_STREAM}.${agentConsumerName('host-a')}`],
    ['make a consumer (newer API)', 'pub', `$JS.API.CONSUMER.CREATE.${TASK_STREAM}`],
    ['delete a consumer', 'pub', `$JS.API.CONSUMER.DELETE.${TASK_STREAM}.${agentConsumerName(b)}`],
    ['read or purge the stream', 'pub', `$JS.API.STREAM.MSG.GET.${TASK_STREAM}`],
    ['publish a task to anyone', 'pub', agentTaskSubject(b)],
    ['publish a task to itself', 'pub', agentTaskSubject('host-a')],
    ["subscribe to another agent's tasks", 'sub', agentTaskSubject(b)],
    ['subscribe to every task', 'sub', 'berth.agent.*.tasks'],
    ['subscribe to every inbox', 'sub', '_INBOX.>'],
    ["subscribe to another agent's inbox", 'sub', `${agentInboxPrefix(b)}.abc.1`],
    ["subscribe to another agent's log reads", 'sub', agentLogsSubject(b)],
    ["read the replies of someone else's request", 'sub', '_INBOX.AbC123'],
  ] as const)('may not %s', (_what, kind, subject) => {
    expect(allowed(a[kind].allow, subject)).toBe(false);
  });

  it('answers log reads as responses only, for a long follow', () => {
    expect(a.resp.max).toBeGreaterThanOrEqual(1_000_000);
    expect(a.resp.ttl).toBeGreaterThanOrEqual(3600 * 1e9);
  });

  it('the matcher itself: one token for *, the rest for >', () => {
    expect(matches('a.*', 'a.b')).toBe(true);
    expect(matches('a.*', 'a.b.c')).toBe(false);
    expect(matches('a.>', 'a.b.c')).toBe(true);
    expect(matches('a.>', 'a')).toBe(false);
  });
});
