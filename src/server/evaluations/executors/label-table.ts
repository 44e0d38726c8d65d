import { PredictionTable } from "../prediction-table";
import type { PreparedEvaluation } from "../prepare-evaluation";

/** A prediction table sized once for the split (or the sample), so it never grows by copying. */
export function labelTable(prepared: PreparedEvaluation): PredictionTable {
  const rows = Math.max(1, Math.min(prepared.dataset.numRows, prepared.limit ?? Infinity));
  return new PredictionTable(prepared.alignment.datasetLabels.length, rows);
}

export function softmax(xs: readonly number[]): number[] {
  const max = Math.max(...xs);
  const exps = xs.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/**
 * Appends one example from probabilities in the model's label order: the prediction is the most
 * probable model label, mapped to its dataset label; scores are stored in dataset label order.
 */
export function pushProbabilities(table: PredictionTable, prepared: PreparedEvaluation, row: number, probs: readonly number[], reference: number): void {
  const toDataset = prepared.alignment.modelToDataset;
  let argmax = 0;
  for (let k = 1; k < probs.length; k++) if (probs[k] > probs[argmax]) argmax = k;
  const scores = new Float64Array(table.numLabels);
  probs.forEach((v, k) => {
    if (toDataset[k] !== undefined && toDataset[k] >= 0) scores[toDataset[k]] = v;
  });
  table.push(row, toDataset[argmax], reference, scores);
}
