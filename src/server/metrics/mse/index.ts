import { z } from "zod";
import { SampleWeightSchema } from "../prf-args";
import { sumRows } from "../sum-rows";
import type { MetricDefinition } from "../types";
import { MultiOutputSchema, regressionStatistics, regressionValue, RegressionValueSchema, type RegressionArgs, type RegressionValue } from "./regression";

export interface MseArgs extends RegressionArgs {
  /** false gives the root mean squared error (per output, then combined), as evaluate does. */
  squared: boolean;
}

function mseStatistics(predictions: readonly RegressionValue[], references: readonly RegressionValue[], args: MseArgs) {
  return regressionStatistics(predictions, references, args, "mse", (d) => d * d, args.squared ? undefined : Math.sqrt);
}

const README = "evaluate metrics/mse README";
const multiPreds = [[0.5, 1], [-1, 1], [7, -6]];
const multiRefs = [[0, 2], [-1, 2], [8, -5]];

export const mse: MetricDefinition<RegressionValue, RegressionValue, MseArgs> = {
  id: "mse",
  name: "Mean squared error",
  description: "Mean of the squared differences between predicted and reference values (or its root, RMSE, with squared=false).",
  tasks: ["tabular-regression", "text-classification", "time-series-forecasting"],
  higherIsBetter: false,
  range: [0, Infinity],
  primary: "mse",
  predictionSchema: RegressionValueSchema,
  referenceSchema: RegressionValueSchema,
  argsSchema: z
    .object({
      sample_weight: SampleWeightSchema.optional(),
      multioutput: MultiOutputSchema.default("uniform_average"),
      squared: z.boolean().default(true),
    })
    .strict() as unknown as z.ZodType<MseArgs>,
  defaultArgs: { multioutput: "uniform_average", squared: true },
  compute(predictions, references, args) {
    const s = mseStatistics(predictions, references, args);
    return { mse: regressionValue(s, sumRows(s), args.multioutput) };
  },
  statistics: mseStatistics,
  examples: [
    { predictions: [2.5, 0.0, 2, 8], references: [3, -0.5, 2, 7], expected: { mse: 0.375 }, source: README },
    { predictions: [2.5, 0.0, 2, 8], references: [3, -0.5, 2, 7], args: { squared: false }, expected: { mse: 0.6123724356957945 }, source: README },
    { predictions: multiPreds, references: multiRefs, expected: { mse: 0.7083333333333334 }, source: README },
    { predictions: multiPreds, references: multiRefs, args: { multioutput: "raw_values" }, expected: { mse: [0.4166666666666667, 1] }, source: README },
    {
      predictions: multiPreds,
      references: multiRefs,
      args: { multioutput: [0.3, 0.7] },
      expected: { mse: 0.825 },
      source: "sklearn.metrics.mean_squared_error docstring",
    },
  ],
};
