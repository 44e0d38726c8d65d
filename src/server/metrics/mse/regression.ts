/**
 * Shared by mse and mae: scikit-learn's `_check_reg_targets` and per-output weighted means, as
 * sufficient statistics rows [w, w·loss_1, …, w·loss_k] (k outputs).
 */
import { z } from "zod";
import { assertSameLength, MetricInputError, type SufficientStatistics } from "../types";

/** One target: a number, or one number per output (evaluate's "multilist" config). */
export type RegressionValue = number | number[];

export type MultiOutput = "uniform_average" | "raw_values" | number[];

export interface RegressionArgs {
  sample_weight?: number[];
  /** How outputs combine: their mean, a list (one per output), or a weighted mean with these weights. */
  multioutput: MultiOutput;
}

export const RegressionValueSchema = z.union([z.number().finite(), z.array(z.number().finite()).min(1)]);
export const MultiOutputSchema = z.union([z.enum(["uniform_average", "raw_values"]), z.array(z.number().finite()).min(1)]);

const width = (v: RegressionValue) => (Array.isArray(v) ? v.length : 1);
const at = (v: RegressionValue, j: number) => (Array.isArray(v) ? v[j] : v);

/** Checks shapes and weights; returns the number of outputs. */
function checkTargets(predictions: readonly RegressionValue[], references: readonly RegressionValue[], args: RegressionArgs): number {
  assertSameLength(predictions, references);
  if (predictions.length === 0) throw new MetricInputError("no examples to score: predictions and references are empty", { field: "predictions" });
  const k = width(references[0]);
  for (const [field, values] of [["references", references], ["predictions", predictions]] as const) {
    values.forEach((v, i) => {
      if (width(v) !== k) {
        throw new MetricInputError(`${field}[${i}] has ${width(v)} output${width(v) === 1 ? "" : "s"} but references[0] has ${k}; every target needs the same number`, {
          index: i,
          field,
        });
      }
    });
  }
  const w = args.sample_weight;
  if (w) {
    if (w.length !== predictions.length) {
      throw new MetricInputError(`sample_weight has ${w.length} weights but there are ${predictions.length} examples`, { field: "args.sample_weight" });
    }
    if (w.reduce((a, b) => a + b, 0) === 0) throw new MetricInputError("sample_weight sums to zero, so the mean is undefined", { field: "args.sample_weight" });
  }
  const m = args.multioutput;
  if (Array.isArray(m)) {
    if (k === 1) throw new MetricInputError("multioutput weights are only useful with several outputs; the targets have one", { field: "args.multioutput" });
    if (m.length !== k) throw new MetricInputError(`multioutput has ${m.length} weights but the targets have ${k} outputs`, { field: "args.multioutput" });
    if (m.reduce((a, b) => a + b, 0) === 0) throw new MetricInputError("multioutput weights sum to zero", { field: "args.multioutput" });
  }
  return k;
}

/**
 * Statistics for a mean loss per output; `perOutput` post-processes each output's mean (RMSE takes
 * its square root) before outputs are combined. `finalize` gives `{key}` unless raw_values is asked.
 */
export function regressionStatistics(
  predictions: readonly RegressionValue[],
  references: readonly RegressionValue[],
  args: RegressionArgs,
  key: string,
  loss: (diff: number) => number,
  perOutput: (mean: number) => number = (x) => x,
): SufficientStatistics & { outputs(sums: Float64Array): number[]; combine(errors: number[]): number } {
  const k = checkTargets(predictions, references, args);
  const data = new Float64Array(predictions.length * (k + 1));
  for (let i = 0; i < predictions.length; i++) {
    const w = args.sample_weight ? args.sample_weight[i] : 1;
    const row = i * (k + 1);
    data[row] = w;
    for (let j = 0; j < k; j++) data[row + 1 + j] = w * loss(at(predictions[i], j) - at(references[i], j));
  }
  const outputs = (sums: Float64Array) => Array.from({ length: k }, (_, j) => perOutput(sums[1 + j] / sums[0]));
  const combine = (errors: number[]) => {
    const m = args.multioutput;
    if (!Array.isArray(m)) return errors.reduce((a, b) => a + b, 0) / errors.length;
    return errors.reduce((a, e, j) => a + e * m[j], 0) / m.reduce((a, b) => a + b, 0);
  };
  return {
    width: k + 1,
    data,
    outputs,
    combine,
    finalize: (sums) => (args.multioutput === "raw_values" ? {} : { [key]: combine(outputs(sums)) }),
  };
}

/** The full-input value: a number, or one per output for raw_values. */
export function regressionValue(s: ReturnType<typeof regressionStatistics>, sums: Float64Array, multioutput: MultiOutput): number | number[] {
  const errors = s.outputs(sums);
  return multioutput === "raw_values" ? errors : s.combine(errors);
}
