import { prfStatistics, type PrfArgs } from "../classification-counts";
import { LabelSchema } from "../schemas";
import { sumRows } from "../sum-rows";
import { DEFAULT_PRF_ARGS, PrfArgsSchema } from "../prf-args";
import { assertSameLength, type MetricDefinition } from "../types";

export const recall: MetricDefinition<number | string, number | string, PrfArgs> = {
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
    const s = recall.statistics!(predictions, references, args);
    return s.finalize(sumRows(s));
  },
  statistics(predictions, references, args) {
    assertSameLength(predictions, references);
    return prfStatistics(predictions, references, args, "recall");
  },
  examples: [],
};
