import { AppError } from "@/server/errors";
import { bootstrapFromCounts, bootstrapIntervals, drawCounts } from "@/server/metrics/bootstrap";
import { METRICS, isMetricId, type MetricId } from "@/server/metrics";
import { MetricInputError, type MetricOutput } from "@/server/metrics/types";
import type { Predictions } from "./prediction-store";
import type { PredictionTable } from "./prediction-table";
import { RecordTable } from "./record-table";

export interface MetricResult {
  metric: MetricId;
  /** The metric's primary value (e.g. `f1`). */
  value: number;
  ci: { low: number; high: number } | null;
  args: Record<string, unknown>;
  output: MetricOutput;
  bootstrap: { method: string; resamples: number; seed: number; confidence: number } | null;
}

export interface ComputeResultsOptions {
  /** Bootstrap resamples for the intervals (0 disables them). */
  resamples?: number;
  seed?: number;
}

/**
 * Caps on bootstrap work (examples drawn over all resamples), so a million-row split does not spend
 * minutes on intervals: recomputing a non-decomposable metric costs O(n log n) per resample. The
 * number of resamples actually used is stored with each result.
 */
const RECOMPUTE_BUDGET = 20_000_000;
const STATISTICS_BUDGET = 200_000_000;

/**
 * What each metric is fed from stored predictions: label ids for label metrics; the positive-class
 * probability (binary) or the probability vector, one-vs-rest (multi-class), for ROC AUC.
 */
function metricInputs(id: MetricId, predictions: PredictionTable) {
  const refs = predictions.references();
  if (id === "roc_auc") {
    const numLabels = predictions.numLabels;
    if (numLabels === 2) return { preds: predictions.scoresOf(1), refs, args: {} };
    const labels = Array.from({ length: numLabels }, (_, i) => i);
    return { preds: predictions.scoreVectors(), refs, args: { multi_class: "ovr", labels } };
  }
  return { preds: predictions.predictions(), refs, args: {} };
}

/**
 * What each metric is fed from a structured task's records: tag sequences (seqeval), SQuAD
 * answers (squad without the no-answer probability, squad_v2 with it), or texts.
 */
function recordInputs(id: MetricId, table: RecordTable) {
  const preds = table.predictions() as unknown[];
  const refs = table.references() as unknown[];
  type Qa = { id: string; prediction_text: string; span_text?: string; no_answer_probability: number };
  if (id === "squad") return { preds: (preds as Qa[]).map((p) => ({ id: p.id, prediction_text: p.span_text ?? p.prediction_text })), refs, args: {} };
  if (id === "squad_v2") return { preds: (preds as Qa[]).map((p) => ({ id: p.id, prediction_text: p.prediction_text, no_answer_probability: p.no_answer_probability })), refs, args: {} };
  return { preds, refs, args: {} };
}

/**
 * The predictions, references and arguments (defaults merged and validated) a metric is fed from
 * stored predictions, one entry per stored example in the table's order.
 */
export function scoringInputs(id: MetricId, predictions: Predictions): { preds: unknown[]; refs: unknown[]; args: Record<string, unknown> } {
  const metric = METRICS[id];
  const input = predictions instanceof RecordTable ? recordInputs(id, predictions) : metricInputs(id, predictions);
  const args = metric.argsSchema.parse({ ...(metric.defaultArgs as object), ...input.args }) as Record<string, unknown>;
  return { preds: input.preds as unknown[], refs: input.refs as unknown[], args };
}

/** Label metrics depend only on (prediction, reference) pairs, and all accept sample weights. */
const PAIR_METRICS = new Set<MetricId>(["accuracy", "precision", "recall", "f1", "matthews_correlation"]);

/** The distinct (prediction, reference) pairs and how many examples each stands for. */
function pairCounts(t: PredictionTable) {
  const index = new Map<number, number>();
  const preds: number[] = [];
  const refs: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < t.length; i++) {
    const key = t.prediction[i] * 1_000_003 + t.reference[i];
    let j = index.get(key);
    if (j === undefined) {
      index.set(key, (j = preds.length));
      preds.push(t.prediction[i]);
      refs.push(t.reference[i]);
      counts.push(0);
    }
    counts[j]++;
  }
  return { preds, refs, counts };
}

