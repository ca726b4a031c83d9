/**
 * What `berth … --wait` prints while it follows a deployment, as pure functions of values (state
 * in, text out): timestamped plain lines when stdout is not a terminal, and on a terminal a block
 * redrawn in place (phases, a bar of healthy instances) with output lines scrolling above it.
 * The stream, the timer and Ctrl-C are handled in deploy-command.ts.
 */
import { ACTIVE_STATES, TERMINAL_STATES } from '../controller/core/deployment-machine.js';
import type { Deployment__Output } from '../proto/gen/berth/v1/Deployment.js';

/** The part of a deployment the progress shows. */
export interface ProgressState {
  id: string;
  app: string;
  kind: string;
  release: string;
  state: string;
  /** Every state entered, with the controller's time, oldest first. */
  history: Array<{ state: string; atMs: number }>;
  healthy: number;
  wanted: number;
  failure: { phase: string; reason: string } | null;
  warnings: string[];
}

export interface LiveOptions {
  nowMs: number;
  /** Terminal width; block lines are cut to fit so each takes exactly one row. */
  columns: number;
  color: boolean;
  /** Spinner frame, advanced by a timer. */
  frame: number;
}

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';
type Segment = readonly [text: string, style?: Style];

const SGR: Record<Style, string> = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' };
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const BAR_WIDTH = 20;
const PHASE_WIDTH = Math.max(...ACTIVE_STATES.map((s) => s.length));

export function toProgressState(d: Deployment__Output): ProgressState {
  return {
    id: d.id,
    app: d.app,
    kind: d.kind,
    release: d.release,
    state: d.state,
    history: d.history.map((h) => ({ state: h.state, atMs: Number(h.atMs) })),
    healthy: d.healthy,
    wanted: d.wanted,
    failure: d.failure ? { phase: d.failure.phase, reason: d.failure.reason } : null,
    warnings: d.warnings,
  };
}

export function isEnded(s: ProgressState): boolean {
  return (TERMINAL_STATES as readonly string[]).includes(s.state);
}

