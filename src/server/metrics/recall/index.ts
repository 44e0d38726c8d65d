import { prfScore, prfStatistics, type Label, type PrfArgs } from "../classification-counts";
import { DEFAULT_PRF_ARGS, PrfArgsSchema } from "../prf-args";
import { LabelSchema } from "../schemas";
import type { MetricDefinition } from "../types";

// Expected values: the evaluate README (metrics/recall) and scikit-learn's recall_score docstring;
// every one re-run with scikit-learn 1.2.1 (Debian python3-sklearn) and matching.
const y_true = [0, 1, 2, 0, 1, 2];
const y_pred = [0, 2, 1, 0, 0, 1];
const README = "evaluate metrics/recall README";
const SKLEARN = "sklearn.metrics.recall_score docstring";

export const recall: MetricDefinition<Label, Label, PrfArgs> = {
  id: "recall",
  name: "Recall",
  description: "Of the examples that truly have a label, the fraction predicted as it (averaged over labels as chosen).",
  tasks: ["text-classification", "image-classification", "zero-shot-classification"],
  higherIsBetter: true,
  range: [0, 1],
  primary: "recall",
  predictionSchema: LabelSchema,
  referenceSchema: LabelSchema,
  argsSchema: PrfArgsSchema,
  defaultArgs: DEFAULT_PRF_ARGS,
  compute(predictions, references, args) {
    return { recall: prfScore(predictions, references, args, "recall") };
  },
  statistics(predictions, references, args) {
    return prfStatistics(predictions, references, args, "recall");
  },
  examples: [
    { predictions: [0, 1, 0, 1, 1], references: [0, 0, 1, 1, 1], args: { average: "binary" }, expected: { recall: 0.6666666666666666 }, source: README },
    { predictions: [0, 1, 0, 1, 1], references: [0, 0, 1, 1, 1], args: { average: "binary", pos_label: 0 }, expected: { recall: 0.5 }, source: README },
    {
      predictions: [0, 1, 0, 1, 1],
      references: [0, 0, 1, 1, 1],
      args: { average: "binary", sample_weight: [0.9, 0.2, 0.9, 0.3, 0.8] },
      expected: { recall: 0.55 },
      source: README,
    },
    { predictions: y_pred, references: y_true, args: { average: "macro" }, expected: { recall: 0.3333333333333333 }, source: README },
    { predictions: y_pred, references: y_true, args: { average: "micro" }, expected: { recall: 0.3333333333333333 }, source: README },
    { predictions: y_pred, references: y_true, args: { average: "weighted" }, expected: { recall: 0.3333333333333333 }, source: README },
    { predictions: y_pred, references: y_true, args: { average: null }, expected: { recall: [1, 0, 0] }, source: README },
    { predictions: y_pred, references: [0, 0, 0, 0, 0, 0], args: { average: null }, expected: { recall: [0.5, 0, 0] }, source: SKLEARN },
    {
      predictions: y_pred,
      references: [0, 0, 0, 0, 0, 0],
      args: { average: null, zero_division: 1 },
      expected: { recall: [0.5, 1, 1] },
      source: SKLEARN,
    },
  ],
};
