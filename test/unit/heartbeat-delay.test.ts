import { describe, expect, it } from 'vitest';
import { HeartbeatDelay } from '../../controller/core/heartbeat-delay.js';

/** [agent, sent (agent's clock), received (controller's clock)] in order of receipt. */
type Beat = [string, number, number];

function replay(beats: Beat[], windowMs = 10_000): { delays: number[]; delay: HeartbeatDelay } {
  const delay = new HeartbeatDelay(windowMs);
  return { delays: beats.map(([agent, sent, received]) => delay.observe(agent, sent, received)), delay };
}

describe('HeartbeatDelay', () => {
  it.each<[string, Beat[], number[]]>([
    [
      'on time, whatever the clock skew',
      [
        ['a', 1_000, 1_010],
        ['b', 901_000, 1_020],
        ['a', 6_000, 6_010],
        ['b', 906_000, 6_020],
      ],
      [0, 0, 0, 0],
    ],
    [
      "queued heartbeats: the delay over the agent's best case",
      [
        ['a', 1_000, 1_010],
        ['a', 6_000, 9_010],
        ['a', 11_000, 19_010],
      ],
      [0, 3_000, 8_000],
    ],
    [
      'a first heartbeat that was late: later ones lower the baseline',
      [
        ['a', 1_000, 4_000],
        ['a', 6_000, 6_010],
        ['a', 11_000, 11_010],
      ],
      [0, 0, 0],
    ],
    [
      'a sent time that is no time (0, NaN) counts as on time',
      [
        ['a', 0, 5_000],
        ['a', Number.NaN, 5_000],
      ],
      [0, 0],
    ],
  ])('%s', (_name, beats, expected) => {
    expect(replay(beats).delays).toEqual(expected);
  });

  it('current() is the largest delay read within the window, and falls as the controller catches up', () => {
    const { delay } = replay([
      ['a', 1_000, 1_000],
      ['b', 1_000, 1_000],
      ['a', 6_000, 14_000],
      ['b', 6_000, 10_000],
      ['a', 11_000, 16_000],
    ]);
    expect(delay.current(16_000)).toBe(8_000);
    // a's 8 s delay was read at 14,000: out of a 10 s window at 24,001; b's 4 s (read at 10,000) already is.
    expect(delay.current(24_000)).toBe(8_000);
    expect(delay.current(24_001)).toBe(5_000);
    expect(delay.current(26_001)).toBe(0);
  });

  it("a hello starts the agent's baseline over (its clock may have been set meanwhile)", () => {
    const delay = new HeartbeatDelay(10_000);
    delay.observe('a', 1_000, 1_000);
    delay.resetAgent('a');
    // Its clock now runs 60 s behind: without the reset every beat would look 60 s late.
    expect(delay.observe('a', 6_000, 66_000)).toBe(0);
    expect(delay.observe('a', 11_000, 71_000)).toBe(0);
  });
});
