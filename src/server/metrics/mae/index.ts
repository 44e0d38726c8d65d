import { z } from "zod";
import { MultiOutputSchema, regressionStatistics, regressionValue, RegressionValueSchema, type RegressionArgs, type RegressionValue } from "../mse/regression";
import { SampleWeightSchema } from "../prf-args";
import { sumRows } from "../sum-rows";
import type { MetricDefinition } from "../types";

export type MaeArgs = RegressionArgs;

function maeStatistics(predictions: readonly RegressionValue[], references: readonly RegressionValue[], args: MaeArgs) {
  return regressionStatistics(predictions, references, args, "mae", Math.abs);
}

const README = "evaluate metrics/mae README";
const multiPreds = [[0.5, 1], [-1, 1], [7, -6]];
const multiRefs = [[0, 2], [-1, 2], [8, -5]];

export const mae: MetricDefinition<RegressionValue, RegressionValue, MaeArgs> = {
  id: "mae",
  name: "Mean absolute error",
  description: "Mean of the absolute differences between predicted and reference values.",
  tasks: ["tabular-regression", "text-classification", "time-series-forecasting"],
  higherIsBetter: false,
  range: [0, Infinity],
  primary: "mae",
  predictionSchema: RegressionValueSchema,
  referenceSchema: RegressionValueSchema,
  argsSchema: z
    .object({
      sample_weight: SampleWeightSchema.optional(),
      multioutput: MultiOutputSchema.default("uniform_average"),
    })
    .strict() as unknown as z.ZodType<MaeArgs>,
  defaultArgs: { multioutput: "uniform_average" },
  compute(predictions, references, args) {
    const s = maeStatistics(predictions, references, args);
    return { mae: regressionValue(s, sumRows(s), args.multioutput) };
  },
  statistics: maeStatistics,
  examples: [
    { predictions: [2.5, 0.0, 2, 8], references: [3, -0.5, 2, 7], expected: { mae: 0.5 }, source: README },
    { predictions: multiPreds, references: multiRefs, expected: { mae: 0.75 }, source: README },
    { predictions: multiPreds, references: multiRefs, args: { multioutput: "raw_values" }, expected: { mae: [0.5, 1] }, source: README },
    {
      predictions: multiPreds,
      references: multiRefs,
      args: { multioutput: [0.3, 0.7] },
      expected: { mae: 0.85 },
      source: "sklearn.metrics.mean_absolute_error docstring",
    },
  ],
};
