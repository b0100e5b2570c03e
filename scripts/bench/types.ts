// The shape every bench section returns: one row per measured figure.

/** One measured figure. Times are milliseconds; `ratio*` is how many times faster we are than a peer. */
export interface BenchRow {
  section: string;
  name: string;
  median: number;
  p95: number;
  unit: string;
  /** Peer time ÷ our time for the same work, measured in the same run (undefined: not comparable). */
  vsJsTiktoken?: number;
  vsGptTokenizer?: number;
  /** Target from the performance issue and whether this run met it. */
  target?: string;
  met?: boolean;
  note?: string;
}

export interface BenchSection {
  name: string;
  run(): BenchRow[] | Promise<BenchRow[]>;
}

/** Median and 95th percentile of samples. */
export function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

/** Times `fn` `runs` times (after one warm-up call unless `warmup` is false), in milliseconds. */
export function time(fn: () => unknown, runs: number, warmup = true): number[] {
  if (warmup) fn();
  const out: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}
