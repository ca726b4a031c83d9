/** What the benchmarks share: tunables from the environment, latency sampling and percentiles. */

/** An integer tunable from the environment (BENCH_*), at least `min`. */
export function intEnv(name: string, fallback: number, min = 1): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}`);
  return value;
}

export interface Stats {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentiles, in ms (NaN for no samples). */
export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return { n: 0, p50: NaN, p90: NaN, p99: NaN, mean: NaN, min: NaN, max: NaN };
  const at = (p: number) => s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] as number;
  return {
    n: s.length,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    min: s[0] as number,
    max: s[s.length - 1] as number,
  };
}

/** Runs `op` `count` times with `concurrency` callers in flight; returns each call's latency (ms). */
export async function measure(op: () => Promise<unknown>, count: number, concurrency: number): Promise<number[]> {
  const latencies: number[] = [];
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      const t0 = performance.now();
      await op();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return latencies;
}
