import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatElapsed,
  renderBar,
  renderInterrupted,
  renderLiveBlock,
  renderOutputLine,
  renderPlainUpdate,
  renderRedraw,
  renderSuccess,
  sanitizeLine,
  toProgressState,
  type ProgressState,
} from '../../cli/deploy-progress.js';
import type { Deployment__Output } from '../../proto/gen/berth/v1/Deployment.js';

// Local time, so the expected HH:MM:SS holds in any TZ.
const T0 = new Date(2030, 0, 2, 12, 0, 1).getTime();
const at = (seconds: number) => T0 + seconds * 1000;

/** A deployment that went through `states`, one per second from T0. */
function progress(states: string[], fields: Partial<ProgressState> = {}): ProgressState {
  return {
    id: '3f9c2a1b7d40',
    app: 'shop',
    kind: 'deploy',
    release: states.includes('starting') ? 'v2' : '',
    state: states[states.length - 1] as string,
    history: states.map((state, i) => ({ state, atMs: at(i) })),
    healthy: 0,
    wanted: 0,
    failure: null,
    warnings: [],
    ...fields,
  };
}

const ESC = '\x1b';
const live = (s: ProgressState, o: Partial<{ nowMs: number; columns: number; color: boolean; frame: number }> = {}) =>
  renderLiveBlock(s, { nowMs: at(10), columns: 80, color: false, frame: 0, ...o });

describe('plain progress lines', () => {
  it.each<[string, ProgressState | null, ProgressState, string[], string[]]>([
    [
      'the first update replays every phase so far, dated by the controller, then the output so far',
      null,
      progress(['queued', 'building']),
      ['--> preparing web image'],
      ['12:00:01 ==> queued', '12:00:02 ==> building', '12:00:31     | --> preparing web image'],
    ],
    ['nothing new prints nothing', progress(['queued', 'building']), progress(['queued', 'building']), [], []],
    [
      'starting names the app and release; the count shows at once',
      progress(['queued', 'building']),
      progress(['queued', 'building', 'starting'], { wanted: 3 }),
      [],
      ['12:00:03 ==> starting shop v2', '12:00:31     instances healthy 0/3'],
    ],
    [
      'a new healthy count while verifying',
      progress(['queued', 'building', 'starting', 'verifying'], { healthy: 1, wanted: 3 }),
      progress(['queued', 'building', 'starting', 'verifying'], { healthy: 3, wanted: 3 }),
      [],
      ['12:00:31     instances healthy 3/3'],
    ],
    [
      'the same count in a new phase is not repeated',
      progress(['queued', 'building', 'starting'], { healthy: 2, wanted: 2 }),
      progress(['queued', 'building', 'starting', 'verifying'], { healthy: 2, wanted: 2 }),
      [],
      ['12:00:04 ==> verifying'],
    ],
    [
      'two phases passed between updates are both printed',
      progress(['queued', 'building', 'starting', 'verifying'], { healthy: 2, wanted: 2 }),
      progress(['queued', 'building', 'starting', 'verifying', 'routing', 'draining'], { healthy: 2, wanted: 2 }),
      [],
      ['12:00:05 ==> routing', '12:00:06 ==> draining'],
    ],
    [
      'postdeploy output lines',
      progress(['queued', 'building', 'starting', 'verifying', 'postdeploy']),
      progress(['queued', 'building', 'starting', 'verifying', 'postdeploy']),
      ['--> postdeploy on agent-a: rake db:migrate', 'migrated'],
      ['12:00:31     | --> postdeploy on agent-a: rake db:migrate', '12:00:31     | migrated'],
    ],
    [
      'the end',
      progress(['queued', 'building', 'starting', 'verifying', 'routing', 'draining']),
      progress(['queued', 'building', 'starting', 'verifying', 'routing', 'draining', 'succeeded']),
      [],
      ['12:00:07 ==> succeeded'],
    ],
  ])('%s', (_name, prev, next, lines, expected) => {
    expect(renderPlainUpdate(prev, next, lines, at(30))).toEqual(expected);
  });
});

