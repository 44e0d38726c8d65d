import { AppError } from "@/server/errors";
import { METRICS, isMetricId, type MetricId } from "@/server/metrics";
import type { StoredPrediction } from "./run-inference";

export interface MetricResult {
  metric: MetricId;
  value: number;
  args: Record<string, unknown>;
}

/** Scores stored predictions with each requested metric at its default arguments. */
export function computeResults(predictions: StoredPrediction[], metrics: string[]): MetricResult[] {
  if (predictions.length === 0) {
    throw new AppError("UNPROCESSABLE", "No example could be scored: every row of the split was invalid.");
  }
  const preds = predictions.map((p) => p.prediction);
  const refs = predictions.map((p) => p.reference);
  return metrics.map((id) => {
    if (!isMetricId(id)) throw new AppError("UNPROCESSABLE", `Unknown metric "${id}".`, { field: "metrics" });
    const metric = METRICS[id];
    const args = metric.defaultArgs as Record<string, unknown>;
    const output = metric.compute(preds as never, refs as never, args as never);
    return { metric: id, value: output[metric.primary] as number, args };
  });
}
