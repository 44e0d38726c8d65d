import { sumRows } from "../sum-rows";
import { MetricInputError, type MetricDefinition, type MetricOutput, type SufficientStatistics } from "../types";
import { mulberry32, quantileSorted } from "./rng";
import { rowSampler } from "./resample";

export interface BootstrapOptions {
  /** Number of resamples; 1,000 by default. */
  resamples?: number;
  /** Seed of the resampling; the same input and seed give the same interval. */
  seed?: number;
  /** Two-sided confidence level; 0.95 by default. */
  confidence?: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface BootstrapResult {
  method: "percentile";
  resamples: number;
  seed: number;
  confidence: number;
  /** Whether rows of sufficient statistics were resampled (exact, fast) or the metric recomputed. */
  strategy: "sufficient-statistics" | "recompute";
  intervals: Record<string, Interval>;
}

const DEFAULTS = { resamples: 1000, seed: 0, confidence: 0.95 };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyMetric = MetricDefinition<any, any, any>;

function numericKeys(output: MetricOutput | Record<string, number>): string[] {
  return Object.keys(output).filter((k) => typeof output[k] === "number");
}

/** Draws the indices of each resample; shared by the one-system and paired versions. */
function* draws(n: number, resamples: number, seed: number): Generator<Int32Array> {
  const rand = mulberry32(seed);
  const idx = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let j = 0; j < n; j++) idx[j] = (rand() * n) | 0;
    yield idx;
  }
}

/** Per-resample values of every numeric output key. */
function resampledValues(metric: AnyMetric, predictions: readonly unknown[], references: readonly unknown[], args: unknown, o: typeof DEFAULTS, seed: number) {
  const n = predictions.length;
  const values = new Map<string, Float64Array>();
  const record = (r: number, out: Record<string, unknown>) => {
    for (const k of Object.keys(out)) {
      const v = out[k];
      if (typeof v !== "number") continue;
      let arr = values.get(k);
      if (!arr) values.set(k, (arr = new Float64Array(o.resamples).fill(NaN)));
      arr[r] = v;
    }
  };
  let strategy: BootstrapResult["strategy"];
  // Some arguments make a metric non-decomposable (e.g. cer with concatenate_texts): recompute then.
  let stats: ReturnType<NonNullable<AnyMetric["statistics"]>> | null = null;
  if (metric.statistics) {
    try {
      stats = metric.statistics(predictions, references, args);
    } catch (err) {
      if (!(err instanceof MetricInputError) || !/statistics|decompos|concatenate/i.test(err.message)) throw err;
    }
  }
  if (stats) {
    strategy = "sufficient-statistics";
    const sampler = rowSampler(stats);
    const sums = new Float64Array(stats.width);
    // mulberry32's state, stepped inline by the sampler: the same draws as `draws()` below.
    const state = { a: seed >>> 0 };
    for (let r = 0; r < o.resamples; r++) {
      sampler.resample(state, sums);
      record(r, stats.finalize(sums));
    }
  } else {
    strategy = "recompute";
    const p = new Array(n);
    const q = new Array(n);
    // Per-example weights travel with their examples.
    const weights = (args as { sample_weight?: unknown } | null)?.sample_weight;
    const w = Array.isArray(weights) && weights.length === n ? new Array(n) : null;
    const resampledArgs = w ? { ...(args as object), sample_weight: w } : args;
    let r = 0;
    for (const idx of draws(n, o.resamples, seed)) {
      for (let j = 0; j < n; j++) {
        p[j] = predictions[idx[j]];
        q[j] = references[idx[j]];
        if (w) w[j] = (weights as unknown[])[idx[j]];
      }
      try {
        record(r, metric.compute(p, q, resampledArgs));
      } catch {
        // e.g. ROC AUC on a resample with one class only: that resample has no value.
      }
      r++;
    }
  }
  return { values, strategy };
}

function percentile(values: Float64Array, confidence: number): Interval | null {
  const finite = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  if (finite.length === 0) return null;
  const alpha = (1 - confidence) / 2;
  return { low: quantileSorted(finite, alpha), high: quantileSorted(finite, 1 - alpha) };
}

/**
 * Percentile bootstrap confidence intervals for every numeric output of a metric. Decomposable
 * metrics resample rows of sufficient statistics; others are recomputed on each resample.
 */
export function bootstrapIntervals(
  metric: AnyMetric,
  predictions: readonly unknown[],
  references: readonly unknown[],
  args: unknown,
  options: BootstrapOptions = {},
): BootstrapResult {
  const o = { ...DEFAULTS, ...options };
  if (!Number.isInteger(o.resamples) || o.resamples < 1) throw new MetricInputError("resamples must be a positive integer", { field: "resamples" });
  if (!(o.confidence > 0 && o.confidence < 1)) throw new MetricInputError("confidence must be between 0 and 1", { field: "confidence" });
  if (predictions.length === 0) throw new MetricInputError("cannot bootstrap an empty input", { field: "predictions" });
  const { values, strategy } = resampledValues(metric, predictions, references, args, o, o.seed);
  const intervals: Record<string, Interval> = {};
  for (const [k, v] of values) {
    const iv = percentile(v, o.confidence);
    if (iv) intervals[k] = iv;
  }
  return { method: "percentile", resamples: o.resamples, seed: o.seed, confidence: o.confidence, strategy, intervals };
}

/**
 * The resampled counts of a weighted bootstrap: row r of the result (`items` numbers) says how
 * many times each distinct item was drawn in resample r. They depend only on the counts and the
 * seed, so several metrics over the same (prediction, reference) pairs can share one set of draws.
 */