describe('live block', () => {
  it.each<[string, ProgressState, string[]]>([
    [
      'queued: everything pending',
      progress(['queued']),
      [
        'deploy shop  3f9c2a1b7d40  10.0s',
        '  ⠋ queued      10.0s',
        '    building',
        '    starting',
        '    verifying',
        '    postdeploy',
        '    routing',
        '    draining',
      ],
    ],
    [
      'verifying: phases done with their times, the running one, the bar',
      progress(['queued', 'building', 'starting', 'verifying'], { healthy: 1, wanted: 2 }),
      [
        'deploy shop v2  3f9c2a1b7d40  10.0s',
        '  ✓ queued      1.0s',
        '  ✓ building    1.0s',
        '  ✓ starting    1.0s',
        '  ⠋ verifying   7.0s',
        '    postdeploy',
        '    routing',
        '    draining',
        '  instances  ██████████░░░░░░░░░░  1/2 healthy',
      ],
    ],
    [
      'succeeded without postdeploy: skipped, the total time stops at the end',
      progress(['queued', 'building', 'starting', 'verifying', 'routing', 'draining', 'succeeded'], { healthy: 2, wanted: 2 }),
      [
        'deploy shop v2  3f9c2a1b7d40  6.0s  succeeded',
        '  ✓ queued      1.0s',
        '  ✓ building    1.0s',
        '  ✓ starting    1.0s',
        '  ✓ verifying   1.0s',
        '  - postdeploy  skipped',
        '  ✓ routing     1.0s',
        '  ✓ draining    1.0s',
        '  instances  ████████████████████  2/2 healthy',
      ],
    ],
    [
      'failed in postdeploy: the phase, its time and the reason; later phases stay pending',
      progress(['queued', 'building', 'starting', 'verifying', 'postdeploy', 'failed'], {
        healthy: 2,
        wanted: 2,
        failure: { phase: 'postdeploy', reason: 'the postdeploy command exited with status 1' },
      }),
      [
        'deploy shop v2  3f9c2a1b7d40  5.0s  failed in postdeploy',
        '  ✓ queued      1.0s',
        '  ✓ building    1.0s',
        '  ✓ starting    1.0s',
        '  ✓ verifying   1.0s',
        '  ✗ postdeploy  1.0s  failed: the postdeploy command exited with status 1',
        '    routing',
        '    draining',
        '  instances  ████████████████████  2/2 healthy',
      ],
    ],
    [
      'cancelled while building',
      progress(['queued', 'building', 'cancelled'], { kind: 'rollback', failure: { phase: 'building', reason: '' } }),
      [
        'rollback shop  3f9c2a1b7d40  2.0s  cancelled in building',
        '  ✓ queued      1.0s',
        '  ✗ building    1.0s  cancelled',
        '    starting',
        '    verifying',
        '    postdeploy',
        '    routing',
        '    draining',
      ],
    ],
  ])('%s', (_name, state, expected) => {
    expect(live(state)).toEqual(expected);
  });

  it('the spinner turns with the frame', () => {
    const frames = [0, 1, 2, 10].map((frame) => live(progress(['queued']), { frame })[1]?.slice(0, 4));
    expect(frames).toEqual(['  ⠋ ', '  ⠙ ', '  ⠹ ', '  ⠋ ']);
  });

  it('every line fits the terminal, so each is one row', () => {
    const state = progress(['queued', 'building', 'starting', 'verifying', 'failed'], { failure: { phase: 'verifying', reason: 'x'.repeat(200) } });
    const lines = live(state, { columns: 40 });
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(39);
    expect(lines[4]).toBe('  ✗ verifying   1.0s  failed: xxxxxxxx…');
  });

  it('colour: SGR codes around the parts; the text is the same without them', () => {
    const state = progress(['queued', 'building', 'starting', 'verifying'], { healthy: 1, wanted: 2 });
    const coloured = live(state, { color: true });
    expect(coloured.join('\n')).toContain(`${ESC}[32m  ✓ ${ESC}[0m`);
    expect(coloured.join('\n')).toContain(`${ESC}[36m  ⠋ ${ESC}[0m${ESC}[1mverifying `);
    expect(coloured.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))).toEqual(live(state));
    expect(live(state).join('')).not.toContain(ESC);
  });
});

