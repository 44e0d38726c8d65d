import { accuracy } from "@/server/metrics/accuracy";
import { bootstrapIntervals } from "@/server/metrics/bootstrap";
import { mulberry32 } from "@/server/metrics/bootstrap/rng";
import { f1 } from "@/server/metrics/f1";
import { row, time, type Row } from "./harness";

/** The straightforward bootstrap: copy the resampled arrays and recompute the metric each time. */
function naiveBootstrap(compute: (p: number[], r: number[]) => number, predictions: number[], references: number[], resamples: number) {
  const rand = mulberry32(0);
  const n = predictions.length;
  const values: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const p = new Array<number>(n);
    const r = new Array<number>(n);
    for (let j = 0; j < n; j++) {
      const i = Math.floor(rand() * n);
      p[j] = predictions[i];
      r[j] = references[i];
    }
    values.push(compute(p, r));
  }
  values.sort((a, b) => a - b);
  return [values[Math.floor(0.025 * resamples)], values[Math.floor(0.975 * resamples)]];
}

export async function benchBootstrap(): Promise<Row[]> {
  const n = 100_000;
  const rand = mulberry32(42);
  const references = Array.from({ length: n }, () => Math.floor(rand() * 3));
  const predictions = references.map((r) => (rand() < 0.8 ? r : Math.floor(rand() * 3)));
  const rows: Row[] = [];
  for (const [name, metric] of [
    ["accuracy", accuracy],
    ["f1 (macro)", f1],
  ] as const) {
    const args = metric.defaultArgs;
    const ours = await time(`${name} ours`, () => bootstrapIntervals(metric, predictions, references, args, { resamples: 1000 }), { runs: 3 });
    const base = await time(
      `${name} naive`,
      () => naiveBootstrap((p, r) => metric.compute(p, r, args as never)[metric.primary] as number, predictions, references, 1000),
      { runs: 1, warmup: 0 },
    );
    rows.push(row(`bootstrap 1,000 × ${name}, 100,000 examples`, ours, base, 2000));
  }
  return rows;
}
