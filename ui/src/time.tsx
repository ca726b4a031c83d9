/** Times shown relative ("3 min ago"), the absolute time on hover. */
const UNITS: Array<[number, string]> = [
  [60_000, 's'],
  [3_600_000, 'min'],
  [86_400_000, 'h'],
  [Number.POSITIVE_INFINITY, 'd'],
];

export function relative(ms: number, now = Date.now()): string {
  const ago = Math.max(0, now - ms);
  const divisors = [1000, 60_000, 3_600_000, 86_400_000];
  for (const [i, [limit, unit]] of UNITS.entries()) if (ago < limit) return `${Math.floor(ago / (divisors[i] as number))} ${unit} ago`;
  return '';
}

export function When({ ms }: { ms: number | string }) {
  const at = Number(ms);
  if (!at) return <span class="muted">—</span>;
  return (
    <time dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString()}>
      {relative(at)}
    </time>
  );
}
