import { precisionRecallF1, type PrfArgs } from "../classification-counts";
import { DEFAULT_PRF_ARGS, PrfArgsSchema } from "../prf-args";
import type { MetricDefinition } from "../types";

export const precision: MetricDefinition<PrfArgs> = {
  id: "precision",
  name: "Precision",
  description: "Of the examples predicted as a label, the fraction that truly have it (averaged over labels as chosen).",
  higherIsBetter: true,
  range: [0, 1],
  argsSchema: PrfArgsSchema,
  defaultArgs: DEFAULT_PRF_ARGS,
  compute: (predictions, references, args) => precisionRecallF1(predictions, references, args, "precision"),
};
