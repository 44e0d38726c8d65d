import { z } from "zod";
import { checkClassificationInput, confusionCounts, formatLabel, uniqueLabels, type Label } from "../classification-counts";
import { LabelListSchema, SampleWeightSchema } from "../prf-args";
import { LabelSchema } from "../schemas";
import { MetricInputError, type MetricDefinition } from "../types";

export interface ConfusionMatrixArgs {
  /** Labels indexing the rows and columns, in order; default: sorted union of the data. */
  labels?: Label[];
  sample_weight?: number[];
  /** Divide by row sums ("true"), column sums ("pred") or the total ("all"); null keeps counts. */
  normalize: "true" | "pred" | "all" | null;
}

/** scikit-learn's normalisation: 0/0 cells become 0 (np.nan_to_num). */
function normalized(cm: number[][], how: ConfusionMatrixArgs["normalize"]): number[][] {
  if (how === null) return cm;
  const div = (x: number, d: number) => (d === 0 ? 0 : x / d);
  if (how === "true") return cm.map((row) => row.map((x) => div(x, row.reduce((a, b) => a + b, 0))));
  if (how === "pred") {
    const cols = cm[0].map((_, j) => cm.reduce((a, row) => a + row[j], 0));
    return cm.map((row) => row.map((x, j) => div(x, cols[j])));
  }
  const total = cm.reduce((a, row) => a + row.reduce((b, x) => b + x, 0), 0);
  return cm.map((row) => row.map((x) => div(x, total)));
}

const README = "evaluate metrics/confusion_matrix README (normalised values: scikit-learn 1.2.1)";

export const confusionMatrix: MetricDefinition<Label, Label, ConfusionMatrixArgs> = {
  id: "confusion_matrix",
  name: "Confusion matrix",
  description: "Counts of examples per (reference label, predicted label) pair: row i is the i-th true label, column j the j-th predicted one.",
  tasks: ["text-classification", "image-classification", "zero-shot-classification"],
  // Not a score: the diagonal is what should be large. `higherIsBetter` is moot.
  higherIsBetter: true,
  range: [0, Infinity],
  primary: "confusion_matrix",
  predictionSchema: LabelSchema,
  referenceSchema: LabelSchema,
  argsSchema: z
    .object({
      labels: LabelListSchema.optional(),
      sample_weight: SampleWeightSchema.optional(),
      normalize: z.enum(["true", "pred", "all"]).nullable().default(null),
    })
    .strict() as unknown as z.ZodType<ConfusionMatrixArgs>,
  defaultArgs: { normalize: null },
  compute(predictions, references, args) {
    checkClassificationInput(predictions, references, args);
    let labels = args.labels;
    if (labels) {
      const truth = new Set(references);
      if (!labels.some((l) => truth.has(l))) {
        throw new MetricInputError(
          `at least one label in labels must occur in references; none of ${labels.map(formatLabel).join(", ")} does`,
          { field: "args.labels" },
        );
      }
    } else {
      labels = uniqueLabels(predictions, references);
    }
    return { confusion_matrix: normalized(confusionCounts(predictions, references, labels, args.sample_weight), args.normalize) };
  },
  examples: [
    {
      predictions: [0, 1, 1, 2, 1, 0],
      references: [0, 1, 2, 0, 1, 2],
      expected: { confusion_matrix: [[1, 0, 1], [0, 2, 0], [1, 1, 0]] },
      source: README,
    },
    {
      predictions: [0, 1, 1, 2, 1, 0],
      references: [0, 1, 2, 0, 1, 2],
      args: { normalize: "true" },
      expected: { confusion_matrix: [[0.5, 0, 0.5], [0, 1, 0], [0.5, 0.5, 0]] },
      source: README,
    },
    {
      predictions: [0, 1, 1, 2, 1, 0],
      references: [0, 1, 2, 0, 1, 2],
      args: { normalize: "pred" },
      expected: { confusion_matrix: [[0.5, 0, 1], [0, 2 / 3, 0], [0.5, 1 / 3, 0]] },
      source: README,
    },
    {
      predictions: ["ant", "ant", "cat", "cat", "ant", "cat"],
      references: ["cat", "ant", "cat", "cat", "ant", "bird"],
      args: { labels: ["ant", "bird", "cat"] },
      expected: { confusion_matrix: [[2, 0, 0], [0, 0, 1], [1, 0, 2]] },
      source: "sklearn.metrics.confusion_matrix docstring",
    },
  ],
};