export function drawCounts(counts: readonly number[], options: Pick<BootstrapOptions, "resamples" | "seed"> = {}): Float64Array {
  const resamples = options.resamples ?? DEFAULTS.resamples;
  const items = counts.length;
  const cumulative = new Float64Array(items);
  let n = 0;
  for (let i = 0; i < items; i++) cumulative[i] = n += counts[i];
  if (n === 0) throw new MetricInputError("cannot bootstrap an empty input", { field: "predictions" });
  const rand = mulberry32(options.seed ?? DEFAULTS.seed);
  const draws = new Float64Array(resamples * items);
  for (let r = 0; r < resamples; r++) {
    const base = r * items;
    for (let j = 0; j < n; j++) {
      const u = rand() * n;
      let lo = 0;
      let hi = items - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      draws[base + lo]++;
    }
  }
  return draws;
}

/**
 * Percentile bootstrap of a decomposable metric whose examples are given as distinct rows of
 * sufficient statistics with counts (e.g. distinct (prediction, reference) pairs): each resample
 * draws n examples from the counts, so memory stays constant however large n is. `draws` (from
 * `drawCounts` with the same counts, resamples and seed) lets several metrics share the drawing.
 */
export function bootstrapFromCounts(
  stats: SufficientStatistics,
  counts: readonly number[],
  options: BootstrapOptions & { draws?: Float64Array } = {},
): BootstrapResult & { values: Record<string, number> } {
  const o = { ...DEFAULTS, ...options };
  const { width, data } = stats;
  const items = counts.length;
  const draws = options.draws ?? drawCounts(counts, o);
  if (draws.length !== o.resamples * items) throw new RangeError(`draws hold ${draws.length} counts, expected ${o.resamples} resamples x ${items} items`);
  const full = new Float64Array(width);
  for (let i = 0; i < items; i++) for (let k = 0; k < width; k++) full[k] += counts[i] * data[i * width + k];
  const sums = new Float64Array(width);
  const values = new Map<string, Float64Array>();
  for (let r = 0; r < o.resamples; r++) {
    const drawn = draws.subarray(r * items, (r + 1) * items);
    sums.fill(0);
    for (let i = 0; i < items; i++) {
      if (drawn[i] === 0) continue;
      for (let k = 0; k < width; k++) sums[k] += drawn[i] * data[i * width + k];
    }
    const out = stats.finalize(sums);
    for (const [k, v] of Object.entries(out)) {
      if (typeof v !== "number") continue;
      let arr = values.get(k);
      if (!arr) values.set(k, (arr = new Float64Array(o.resamples).fill(NaN)));
      arr[r] = v;
    }
  }
  const intervals: Record<string, Interval> = {};
  for (const [k, v] of values) {
    const iv = percentile(v, o.confidence);
    if (iv) intervals[k] = iv;
  }
  return {
    method: "percentile",
    resamples: o.resamples,
    seed: o.seed,
    confidence: o.confidence,
    strategy: "sufficient-statistics",
    intervals,
    values: stats.finalize(full),
  };
}

export interface PairedBootstrapResult {
  key: string;
  /** Metric value of system A and of system B on all examples. */
  a: number;
  b: number;
  /** b - a */
  difference: number;
  interval: Interval;
  /** Two-sided p-value of "no difference" (resampled differences re-centred on zero). */
  pValue: number;
  resamples: number;
  seed: number;
}

/**
 * Paired bootstrap test (Koehn 2004, as sacreBLEU's paired-bs): both systems are scored on the same
 * resampled examples. The p-value counts resamples whose difference, shifted to the null hypothesis,
 * is at least as extreme as the observed one: p = (1 + #{|d* - d| >= |d|}) / (1 + B).
 */
export function pairedBootstrap(
  metric: AnyMetric,
  predictionsA: readonly unknown[],
  predictionsB: readonly unknown[],
  references: readonly unknown[],
  args: unknown,
  options: BootstrapOptions & { key?: string } = {},
): PairedBootstrapResult {
  const o = { ...DEFAULTS, ...options };
  if (predictionsA.length !== predictionsB.length || predictionsA.length !== references.length) {
    throw new MetricInputError(
      `paired test needs the same examples: system A has ${predictionsA.length}, system B ${predictionsB.length}, references ${references.length}`,
      { field: "predictions" },
    );
  }
  if (predictionsA.length === 0) throw new MetricInputError("cannot bootstrap an empty input", { field: "predictions" });
  const key = o.key ?? metric.primary;
  const full = (p: readonly unknown[]) => {
    const out = metric.compute(p, references, args)[key];
    if (typeof out !== "number") throw new MetricInputError(`metric ${metric.id} has no numeric output "${key}"`, { field: "key" });
    return out;
  };
  const a = full(predictionsA);
  const b = full(predictionsB);
  const sa = resampledValues(metric, predictionsA, references, args, o, o.seed).values.get(key)!;
  const sb = resampledValues(metric, predictionsB, references, args, o, o.seed).values.get(key)!;
  const diffs = new Float64Array(o.resamples);
  for (let r = 0; r < o.resamples; r++) diffs[r] = sb[r] - sa[r];
  const d = b - a;
  let extreme = 0;
  let counted = 0;
  for (const x of diffs) {
    if (!Number.isFinite(x)) continue;
    counted++;
    if (Math.abs(x - d) >= Math.abs(d)) extreme++;
  }
  return {
    key,
    a,
    b,
    difference: d,
    interval: percentile(diffs, o.confidence) ?? { low: NaN, high: NaN },
    pValue: (1 + extreme) / (1 + counted),
    resamples: o.resamples,
    seed: o.seed,
  };
}

export { sumRows };
