import { prfStatistics, type PrfArgs } from "../classification-counts";
import { LabelSchema } from "../schemas";
import { sumRows } from "../sum-rows";
import { DEFAULT_PRF_ARGS, PrfArgsSchema } from "../prf-args";
import { assertSameLength, type MetricDefinition } from "../types";

export const f1: MetricDefinition<number | string, number | string, PrfArgs> = {
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
    const s = f1.statistics!(predictions, references, args);
    return s.finalize(sumRows(s));
  },
  statistics(predictions, references, args) {
    assertSameLength(predictions, references);
    return prfStatistics(predictions, references, args, "f1");
  },
  examples: [],
};
