import type { z } from "zod";

/** What a metric returns: the `evaluate` library's keys, numbers or nested objects/arrays. */
export type MetricValue = number | string | number[] | number[][] | { [key: string]: MetricValue };
export type MetricOutput = Record<string, MetricValue>;

/**
 * Per-example sufficient statistics of a decomposable metric: `data` holds one row of `width`
 * numbers per example (row-major). Summing any multiset of rows and calling `finalize` gives the
 * metric on that multiset of examples, which is what makes bootstrap resampling cheap and exact.
 */
export interface SufficientStatistics {
  width: number;
  data: Float64Array;
  /** Scalar outputs (same keys as `compute`'s numeric ones) from summed rows. */
  finalize(sums: Float64Array): Record<string, number>;
}

/** An example from the metric card, run by the registry's contract test. */
export interface MetricExample<P, R, A> {
  predictions: P[];
  references: R[];
  args?: Partial<A>;
  /** Expected values (a subset of the output keys); numbers compared to 1e-6. */
  expected: Record<string, unknown>;
  source?: string;
}

/** A metric registry entry. Everything is pure: same inputs, same numbers, no I/O. */
export interface MetricDefinition<P = unknown, R = unknown, A = Record<string, unknown>> {
  /** The `evaluate` library's metric name. */
  id: string;
  /** Display name, also used as `name` in model-index. */
  name: string;
  description: string;
  /** Task registry ids (and Hub task names) the metric applies to. */
  tasks: string[];
  higherIsBetter: boolean;
  /** Range of the primary value. */
  range: [number, number];
  /** The output key that is "the" value: leaderboards, model-index, CLI summaries. */
  primary: string;
  /** One prediction, as a JSON value (a line of a JSON Lines file). */
  predictionSchema: z.ZodType<P>;
  /** One reference, as a JSON value. */
  referenceSchema: z.ZodType<R>;
  /** Arguments, with the `evaluate` library's names; unknown keys are rejected. */
  argsSchema: z.ZodType<A>;
  defaultArgs: A;
  /** Throws `MetricInputError` for inputs it cannot score (names the example and the field). */
  compute(predictions: readonly P[], references: readonly R[], args: A): MetricOutput;
  /** Present when the metric is decomposable; the bootstrap then never recomputes on copied arrays. */
  statistics?(predictions: readonly P[], references: readonly R[], args: A): SufficientStatistics;
  examples: MetricExample<P, R, A>[];
}

/** Bad metric input: which example (0-based index) and which field. Maps to 422 / CLI exit 2. */
export class MetricInputError extends Error {
  readonly index?: number;
  readonly field?: string;
  constructor(message: string, opts: { index?: number; field?: string } = {}) {
    super(message);
    this.name = "MetricInputError";
    this.index = opts.index;
    this.field = opts.field;
  }
}

/** Checks that predictions and references pair up one to one. */
export function assertSameLength(predictions: readonly unknown[], references: readonly unknown[]): void {
  if (predictions.length !== references.length) {
    throw new MetricInputError(
      `predictions has ${predictions.length} examples but references has ${references.length}; they must pair up one to one`,
      { field: "references" },
    );
  }
}
