/**
 * Which Berth versions work together. A controller and its agents speak one protocol; fields are
 * only ever added, so versions of the same major one minor apart understand each other (a fleet
 * is upgraded host by host). Anything further apart is refused with a message that says which to
 * upgrade. Pure.
 */
export type VersionSkew = 'same' | 'older' | 'newer' | 'incompatible';

function parse(version: string): [number, number, number] | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

/** The agent's version against the controller's. */
export function versionSkew(agent: string, controller: string): VersionSkew {
  const a = parse(agent);
  const c = parse(controller);
  if (!a || !c || a[0] !== c[0] || Math.abs(a[1] - c[1]) > 1) return 'incompatible';
  if (a[1] === c[1] && a[2] === c[2]) return 'same';
  return a[1] < c[1] || (a[1] === c[1] && a[2] < c[2]) ? 'older' : 'newer';
}

/** The agent versions a controller works with, for messages: "0.1 to 0.3". */
export function compatibleRange(controller: string): string {
  const c = parse(controller);
  if (!c) return controller;
  return `${c[0]}.${Math.max(0, c[1] - 1)} to ${c[0]}.${c[1] + 1}`;
}
