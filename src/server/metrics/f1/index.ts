import { prfScore, prfStatistics, type Label, type PrfArgs } from "../classification-counts";
import { DEFAULT_PRF_ARGS, PrfArgsSchema } from "../prf-args";
import { LabelSchema } from "../schemas";
import type { MetricDefinition } from "../types";

// Expected values: the evaluate README (metrics/f1, which prints some rounded; the exact values
// here are scikit-learn 1.2.1's, Debian python3-sklearn) and scikit-learn's f1_score docstring.
const y_true = [0, 1, 2, 0, 1, 2];
const y_pred = [0, 2, 1, 0, 0, 1];
const README = "evaluate metrics/f1 README";
const SKLEARN = "sklearn.metrics.f1_score docstring";

export const f1: MetricDefinition<Label, Label, PrfArgs> = {
  id: "f1",
  name: "F1",
  description: "Harmonic mean of precision and recall (averaged over labels as chosen).",
  tasks: ["text-classification", "image-classification", "zero-shot-classification"],
  higherIsBetter: true,
  range: [0, 1],
  primary: "f1",
  predictionSchema: LabelSchema,
  referenceSchema: LabelSchema,
  argsSchema: PrfArgsSchema,
  defaultArgs: DEFAULT_PRF_ARGS,
  compute(predictions, references, args) {
    return { f1: prfScore(predictions, references, args, "f1") };
  },
  statistics(predictions, references, args) {
    return prfStatistics(predictions, references, args, "f1");
  },
  examples: [
    { predictions: [0, 0, 1, 1, 0], references: [0, 1, 0, 1, 0], args: { average: "binary" }, expected: { f1: 0.5 }, source: README },
    { predictions: [0, 0, 1, 1, 0], references: [0, 1, 0, 1, 0], args: { average: "binary", pos_label: 0 }, expected: { f1: 2 / 3 }, source: README },
    {
      predictions: [0, 0, 1, 1, 0],
      references: [0, 1, 0, 1, 0],
      args: { average: "binary", sample_weight: [0.9, 0.5, 3.9, 1.2, 0.3] },
      expected: { f1: 0.35294117647058826 },
      source: README,
    },
    { predictions: y_pred, references: y_true, args: { average: "macro" }, expected: { f1: 0.26666666666666666 }, source: README },
    { predictions: y_pred, references: y_true, args: { average: "micro" }, expected: { f1: 0.3333333333333333 }, source: README },
    { predictions: y_pred, references: y_true, args: { average: "weighted" }, expected: { f1: 0.26666666666666666 }, source: README },
    { predictions: y_pred, references: y_true, args: { average: null }, expected: { f1: [0.8, 0, 0] }, source: README },
    // All-negative input: no positive predicted or true, so F1 is zero_division.
    { predictions: [0, 0, 0, 0, 0, 0], references: [0, 0, 0, 0, 0, 0], args: { average: "binary" }, expected: { f1: 0 }, source: SKLEARN },
    {
      predictions: [0, 0, 0, 0, 0, 0],
      references: [0, 0, 0, 0, 0, 0],
      args: { average: "binary", zero_division: 1 },
      expected: { f1: 1 },
      source: SKLEARN,
    },
  ],
};
