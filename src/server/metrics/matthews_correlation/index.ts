import { z } from "zod";
import { checkClassificationInput, uniqueLabels, type Label } from "../classification-counts";
import { SampleWeightSchema } from "../prf-args";
import { LabelSchema } from "../schemas";
import { sumRows } from "../sum-rows";
import type { MetricDefinition, SufficientStatistics } from "../types";

export interface MatthewsCorrelationArgs {
  sample_weight?: number[];
}

/**
 * Rows [correct, total, true count per label…, predicted count per label…], all weighted: the
 * multiclass MCC (Gorodkin's R_K, scikit-learn's formula) only needs the confusion matrix's trace,
 * its total and its row and column sums.
 */
function mccStatistics(predictions: readonly Label[], references: readonly Label[], args: MatthewsCorrelationArgs): SufficientStatistics {
  checkClassificationInput(predictions, references, args);
  const labels = uniqueLabels(predictions, references);
  const index = new Map(labels.map((l, i) => [l, i]));
  const L = labels.length;
  const width = 2 + 2 * L;
  const data = new Float64Array(predictions.length * width);
  for (let i = 0; i < predictions.length; i++) {
    const w = args.sample_weight ? args.sample_weight[i] : 1;
    const t = index.get(references[i])!;
    const p = index.get(predictions[i])!;
    const row = i * width;
    if (t === p) data[row] = w;
    data[row + 1] = w;
    data[row + 2 + t] = w;
    data[row + 2 + L + p] = w;
  }
  return {
    width,
    data,
    finalize(sums) {
      const correct = sums[0];
      const n = sums[1];
      let tp = 0;
      let tt = 0;
      let pp = 0;
      for (let k = 0; k < L; k++) {
        const t = sums[2 + k];
        const p = sums[2 + L + k];
        tp += t * p;
        tt += t * t;
        pp += p * p;
      }
      const covYtYp = correct * n - tp;
      const covYpYp = n * n - pp;
      const covYtYt = n * n - tt;
      // scikit-learn returns 0 when either variance is zero (a constant prediction or reference).
      const denom = covYpYp * covYtYt;
      return { matthews_correlation: denom === 0 ? 0 : covYtYp / Math.sqrt(denom) };
    },
  };
}

const README = "evaluate metrics/matthews_correlation README (exact values: scikit-learn 1.2.1)";

export const matthewsCorrelation: MetricDefinition<Label, Label, MatthewsCorrelationArgs> = {
  id: "matthews_correlation",
  name: "Matthews correlation",
  description: "Correlation between predicted and true labels (phi coefficient; multiclass R_K); 0 is chance, 1 perfect, -1 total disagreement.",
  tasks: ["text-classification", "image-classification", "zero-shot-classification"],
  higherIsBetter: true,
  range: [-1, 1],
  primary: "matthews_correlation",
  predictionSchema: LabelSchema,
  referenceSchema: LabelSchema,
  argsSchema: z.object({ sample_weight: SampleWeightSchema.optional() }).strict() as unknown as z.ZodType<MatthewsCorrelationArgs>,
  defaultArgs: {},
  compute(predictions, references, args) {
    const s = mccStatistics(predictions, references, args);
    return s.finalize(sumRows(s));
  },
  statistics: mccStatistics,
  examples: [
    { predictions: [1, 2, 2, 0, 3, 3], references: [1, 3, 2, 0, 3, 2], expected: { matthews_correlation: 0.5384615384615384 }, source: README },
    {
      predictions: [1, 2, 2, 0, 3, 3],
      references: [1, 3, 2, 0, 3, 2],
      args: { sample_weight: [0.5, 3, 1, 1, 1, 2] },
      expected: { matthews_correlation: 0.09782608695652174 },
      source: README,
    },
    {
      predictions: [1, 2, 2, 0, 3, 3],
      references: [1, 3, 2, 0, 3, 2],
      args: { sample_weight: [0.5, 1, 0, 0, 0, 1] },
      expected: { matthews_correlation: -0.25 },
      source: README,
    },
    {
      predictions: [1, -1, 1, 1],
      references: [1, 1, 1, -1],
      expected: { matthews_correlation: -0.3333333333333333 },
      source: "sklearn.metrics.matthews_corrcoef docstring",
    },
  ],
};
