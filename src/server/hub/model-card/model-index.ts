import { z } from "zod";
import { ModelIndexError } from "./errors";

/** `model-index[].results[].task`. `type` is a Hub task id such as `text-classification`. */
export interface ModelIndexTask {
  type: string;
  name?: string;
}

/** `model-index[].results[].dataset`. `type` is the Hub dataset id, `name` a pretty name. */
export interface ModelIndexDataset {
  name: string;
  type: string;
  config?: string;
  split?: string;
  revision?: string;
  args?: Record<string, unknown>;
}

/** One metric value. `verified: true` plus `verifyToken` marks a result computed by an evaluator service. */
export interface ModelIndexMetric {
  type: string;
  value: number;
  name?: string;
  config?: string;
  args?: Record<string, unknown>;
  verified?: boolean;
  verifyToken?: string;
}

/** Attribution of a results entry. */
export interface ModelIndexSource {
  url: string;
  name?: string;
}

/** One `results[]` entry: the metrics of one task on one dataset (config, split, revision). */
export interface EvalResult {
  task: ModelIndexTask;
  dataset: ModelIndexDataset;
  metrics: ModelIndexMetric[];
  source?: ModelIndexSource;
}

/** One `model-index[]` entry. */
export interface ModelIndexEntry {
  name: string;
  results: EvalResult[];
}

export type ModelIndex = ModelIndexEntry[];

// Third-party cards: the keys huggingface_hub reads with `[...]` are required, everything else may
// be any scalar or missing, and unknown keys are kept.
const optionalScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]).optional();
const optionalRecord = z.record(z.string(), z.unknown()).nullish();

const metricSchema = z.looseObject({
  type: z.string(),
  value: z.unknown().refine((v) => v !== undefined, "required"),
  name: optionalScalar,
  config: optionalScalar,
  args: optionalRecord,
  verified: z.boolean().nullish(),
  verifyToken: z.string().nullish(),
});

const resultSchema = z.looseObject({
  task: z.looseObject({ type: z.string(), name: optionalScalar }),
  dataset: z.looseObject({
    type: z.string(),
    name: z.union([z.string(), z.number()]),
    config: optionalScalar,
    split: optionalScalar,
    revision: optionalScalar,
    args: optionalRecord,
  }),
  metrics: z.array(metricSchema),
  source: z.looseObject({ url: z.string(), name: optionalScalar }).nullish(),
});

/** Lenient schema for a `model-index` read from someone else's card. */
export const modelIndexSchema = z.array(
  z.looseObject({ name: z.union([z.string(), z.number()]), results: z.array(resultSchema) }),
);

/** What `modelIndexSchema` accepts: like `ModelIndex`, but optional fields may hold any scalar. */
export type LenientModelIndex = z.infer<typeof modelIndexSchema>;

/**
 * Validates a `model-index` value read from a card.
 *
 * @throws ModelIndexError naming the first wrong path, e.g. `model-index[0].results[2].dataset.name`.
 */
export function parseModelIndex(value: unknown): LenientModelIndex {
  const parsed = modelIndexSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = formatPath(["model-index", ...(issue?.path ?? [])]);
  throw new ModelIndexError(path, issue?.message ?? "invalid model-index");
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join("");
}

/** Options of `buildEvalResult`: one task on one dataset split, with any number of metrics. */
export interface BuildEvalResultOptions {
  /** Hub task id (`text-classification`) and optional pretty name. */
  task: { type: string; name?: string };
  /** `type` is the Hub dataset id, `name` a pretty name; config/split/revision as used for the run. */
  dataset: { type: string; name: string; config?: string; split?: string; revision?: string };
  /** Metric values; set `verified: true` and `verifyToken` only for results this service computed. */
  metrics: {
    type: string;
    value: number;
    name?: string;
    config?: string;
    args?: Record<string, unknown>;
    verified?: boolean;
    verifyToken?: string;
  }[];
  /** Where the result comes from (shown on the model page). */
  source?: { name: string; url: string };
}

/**
 * Builds one `results[]` entry, keys in the order huggingface_hub's `eval_results_to_model_index`
 * writes them, with absent fields left out.
 */
export function buildEvalResult(opts: BuildEvalResultOptions): EvalResult {
  const { task, dataset, source } = opts;
  const result: EvalResult = {
    task: compact({ type: task.type, name: task.name }),
    dataset: compact({
      name: dataset.name,
      type: dataset.type,
      config: dataset.config,
      split: dataset.split,
      revision: dataset.revision,
    }),
    metrics: opts.metrics.map((m) => {
      if (!Number.isFinite(m.value)) {
        throw new ModelIndexError(`metrics[${m.type}].value`, `must be a finite number, got ${m.value}`);
      }
      return compact({
        type: m.type,
        value: m.value,
        name: m.name,
        config: m.config,
        args: m.args,
        verified: m.verified,
        verifyToken: m.verifyToken,
      });
    }),
  };
  if (source) result.source = compact({ url: source.url, name: source.name });
  return result;
}

/** Drops `undefined` fields so they are not written as `null`. */
function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