describe('pieces', () => {
  it.each<[number, number, number, string]>([
    [0, 0, 4, '░░░░'],
    [0, 3, 6, '░░░░░░'],
    [1, 3, 6, '██░░░░'],
    [3, 3, 6, '██████'],
    [5, 3, 6, '██████'],
  ])('bar %i/%i over %i cells', (healthy, wanted, width, expected) => {
    expect(renderBar(healthy, wanted, width).join('')).toBe(expected);
  });

  it.each<[number, string]>([
    [0, '0.0s'],
    [-50, '0.0s'],
    [450, '0.5s'],
    [14_230, '14.2s'],
    [59_949, '59.9s'],
    [60_000, '1m00s'],
    [125_400, '2m05s'],
  ])('elapsed %i ms is %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });

  it('clock is HH:MM:SS local time', () => {
    expect(formatClock(new Date(2030, 5, 7, 9, 3, 4, 999).getTime())).toBe('09:03:04');
  });

  it.each<[string, string]>([
    ['plain text', 'plain text'],
    [`${ESC}[31mred${ESC}[0m`, 'red'],
    ['progress 10%\rprogress 20%', 'progress 10%progress 20%'],
    [`${ESC}[2K${ESC}[1Aup`, 'up'],
    ['tab\tkept', 'tab\tkept'],
  ])('sanitize %j', (line, expected) => {
    expect(sanitizeLine(line)).toBe(expected);
  });

  it('output lines scroll above the block with a dim bar', () => {
    expect(renderOutputLine('migrated', false)).toBe('    | migrated');
    expect(renderOutputLine(`${ESC}[1Amigrated`, true)).toBe(`${ESC}[2m    |${ESC}[0m migrated`);
  });

  it.each<[number, string[], string[], string]>([
    [0, [], ['a', 'b'], `\ra${ESC}[K\nb${ESC}[K\n${ESC}[J`],
    [2, ['out'], ['a', 'b'], `${ESC}[2A\rout${ESC}[K\na${ESC}[K\nb${ESC}[K\n${ESC}[J`],
    [3, [], ['a'], `${ESC}[3A\ra${ESC}[K\n${ESC}[J`],
  ])('redraw over %i rows', (height, above, block, expected) => {
    expect(renderRedraw(height, above, block)).toBe(expected);
  });

  it('summary and interruption', () => {
    const done = progress(['queued', 'building', 'starting', 'verifying', 'routing', 'draining', 'succeeded']);
    expect(renderSuccess(done)).toBe('deployment 3f9c2a1b7d40 succeeded: shop v2 is live (in 6.0s)');
    expect(renderSuccess({ ...done, warnings: ['drain of web-1 failed'] })).toBe(
      'deployment 3f9c2a1b7d40 succeeded: shop v2 is live (in 6.0s) (warnings: drain of web-1 failed)',
    );
    expect(renderInterrupted('3f9c2a1b7d40')).toBe(
      'stopped watching; deployment 3f9c2a1b7d40 continues — berth deployments show 3f9c2a1b7d40 --wait to watch again, berth deployments cancel 3f9c2a1b7d40 to cancel',
    );
  });

  it('reads the gRPC message, whose int64 times come as strings', () => {
    const message = {
      id: 'd1',
      app: 'shop',
      kind: 'scale',
      release: 'v3',
      state: 'verifying',
      healthy: 1,
      wanted: 4,
      warnings: [],
      history: [{ state: 'queued', atMs: String(T0) }],
      failure: { phase: 'verifying', reason: 'r', hasExitCode: false, exitCode: 0, output: ['x'] },
    } as unknown as Deployment__Output;
    expect(toProgressState(message)).toEqual({
      id: 'd1',
      app: 'shop',
      kind: 'scale',
      release: 'v3',
      state: 'verifying',
      healthy: 1,
      wanted: 4,
      warnings: [],
      history: [{ state: 'queued', atMs: T0 }],
      failure: { phase: 'verifying', reason: 'r' },
    });
  });
});
