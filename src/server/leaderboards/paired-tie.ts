import type { Db } from "@/server/db/client";
import { loadPredictions, type Predictions } from "@/server/evaluations/prediction-store";
import { PredictionTable } from "@/server/evaluations/prediction-table";
import { METRICS, type MetricId } from "@/server/metrics";
import { pairedBootstrap } from "@/server/metrics/bootstrap";

/** The facts of a run that decide whether two runs scored the same examples. */
export interface PairableRun {
  evaluationKey: string;
  datasetSha: string;
  config: string;
  split: string;
  task: string;
  manifest: Record<string, unknown> | null;
}

/** The outcome of a paired bootstrap of (other - leader) on the ranking metric. */
export interface PairedTieResult {
  tied: boolean;
  /** other - leader, on the examples used. */
  difference: number;
  /** 95% percentile interval of the difference. */
  interval: [number, number];
  /** Examples both runs scored and the test used (capped at `PAIRED_MAX_ROWS`). */
  rows: number;
  resamples: number;
  seed: number;
}

/** Label metrics whose paired test runs on stored label predictions; others fall back to CI overlap. */
const PAIRED_METRICS = new Set<MetricId>(["accuracy", "precision", "recall", "f1", "matthews_correlation"]);
/** Rows used at most (an even stride over larger splits): bounds the work per pair whatever the split size. */
export const PAIRED_MAX_ROWS = 10_000;
const RESAMPLES = 1000;
const SEED = 0;
const CACHE_LIMIT = 500;

/** Results per (leader key, other key, metric): keys hash model, data and code, so entries never go stale. */
const cache = new Map<string, Promise<PairedTieResult | null>>();

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Same dataset commit, config, split, task, column mapping, row limit and sampling: the same rows. */
export function sameExamples(a: PairableRun, b: PairableRun): boolean {
  if (a.datasetSha !== b.datasetSha || a.config !== b.config || a.split !== b.split || a.task !== b.task) return false;
  const m = a.manifest ?? {};
  const n = b.manifest ?? {};
  return same(m.limit, n.limit) && same(m.sampling, n.sampling) && same(m.columnMapping, n.columnMapping);
}

/** Predictions and references of both runs on their common rows, in row order; null if they differ. */
function align(a: PredictionTable, b: PredictionTable): { predsA: number[]; predsB: number[]; refs: number[] } | null {
  if (a.length !== b.length || a.length === 0) return null;
  const order = (t: PredictionTable) => Array.from({ length: t.length }, (_, i) => i).sort((x, y) => t.rows[x] - t.rows[y]);
  const ia = order(a);
  const ib = order(b);
  const stride = Math.max(1, Math.ceil(a.length / PAIRED_MAX_ROWS));
  const predsA: number[] = [];
  const predsB: number[] = [];
  const refs: number[] = [];
  for (let k = 0; k < ia.length; k++) {
    const i = ia[k];
    const j = ib[k];
    // Different scored rows or references: the runs did not see the same examples.
    if (a.rows[i] !== b.rows[j] || a.reference[i] !== b.reference[j]) return null;
    if (k % stride !== 0) continue;
    predsA.push(a.prediction[i]);
    predsB.push(b.prediction[j]);
    refs.push(a.reference[i]);
  }
  return { predsA, predsB, refs };
}

async function compute(db: Db, leader: PairableRun, other: PairableRun, metric: MetricId, load: (key: string) => Promise<Predictions | null>): Promise<PairedTieResult | null> {
  const [a, b] = await Promise.all([load(leader.evaluationKey), load(other.evaluationKey)]);
  if (!(a instanceof PredictionTable) || !(b instanceof PredictionTable)) return null;
  const aligned = align(a, b);
  if (!aligned) return null;
  const def = METRICS[metric];
  const test = pairedBootstrap(def, aligned.predsA, aligned.predsB, aligned.refs, def.defaultArgs, { resamples: RESAMPLES, seed: SEED });
  const { low, high } = test.interval;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return null;
  return { tied: low <= 0 && high >= 0, difference: test.difference, interval: [low, high], rows: aligned.refs.length, resamples: RESAMPLES, seed: SEED };
}

export interface PairedTieOptions {
  db: Db;
  metric: MetricId;
  leader: PairableRun;
  other: PairableRun;
  /** Loads a key's predictions; pass one memoized loader per request so the leader's load once. */
  load?: (evaluationKey: string) => Promise<Predictions | null>;
}

/**
 * Whether `other` is tied with `leader` by a paired bootstrap of the metric difference (both
 * scored on the same resampled examples; tied when the 95% interval of the difference contains 0).
 * `null` when the test does not apply (different examples, no stored predictions, a metric that is
 * not a label metric): the caller falls back to CI overlap. Memoized per (keys, metric).
 */
export function pairedTie(opts: PairedTieOptions): Promise<PairedTieResult | null> {
  const { leader, other, metric } = opts;
  if (!PAIRED_METRICS.has(metric) || !sameExamples(leader, other)) return Promise.resolve(null);
  const key = `${leader.evaluationKey}|${other.evaluationKey}|${metric}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const load = opts.load ?? ((k: string) => loadPredictions(opts.db, k));
  // A failure (e.g. the database was busy) is not remembered: the next view tries again.
  const pending = compute(opts.db, leader, other, metric, load).catch(() => {
    cache.delete(key);
    return null;
  });
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, pending);
  return pending;
}