/**
 * A label metric computed on the distinct (prediction, reference) pairs weighted by their counts
 * (the same numbers as on every example) and bootstrapped from those counts: memory stays constant
 * however large the split.
 */
function pairMetricResult(id: MetricId, pairs: ReturnType<typeof pairCounts>, draws: Float64Array | null, resamples: number, seed: number): MetricResult {
  const metric = METRICS[id];
  const args = metric.defaultArgs as Record<string, unknown>;
  const { preds, refs, counts } = pairs;
  const output = metric.compute(preds as never, refs as never, { ...args, sample_weight: counts } as never);
  const value = output[metric.primary] as number;
  const boot = draws ? bootstrapFromCounts(metric.statistics!(preds as never, refs as never, args as never), counts, { resamples, seed, draws }) : null;
  return {
    metric: id,
    value,
    ci: boot?.intervals[metric.primary] ?? null,
    args,
    output,
    bootstrap: boot && { method: boot.method, resamples: boot.resamples, seed: boot.seed, confidence: boot.confidence },
  };
}

/** Scores stored predictions with each requested metric at its default arguments, with intervals. */
export function computeResults(predictions: Predictions, metrics: string[], opts: ComputeResultsOptions = {}): MetricResult[] {
  if (predictions.length === 0) {
    throw new AppError("UNPROCESSABLE", "No example could be scored: every row of the split was invalid.");
  }
  // Label metrics share the distinct pairs and one set of bootstrap draws (same counts, same seed).
  let shared: { pairs: ReturnType<typeof pairCounts>; draws: Float64Array | null; resamples: number } | null = null;
  return metrics.map((id) => {
    if (!isMetricId(id)) throw new AppError("UNPROCESSABLE", `Unknown metric "${id}".`, { field: "metrics" });
    const metric = METRICS[id];
    if (PAIR_METRICS.has(id) && !(predictions instanceof RecordTable)) {
      if (!shared) {
        const wanted = opts.resamples ?? 1000;
        const resamples = wanted === 0 ? 0 : Math.max(100, Math.min(wanted, Math.floor(STATISTICS_BUDGET / predictions.length)));
        const pairs = pairCounts(predictions);
        shared = { pairs, resamples, draws: resamples > 0 ? drawCounts(pairs.counts, { resamples, seed: opts.seed ?? 0 }) : null };
      }
      return pairMetricResult(id, shared.pairs, shared.draws, shared.resamples, opts.seed ?? 0);
    }
    const { preds, refs, args } = scoringInputs(id, predictions);
    const wanted = opts.resamples ?? 1000;
    const budget = metric.statistics ? STATISTICS_BUDGET : RECOMPUTE_BUDGET;
    const resamples = wanted === 0 ? 0 : Math.max(100, Math.min(wanted, Math.floor(budget / preds.length)));
    let output: MetricOutput;
    try {
      output = metric.compute(preds as never, refs as never, args as never);
    } catch (err) {
      if (err instanceof MetricInputError) throw new AppError("UNPROCESSABLE", `Metric ${id} cannot score these predictions: ${err.message}`);
      throw err;
    }
    const value = output[metric.primary];
    if (typeof value !== "number") throw new AppError("UNPROCESSABLE", `Metric ${id} produced no number for "${metric.primary}".`);
    const boot = resamples > 0 ? bootstrapIntervals(metric, preds, refs, args, { resamples, seed: opts.seed ?? 0 }) : null;
    const iv = boot?.intervals[metric.primary] ?? null;
    return {
      metric: id,
      value,
      ci: iv,
      args,
      output,
      bootstrap: boot && { method: boot.method, resamples: boot.resamples, seed: boot.seed, confidence: boot.confidence },
    };
  });
}
