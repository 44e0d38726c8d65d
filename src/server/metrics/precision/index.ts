import { prfScore, prfStatistics, type Label, type PrfArgs } from "../classification-counts";
import { DEFAULT_PRF_ARGS, PrfArgsSchema } from "../prf-args";
import { LabelSchema } from "../schemas";
import type { MetricDefinition } from "../types";

// Expected values: the evaluate README (metrics/precision) and scikit-learn's precision_score
// docstring; every one re-run with scikit-learn 1.2.1 (Debian python3-sklearn) and matching.
const y_true = [0, 1, 2, 0, 1, 2];
const y_pred = [0, 2, 1, 0, 0, 1];
const README = "evaluate metrics/precision README";
const SKLEARN = "sklearn.metrics.precision_score docstring";

export const precision: MetricDefinition<Label, Label, PrfArgs> = {
  id: "precision",
  name: "Precision",
  description: "Of the examples predicted as a label, the fraction that truly have it (averaged over labels as chosen).",
  tasks: ["text-classification", "image-classification", "zero-shot-classification"],
  higherIsBetter: true,
  range: [0, 1],
  primary: "precision",
  predictionSchema: LabelSchema,
  referenceSchema: LabelSchema,
  argsSchema: PrfArgsSchema,
  defaultArgs: DEFAULT_PRF_ARGS,
  compute(predictions, references, args) {
    return { precision: prfScore(predictions, references, args, "precision") };
  },
  statistics(predictions, references, args) {
    return prfStatistics(predictions, references, args, "precision");
  },
  examples: [
    { predictions: [0, 0, 1, 1, 0], references: [0, 1, 0, 1, 0], args: { average: "binary" }, expected: { precision: 0.5 }, source: README },
    { predictions: [0, 0, 1, 1, 0], references: [0, 1, 0, 1, 0], args: { average: "binary", pos_label: 0 }, expected: { precision: 2 / 3 }, source: README },
    {
      predictions: [0, 0, 1, 1, 0],
      references: [0, 1, 0, 1, 0],
      args: { average: "binary", sample_weight: [0.9, 0.5, 3.9, 1.2, 0.3] },
      expected: { precision: 0.23529411764705882 },
      source: README,
    },
    { predictions: y_pred, references: y_true, args: { average: "macro" }, expected: { precision: 0.2222222222222222 }, source: README },
    { predictions: y_pred, references: y_true, args: { average: "micro" }, expected: { precision: 0.3333333333333333 }, source: README },
    { predictions: y_pred, references: y_true, args: { average: "weighted" }, expected: { precision: 0.2222222222222222 }, source: README },
    { predictions: y_pred, references: y_true, args: { average: null }, expected: { precision: [2 / 3, 0, 0] }, source: README },
    { predictions: [0, 0, 0, 0, 0, 0], references: y_true, args: { average: null }, expected: { precision: [1 / 3, 0, 0] }, source: SKLEARN },
    {
      predictions: [0, 0, 0, 0, 0, 0],
      references: y_true,
      args: { average: null, zero_division: 1 },
      expected: { precision: [1 / 3, 1, 1] },
      source: SKLEARN,
    },
  ],
};
