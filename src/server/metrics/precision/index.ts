import { prfStatistics, type PrfArgs } from "../classification-counts";
import { LabelSchema } from "../schemas";
import { sumRows } from "../sum-rows";
import { DEFAULT_PRF_ARGS, PrfArgsSchema } from "../prf-args";
import { assertSameLength, type MetricDefinition } from "../types";

export const precision: MetricDefinition<number | string, number | string, PrfArgs> = {
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
    const s = precision.statistics!(predictions, references, args);
    return s.finalize(sumRows(s));
  },
  statistics(predictions, references, args) {
    assertSameLength(predictions, references);
    return prfStatistics(predictions, references, args, "precision");
  },
  examples: [],
};
