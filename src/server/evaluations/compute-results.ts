import { AppError } from "@/server/errors";
import { bootstrapIntervals } from "@/server/metrics/bootstrap";
import { METRICS, isMetricId, type MetricId } from "@/server/metrics";
import type { MetricOutput } from "@/server/metrics/types";
import type { StoredPrediction } from "./run-inference";

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

/** Scores stored predictions with each requested metric at its default arguments, with intervals. */
export function computeResults(predictions: StoredPrediction[], metrics: string[], opts: ComputeResultsOptions = {}): MetricResult[] {
  if (predictions.length === 0) {
    throw new AppError("UNPROCESSABLE", "No example could be scored: every row of the split was invalid.");
  }
  const preds = predictions.map((p) => p.prediction);
  const refs = predictions.map((p) => p.reference);
  const resamples = opts.resamples ?? 1000;
  return metrics.map((id) => {
    if (!isMetricId(id)) throw new AppError("UNPROCESSABLE", `Unknown metric "${id}".`, { field: "metrics" });
    const metric = METRICS[id];
    const args = metric.defaultArgs as Record<string, unknown>;
    const output = metric.compute(preds as never, refs as never, args as never);
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
