import { describe, expect, it } from 'vitest';
import { decideConcurrency, dueTimes, planTick, scheduleArgv } from '../../controller/core/schedule.js';
import { parseAppSpec } from '../../shared/app-spec.js';
import { cronProblem } from '../../shared/cron.js';

const at = (iso: string) => Date.parse(iso);
const every15 = { cron: '*/15 * * * *', timezone: 'UTC', startingDeadline: 5 * 60_000 };

describe('dueTimes', () => {
  it.each([
    ['every 15 minutes', every15, '2026-12-06T10:00:00Z', '2026-12-06T10:46:00Z', ['10:15', '10:30', '10:45']],
    [
      'every second (a sixth field)',
      { cron: '* * * * * *', timezone: 'UTC' },
      '2026-12-06T10:00:00Z',
      '2026-12-06T10:00:03Z',
      ['10:00:01', '10:00:02', '10:00:03'],
    ],
    [
      '@daily in Paris is 23:00 UTC in winter',
      { cron: '@daily', timezone: 'Europe/Paris' },
      '2026-12-06T10:00:00Z',
      '2026-12-08T00:00:00Z',
      ['12-06T23:00', '12-07T23:00'],
    ],
  ])('%s', (_, schedule, from, until, want) => {
    const got = dueTimes(schedule, at(from), at(until)).map((t) => new Date(t).toISOString());
    expect(got).toHaveLength(want.length);
    for (const [i, w] of want.entries()) expect(got[i]).toContain(w);
  });
});

describe('planTick', () => {
  it.each([
    ['a schedule never seen starts counting now', null, '2026-12-06T10:20:00Z', { start: null, missed: null, markMs: at('2026-12-06T10:20:00Z') }],
    ['nothing due: nothing changes', at('2026-12-06T10:15:00Z'), '2026-12-06T10:20:00Z', { start: null, missed: null, markMs: at('2026-12-06T10:15:00Z') }],
    [
      'due now: starts it',
      at('2026-12-06T10:15:00Z'),
      '2026-12-06T10:30:00.2Z',
      { start: at('2026-12-06T10:30:00Z'), missed: null, markMs: at('2026-12-06T10:30:00Z') },
    ],
    [
      'down for an hour, the latest within the deadline: it starts once, the late ones are missed',
      at('2026-12-06T09:00:00Z'),
      '2026-12-06T10:02:00Z',
      {
        start: at('2026-12-06T10:00:00Z'),
        missed: { count: 3, firstMs: at('2026-12-06T09:15:00Z'), lastMs: at('2026-12-06T09:45:00Z') },
        markMs: at('2026-12-06T10:00:00Z'),
      },
    ],
    [
      'down past the deadline of the latest: all missed',
      at('2026-12-06T09:00:00Z'),
      '2026-12-06T10:10:00Z',
      { start: null, missed: { count: 4, firstMs: at('2026-12-06T09:15:00Z'), lastMs: at('2026-12-06T10:00:00Z') }, markMs: at('2026-12-06T10:00:00Z') },
    ],
  ])('%s', (_, mark, now, want) => {
    expect(planTick(every15, mark, at(now))).toEqual(want);
  });
});

describe('decideConcurrency', () => {
  it.each([
    ['forbid', [], { action: 'start' }],
    ['forbid', ['r1'], { action: 'skip', reason: 'run r1 of it is still going (concurrency: forbid)' }],
    ['allow', ['r1'], { action: 'start' }],
    ['replace', ['r1', 'r2'], { action: 'replace', stop: ['r1', 'r2'] }],
    ['replace', [], { action: 'start' }],
  ] as const)('%s with %j going', (policy, going, want) => {
    expect(decideConcurrency(policy, [...going])).toEqual(want);
  });
});

describe('schedules in the app spec', () => {
  const spec = (schedules: string) => `
name: shop
services:
  web: { image: shop:1 }
schedules:
${schedules}`;

  it('fills the defaults and runs a string command with a shell, a list as given', () => {
    const parsed = parseAppSpec(spec('  - { name: report, cron: "0 6 * * *", command: "bin/report --daily" }'));
    expect(parsed.schedules[0]).toEqual({
      name: 'report',
      cron: '0 6 * * *',
      timezone: 'UTC',
      command: 'bin/report --daily',
      timeout: 3_600_000,
      concurrency: 'forbid',
      startingDeadline: 300_000,
    });
    expect(scheduleArgv('bin/report --daily')).toEqual(['/bin/sh', '-c', 'bin/report --daily']);
    expect(scheduleArgv(['bin/report', '--daily'])).toEqual(['bin/report', '--daily']);
  });

  it.each([
    ['a bad expression', '  - { name: r, cron: "every day", command: x }', /schedules\.0\.cron: "every day" is not a cron expression/],
    [
      'an unknown time zone',
      '  - { name: r, cron: "@daily", timezone: Mars/Base, command: x }',
      /schedules\.0\.timezone: "Mars\/Base" is not an IANA time zone/,
    ],
    ['an unknown service', '  - { name: r, cron: "@daily", service: api, command: x }', /schedules\.0\.service: no service "api" \(services: web\)/],
    ['a name twice', '  - { name: r, cron: "@daily", command: x }\n  - { name: r, cron: "@hourly", command: y }', /schedules\.1\.name: r is named twice/],
    ['an unknown policy', '  - { name: r, cron: "@daily", command: x, concurrency: queue }', /schedules\.0\.concurrency/],
    ['a time limit over a day', '  - { name: r, cron: "@daily", command: x, timeout: 30h }', /schedules\.0\.timeout: must be from 1s to 24h/],
  ])('refuses %s', (_, schedules, message) => {
    expect(() => parseAppSpec(spec(schedules))).toThrow(message);
  });

  it('cronProblem reads expressions the way croner does', () => {
    expect(cronProblem('*/5 * * * *', 'America/New_York')).toBeNull();
    expect(cronProblem('61 * * * *', 'UTC')?.field).toBe('cron');
  });
});
