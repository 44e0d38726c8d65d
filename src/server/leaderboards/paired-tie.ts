import type { Db } from "@/server/db/client";
import { loadPredictions, type Predictions } from "@/server/evaluations/prediction-store";
import { scoringInputs } from "@/server/evaluations/compute-results";
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

/** Rows used at most (an even stride over larger splits): bounds the work per pair whatever the split size. */
export const PAIRED_MAX_ROWS = 10_000;
/** The same for metrics without sufficient statistics (ROC AUC), which are recomputed per resample. */
export const PAIRED_MAX_ROWS_RECOMPUTED = 2_000;
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

/** Each stored example's dataset row and a comparable form of its reference, in table order. */
function rowsAndReferences(t: Predictions): { rows: ArrayLike<number>; reference: (i: number) => unknown } {
  if (t instanceof PredictionTable) return { rows: t.rows, reference: (i) => t.reference[i] };
  const records = t.records;
  return { rows: records.map((r) => r.row), reference: (i) => JSON.stringify(records[i].reference) };
}

/**
 * The indexes into each table of the examples both runs scored, in row order, at most `maxRows`
 * (an even stride); null when the runs scored different rows or hold different references.
 */
export function alignExamples(a: Predictions, b: Predictions, maxRows: number): { ia: number[]; ib: number[] } | null {
  if (a instanceof PredictionTable !== b instanceof PredictionTable || a.length !== b.length || a.length === 0) return null;
  const ra = rowsAndReferences(a);
  const rb = rowsAndReferences(b);
  const order = (rows: ArrayLike<number>) => Array.from({ length: rows.length }, (_, i) => i).sort((x, y) => rows[x] - rows[y]);
  const oa = order(ra.rows);
  const ob = order(rb.rows);
  const stride = Math.max(1, Math.ceil(a.length / maxRows));
  const ia: number[] = [];
  const ib: number[] = [];
  for (let k = 0; k < oa.length; k++) {
    const i = oa[k];
    const j = ob[k];
    // Different scored rows or references: the runs did not see the same examples.
    if (ra.rows[i] !== rb.rows[j] || ra.reference(i) !== rb.reference(j)) return null;
    if (k % stride !== 0) continue;
    ia.push(i);
    ib.push(j);
  }
  return { ia, ib };
}

async function compute(leader: PairableRun, other: PairableRun, metric: MetricId, load: (key: string) => Promise<Predictions | null>): Promise<PairedTieResult | null> {
  const [a, b] = await Promise.all([load(leader.evaluationKey), load(other.evaluationKey)]);
  if (!a || !b) return null;
  const def = METRICS[metric];
  const aligned = alignExamples(a, b, def.statistics ? PAIRED_MAX_ROWS : PAIRED_MAX_ROWS_RECOMPUTED);
  if (!aligned) return null;
  const inputsA = scoringInputs(metric, a);
  const inputsB = scoringInputs(metric, b);
  const predsA = aligned.ia.map((i) => inputsA.preds[i]);
  const predsB = aligned.ib.map((j) => inputsB.preds[j]);
  const refs = aligned.ia.map((i) => inputsA.refs[i]);
  const test = pairedBootstrap(def, predsA, predsB, refs, inputsA.args, { resamples: RESAMPLES, seed: SEED });
  const { low, high } = test.interval;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return null;
  return { tied: low <= 0 && high >= 0, difference: test.difference, interval: [low, high], rows: refs.length, resamples: RESAMPLES, seed: SEED };
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
 * Any metric of the registry: label metrics, seqeval, SQuAD, ROUGE, sacreBLEU... (decomposable ones
 * on at most `PAIRED_MAX_ROWS` examples, recomputed ones on `PAIRED_MAX_ROWS_RECOMPUTED`).
 * `null` when the test does not apply (different examples, no stored predictions, or a metric the
 * stored predictions cannot feed): the caller falls back to CI overlap. Memoized per (keys, metric).
 */
export function pairedTie(opts: PairedTieOptions): Promise<PairedTieResult | null> {
  const { leader, other, metric } = opts;
  if (!sameExamples(leader, other)) return Promise.resolve(null);
  const key = `${leader.evaluationKey}|${other.evaluationKey}|${metric}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const load = opts.load ?? ((k: string) => loadPredictions(opts.db, k));
  // A failure (e.g. the database was busy) is not remembered: the next view tries again.
  const pending = compute(leader, other, metric, load).catch(() => {
    cache.delete(key);
    return null;
  });
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, pending);
  return pending;
}
