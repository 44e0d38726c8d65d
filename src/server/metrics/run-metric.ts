import { z } from "zod";
import { bootstrapIntervals, pairedBootstrap, type BootstrapOptions } from "./bootstrap";
import { METRICS, isMetricId } from ".";
import { MetricInputError, type MetricValue } from "./types";

export const CiOptionsSchema = z
  .object({
    resamples: z.number().int().min(1).max(100_000).default(1000),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(0),
    confidence: z.number().gt(0).lt(1).default(0.95),
  })
  .strict();

export interface RunMetricOptions {
  id: string;
  predictions: unknown[];
  references: unknown[];
  args?: unknown;
  /** Bootstrap intervals beside each value. */
  ci?: BootstrapOptions | null;
  /** Predictions of a second system on the same examples: adds a paired bootstrap test. */
  compare?: unknown[] | null;
  /** How to name example i in errors (the CLI says "line N of FILE"). */
  locate?: (which: "predictions" | "references" | "compare", index: number) => string;
}

export type RunMetricResult = Record<string, MetricValue | [number, number] | Record<string, unknown>> | number;

const defaultLocate = (which: string, index: number) => `${which}[${index}]`;

/**
 * Validates raw JSON inputs against a metric's schemas, computes it, and adds bootstrap intervals
 * (`<key>_ci: [low, high]`) and a paired test when asked. Shared by the CLI and the HTTP API.
 */
export function runMetric(opts: RunMetricOptions): RunMetricResult {
  if (!isMetricId(opts.id)) {
    throw new MetricInputError(`unknown metric "${opts.id}"; known: ${Object.keys(METRICS).join(", ")}`, { field: "metric" });
  }
  const metric = METRICS[opts.id];
  const locate = opts.locate ?? defaultLocate;
  const parsedArgs = metric.argsSchema.safeParse(opts.args ?? {});
  if (!parsedArgs.success) {
    const issue = parsedArgs.error.issues[0];
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    throw new MetricInputError(`invalid args for ${metric.id}: ${where}${issue.message}`, { field: `args${issue.path.length ? `.${issue.path.join(".")}` : ""}` });
  }
  const args = parsedArgs.data;
  const check = (which: "predictions" | "references" | "compare", items: unknown[], schema: z.ZodType) =>
    items.map((item, i) => {
      const r = schema.safeParse(item);
      if (r.success) return r.data;
      const issue = r.error.issues[0];
      const path = issue.path.length ? ` (field ${issue.path.join(".")})` : "";
      const got = JSON.stringify(item) ?? String(item);
      throw new MetricInputError(`${locate(which, i)}${path}: ${issue.message} (got ${got.length > 80 ? `${got.slice(0, 80)}…` : got})`, {
        index: i,
        field: which,
      });
    });
  const predictions = check("predictions", opts.predictions, metric.predictionSchema);
  const references = check("references", opts.references, metric.referenceSchema);
  const output = rethrowLocated(() => metric.compute(predictions as never[], references as never[], args as never), locate);
  if (!opts.ci && !opts.compare) return output;
  const result: Record<string, MetricValue | [number, number] | Record<string, unknown>> = {};
  const boot = opts.ci ? rethrowLocated(() => bootstrapIntervals(metric, predictions, references, args, opts.ci ?? {}), locate) : null;
  for (const [k, v] of Object.entries(output)) {
    result[k] = v;
    const iv = boot?.intervals[k];
    if (iv) result[`${k}_ci`] = [iv.low, iv.high];
  }
  if (boot) {
    const nested = Object.entries(boot.intervals).filter(([k]) => !(k in output));
    if (nested.length) result.ci = Object.fromEntries(nested.map(([k, iv]) => [k, [iv.low, iv.high]]));
    result.bootstrap = { method: boot.method, resamples: boot.resamples, seed: boot.seed, confidence: boot.confidence, strategy: boot.strategy };
  }
  if (opts.compare) {
    const other = check("compare", opts.compare, metric.predictionSchema);
    const test = rethrowLocated(() => pairedBootstrap(metric, predictions, other, references, args, opts.ci ?? {}), locate);
    result.paired_bootstrap = { ...test, interval: [test.interval.low, test.interval.high] };
  }
  return result;
}

function rethrowLocated<T>(fn: () => T, locate: NonNullable<RunMetricOptions["locate"]>): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MetricInputError && err.index !== undefined && (err.field === "predictions" || err.field === "references")) {
      throw new MetricInputError(`${locate(err.field, err.index)}: ${err.message}`, { index: err.index, field: err.field });
    }
    throw err;
  }
}
