import { z } from "zod";
import { checkClassificationInput, prfTable, uniqueLabels, type Label } from "../classification-counts";
import { LabelListSchema, SampleWeightSchema } from "../prf-args";
import { LabelSchema } from "../schemas";
import { MetricInputError, type MetricDefinition, type MetricOutput, type SufficientStatistics } from "../types";

export interface ClassificationReportArgs {
  /** Labels to report, in order; default: sorted union of the data. */
  labels?: Label[];
  /** Display names for `labels` (same length), used as the report's keys. */
  target_names?: string[];
  sample_weight?: number[];
  zero_division: 0 | 1 | "warn";
}

type Row = { precision: number; recall: number; "f1-score": number; support: number };

/**
 * The "accuracy" line: scikit-learn writes the micro average as accuracy when the reported labels
 * cover every label of the data (>= 1.6 compares with ⊇; 1.2 to 1.5 required equality).
 */
function microIsAccuracy(predictions: readonly Label[], references: readonly Label[], labels: readonly Label[] | undefined): boolean {
  if (!labels) return true;
  const given = new Set(labels);
  return uniqueLabels(predictions, references).every((l) => given.has(l));
}

function check(predictions: readonly Label[], references: readonly Label[], args: ClassificationReportArgs): Label[] {
  checkClassificationInput(predictions, references, args);
  const labels = args.labels ?? uniqueLabels(predictions, references);
  if (args.target_names && args.target_names.length !== labels.length) {
    throw new MetricInputError(
      `target_names has ${args.target_names.length} names but there are ${labels.length} labels (${labels.join(", ")}); give one name per label, or set labels`,
      { field: "args.target_names" },
    );
  }
  return labels;
}

function accuracyStatistics(predictions: readonly Label[], references: readonly Label[], args: ClassificationReportArgs): SufficientStatistics {
  check(predictions, references, args);
  const hasAccuracy = microIsAccuracy(predictions, references, args.labels);
  const data = new Float64Array(predictions.length * 2);
  for (let i = 0; i < predictions.length; i++) {
    const w = args.sample_weight ? args.sample_weight[i] : 1;
    data[2 * i] = predictions[i] === references[i] ? w : 0;
    data[2 * i + 1] = w;
  }
  const zero = args.zero_division === 1 ? 1 : 0;
  return {
    width: 2,
    data,
    // Micro precision over every label = weighted correct / weighted total.
    finalize: (sums): Record<string, number> => (hasAccuracy ? { accuracy: sums[1] === 0 ? zero : sums[0] / sums[1] } : {}),
  };
}

export const classificationReport: MetricDefinition<Label, Label, ClassificationReportArgs> = {
  id: "classification_report",
  name: "Classification report",
  description: "Per-label precision, recall, F1 and support, plus accuracy and macro / weighted averages (scikit-learn's classification_report).",
  tasks: ["text-classification", "image-classification", "zero-shot-classification"],
  higherIsBetter: true,
  range: [0, 1],
  primary: "accuracy",
  predictionSchema: LabelSchema,
  referenceSchema: LabelSchema,
  argsSchema: z
    .object({
      labels: LabelListSchema.optional(),
      target_names: z.array(z.string()).optional(),
      sample_weight: SampleWeightSchema.optional(),
      zero_division: z.union([z.literal(0), z.literal(1), z.literal("warn")]).default(0),
    })
    .strict() as unknown as z.ZodType<ClassificationReportArgs>,
  defaultArgs: { zero_division: 0 },
  compute(predictions, references, args) {
    const labels = check(predictions, references, args);
    const names = args.target_names ?? labels.map(String);
    const table = prfTable(predictions, references, labels, { sample_weight: args.sample_weight, zero_division: args.zero_division });
    const per = table.perLabel();
    const report: MetricOutput = {};
    names.forEach((name, k) => {
      const row: Row = { precision: per.precision[k], recall: per.recall[k], "f1-score": per.f1[k], support: table.support[k] };
      report[name] = row;
    });
    const support = table.support.reduce((a, b) => a + b, 0);
    const hasAccuracy = microIsAccuracy(predictions, references, args.labels);
    for (const average of ["micro", "macro", "weighted"] as const) {
      const avg = table.averaged(average);
      if (average === "micro" && hasAccuracy) {
        report.accuracy = avg.precision;
        continue;
      }
      const row: Row = { precision: avg.precision, recall: avg.recall, "f1-score": avg.f1, support };
      report[`${average} avg`] = row;
    }
    return report;
  },
  statistics: accuracyStatistics,
  examples: [
    {
      predictions: [0, 0, 2, 2, 1],
      references: [0, 1, 2, 2, 2],
      args: { target_names: ["class 0", "class 1", "class 2"] },
      expected: {
        "class 0": { precision: 0.5, recall: 1, "f1-score": 0.6666666666666666, support: 1 },
        "class 1": { precision: 0, recall: 0, "f1-score": 0, support: 1 },
        "class 2": { precision: 1, recall: 0.6666666666666666, "f1-score": 0.8, support: 3 },
        accuracy: 0.6,
        "macro avg": { precision: 0.5, recall: 0.5555555555555555, "f1-score": 0.48888888888888893, support: 5 },
        "weighted avg": { precision: 0.7, recall: 0.6, "f1-score": 0.6133333333333334, support: 5 },
      },
      source: "sklearn.metrics.classification_report docstring (output_dict=True values from scikit-learn 1.2.1)",
    },
    {
      predictions: [1, 0, 0],
      references: [1, 1, 0],
      args: { labels: [1, 2, 3] },
      expected: {
        "1": { precision: 1, recall: 0.5, "f1-score": 0.6666666666666666, support: 2 },
        "2": { precision: 0, recall: 0, "f1-score": 0, support: 0 },
        "3": { precision: 0, recall: 0, "f1-score": 0, support: 0 },
        "micro avg": { precision: 1, recall: 0.5, "f1-score": 0.6666666666666666, support: 2 },
        "macro avg": { precision: 0.3333333333333333, recall: 0.16666666666666666, "f1-score": 0.2222222222222222, support: 2 },
        "weighted avg": { precision: 1, recall: 0.5, "f1-score": 0.6666666666666666, support: 2 },
      },
      source: "sklearn.metrics.classification_report docstring (labels=[1, 2, 3])",
    },
  ],
};