/** HH:MM:SS in local time: fixed width for scripts, and what a person compares with the clock. */
export function formatClock(ms: number): string {
  const t = new Date(ms);
  return [t.getHours(), t.getMinutes(), t.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** 0.4s, 12.3s, 2m05s: one decimal under a minute, so a running phase's time ticks visibly. */
export function formatElapsed(ms: number): string {
  const clamped = Math.max(0, ms);
  if (clamped < 60_000) return `${(clamped / 1000).toFixed(1)}s`;
  const seconds = Math.floor(clamped / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** From the first state entered to the last (the end, once ended). */
function totalElapsed(s: ProgressState, nowMs: number): number {
  const first = s.history[0]?.atMs ?? nowMs;
  const last = s.history[s.history.length - 1]?.atMs ?? nowMs;
  return (isEnded(s) ? last : nowMs) - first;
}

function phaseTitle(s: ProgressState, state: string): string {
  return state === 'starting' && s.release ? `starting ${s.app} ${s.release}` : state;
}

/**
 * The lines one watch update adds when stdout is not a terminal. Phase lines carry the time the
 * controller entered the phase (so a replayed history is dated right); the others the time now.
 */
export function renderPlainUpdate(prev: ProgressState | null, next: ProgressState, lines: string[], nowMs: number): string[] {
  const now = formatClock(nowMs);
  const out: string[] = [];
  // Taken from the history, so phases passed before the first update or between two are not missed.
  for (const h of next.history.slice(prev?.history.length ?? 0)) out.push(`${formatClock(h.atMs)} ==> ${phaseTitle(next, h.state)}`);
  const counting = next.state === 'starting' || next.state === 'verifying';
  if (counting && next.wanted > 0 && (prev === null || prev.healthy !== next.healthy || prev.wanted !== next.wanted))
    out.push(`${now}     instances healthy ${next.healthy}/${next.wanted}`);
  for (const line of lines) out.push(`${now}     | ${line}`);
  return out;
}

/** The line that ends a successful watch (a failure ends with the error message instead). */
export function renderSuccess(s: ProgressState): string {
  const warnings = s.warnings.length ? ` (warnings: ${s.warnings.join('; ')})` : '';
  // Ended, so the time runs to the last transition; no clock is needed.
  return `deployment ${s.id} succeeded: ${s.app} ${s.release} is live (in ${formatElapsed(totalElapsed(s, 0))})${warnings}`;
}

export function renderInterrupted(id: string): string {
  return `stopped watching; deployment ${id} continues — berth deployments show ${id} --wait to watch again, berth deployments cancel ${id} to cancel`;
}

/** Build and postdeploy output can carry escapes and carriage returns that would move the cursor. */
export function sanitizeLine(line: string): string {
  return line
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b[@-_]?/g, '')
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '');
}

/** `████░░░░` with `filled` of `width` cells. */
export function renderBar(healthy: number, wanted: number, width = BAR_WIDTH): [filled: string, empty: string] {
  const cells = wanted > 0 ? Math.round((Math.min(healthy, wanted) / wanted) * width) : 0;
  return ['█'.repeat(cells), '░'.repeat(width - cells)];
}

function paint(text: string, style: Style | undefined, color: boolean): string {
  return color && style && text ? `\x1b[${SGR[style]}m${text}\x1b[0m` : text;
}

/** Joins segments, cut to the width (one column spare, so a full line never wraps), coloured. */
function paintLine(segments: Segment[], columns: number, color: boolean): string {
  let room = Math.max(columns - 1, 20);
  let text = '';
  for (const [part, style] of segments) {
    if (room <= 0) break;
    const shown = part.length > room ? `${part.slice(0, room - 1)}…` : part;
    room -= shown.length;
    text += paint(shown, style, color);
  }
  return text;
}

const phaseOrder = (state: string): number => (ACTIVE_STATES as readonly string[]).indexOf(state);

function phaseLine(s: ProgressState, phase: string, o: LiveOptions): Segment[] {
  const index = s.history.findIndex((h) => h.state === phase);
  const name = phase.padEnd(PHASE_WIDTH);
  if (index === -1) {
    // Postdeploy is passed over when there is no command: skipped, not pending.
    const passed = s.history.some((h) => phaseOrder(h.state) > phaseOrder(phase));
    return passed
      ? [
          ['  - ', 'dim'],
          [`${name}  skipped`, 'dim'],
        ]
      : [['    '], [phase, 'dim']];
  }
  const entered = s.history[index] as { atMs: number };
  const leftAt = s.history[index + 1]?.atMs;
  const took = formatElapsed((leftAt ?? o.nowMs) - entered.atMs);
  if (leftAt === undefined) return [[`  ${SPINNER[o.frame % SPINNER.length]} `, 'cyan'], [name, 'bold'], [`  ${took}`]];
  const endedHere = s.history[index + 1]?.state;
  if (endedHere === 'failed' || endedHere === 'cancelled') {
    const reason = sanitizeLine(s.failure?.reason ?? '');
    const style: Style = endedHere === 'failed' ? 'red' : 'yellow';
    return [['  ✗ ', style], [name, style], [`  ${took}  `], [`${endedHere}${reason ? `: ${reason}` : ''}`, style]];
  }
  return [['  ✓ ', 'green'], [name], [`  ${took}`, 'dim']];
}

/** The live block: a header, one line per phase, and the bar of healthy instances once known. */
export function renderLiveBlock(s: ProgressState, o: LiveOptions): string[] {
  const release = s.release ? ` ${s.release}` : '';
  const ended = isEnded(s);
  const outcome: Segment[] = !ended
    ? []
    : s.state === 'succeeded'
      ? [['  succeeded', 'green']]
      : [[`  ${s.state}${s.failure ? ` in ${s.failure.phase}` : ''}`, s.state === 'failed' ? 'red' : 'yellow']];
  const header: Segment[] = [[`${s.kind} `], [`${s.app}${release}`, 'bold'], [`  ${s.id}  ${formatElapsed(totalElapsed(s, o.nowMs))}`, 'dim'], ...outcome];
  const lines = [header, ...ACTIVE_STATES.map((phase) => phaseLine(s, phase, o))];
  if (s.wanted > 0) {
    const [filled, empty] = renderBar(s.healthy, s.wanted);
    lines.push([['  instances  '], [filled, 'green'], [empty, 'dim'], [`  ${s.healthy}/${s.wanted} healthy`]]);
  }
  return lines.map((segments) => paintLine(segments, o.columns, o.color));
}

/** An output line as it scrolls above the block. */
export function renderOutputLine(line: string, color: boolean): string {
  return `${paint('    |', 'dim', color)} ${sanitizeLine(line)}`;
}

/**
 * Terminal text replacing the block drawn last (`previousHeight` rows just above the cursor):
 * `above` lines are written first so they scroll like normal output, then the new block. Each
 * row is cleared to its end as it is written, and whatever is left below at the end, so nothing
 * flickers and a shorter block leaves no trace.
 */
export function renderRedraw(previousHeight: number, above: string[], block: string[]): string {
  let text = previousHeight > 0 ? `\x1b[${previousHeight}A\r` : '\r';
  for (const line of [...above, ...block]) text += `${line}\x1b[K\n`;
  return `${text}\x1b[J`;
}

export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';
