/**
 * Tiny benchmark harness: runs each case a few times after a warm-up and keeps the median, so a
 * target can be reported as a ratio against a baseline measured in the same process and run.
 */
export interface Timing {
  name: string;
  medianMs: number;
  runs: number[];
}

export async function time(name: string, fn: () => unknown, opts: { runs?: number; warmup?: number } = {}): Promise<Timing> {
  const runs: number[] = [];
  for (let i = 0; i < (opts.warmup ?? 1); i++) await fn();
  for (let i = 0; i < (opts.runs ?? 5); i++) {
    const t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { name, medianMs: sorted[Math.floor(sorted.length / 2)], runs };
}

export interface Row {
  case: string;
  ms: number;
  baselineMs: number;
  /** ours / baseline: below 1 is faster than the straightforward implementation. */
  ratio: number;
  targetMs?: number;
  pass?: boolean;
}

export function row(name: string, ours: Timing, baseline: Timing, targetMs?: number): Row {
  return {
    case: name,
    ms: round(ours.medianMs),
    baselineMs: round(baseline.medianMs),
    ratio: round(ours.medianMs / baseline.medianMs, 3),
    targetMs,
    pass: targetMs === undefined ? undefined : ours.medianMs < targetMs,
  };
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.table(rows);
}
