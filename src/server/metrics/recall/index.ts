import { precisionRecallF1, type PrfArgs } from "../classification-counts";
import { DEFAULT_PRF_ARGS, PrfArgsSchema } from "../prf-args";
import type { MetricDefinition } from "../types";

export const recall: MetricDefinition<PrfArgs> = {
  id: "recall",
  name: "Recall",
  description: "Of the examples that truly have a label, the fraction predicted as it (averaged over labels as chosen).",
  higherIsBetter: true,
  range: [0, 1],
  argsSchema: PrfArgsSchema,
  defaultArgs: DEFAULT_PRF_ARGS,
  compute: (predictions, references, args) => precisionRecallF1(predictions, references, args, "recall"),
};
