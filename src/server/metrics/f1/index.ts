import { precisionRecallF1, type PrfArgs } from "../classification-counts";
import { DEFAULT_PRF_ARGS, PrfArgsSchema } from "../prf-args";
import type { MetricDefinition } from "../types";

export const f1: MetricDefinition<PrfArgs> = {
  id: "f1",
  name: "F1",
  description: "Harmonic mean of precision and recall (averaged over labels as chosen).",
  higherIsBetter: true,
  range: [0, 1],
  argsSchema: PrfArgsSchema,
  defaultArgs: DEFAULT_PRF_ARGS,
  compute: (predictions, references, args) => precisionRecallF1(predictions, references, args, "f1"),
};
