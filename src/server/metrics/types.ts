import type { z } from "zod";

/** A metric registry entry. `compute` is pure: same inputs, same numbers, no I/O. */
export interface MetricDefinition<Args = Record<string, unknown>> {
  id: string;
  /** Display name, also used as `name` in model-index. */
  name: string;
  description: string;
  higherIsBetter: boolean;
  range: [number, number];
  /** Arguments accepted by `compute`, validated before a submission is stored. */
  argsSchema: z.ZodType<Args>;
  /** Arguments used when a submission picks the metric without any. */
  defaultArgs: Args;
  compute(predictions: readonly (number | string)[], references: readonly (number | string)[], args: Args): number;
}
