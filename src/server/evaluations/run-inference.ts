import type { HubConfig } from "@/server/hub/hub-config";
import { readSplitRows } from "@/server/datasets/read-split-rows";
import { AppError } from "@/server/errors";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { EXECUTORS, type InvalidRow } from "./executors";
import { lengthBuckets } from "./length-buckets";
import type { Predictions } from "./prediction-store";
import { SAMPLING_RULE, SAMPLING_SEED, sampleRowIndices } from "./sample-rows";
import type { PreparedEvaluation } from "./prepare-evaluation";

export type { InvalidRow } from "./executors";

export interface InferenceOutput {
  predictions: Predictions;
  invalid: { count: number; examples: InvalidRow[] };
  /** Rows evaluated (after sampling). */
  rowsRead: number;
  /** Set when the split was larger than the row cap and a seeded sample was evaluated. */
  sampling: { rule: string; seed: number; population: number; size: number } | null;
  timings: { loadMs: number; inferenceMs: number; totalMs: number; examplesPerSecond: number };
  runner: Record<string, unknown>;
}

export interface RunInferenceOptions {
  hub: HubConfig;
  prepared: PreparedEvaluation;
  batchSize: number;
  cacheDir: string;
  threads?: number;
  /** Operator configuration of remote endpoints (for models whose runner is "remote"). */
  inference?: InferenceConfig;
  /** Called after each batch with rows done and the total expected. */
  onProgress?: (processed: number, total: number) => Promise<void> | void;
}

/** Batches per size-sorted window (bounded, so memory stays flat on big splits). */
const WINDOW_BATCHES = 8;

/** Invalid rows kept as examples for the manifest (all are counted). */
const INVALID_EXAMPLES = 20;

/** Streams the split through the task's executor in batches and collects per-example predictions. */
export async function runInference(opts: RunInferenceOptions): Promise<InferenceOutput> {
  const { prepared } = opts;
  const ds = prepared.dataset;
  const started = performance.now();
  const executor = await EXECUTORS[prepared.task]({ hub: opts.hub, prepared, cacheDir: opts.cacheDir, threads: opts.threads, inference: opts.inference });
  const loadMs = performance.now() - started;
  const total = Math.min(ds.numRows, prepared.limit ?? Infinity);
  // Above the row cap, a seeded uniform sample of rows is evaluated (the manifest states the rule).
  const sample = prepared.limit !== null && prepared.limit < ds.numRows ? sampleRowIndices(ds.numRows, prepared.limit) : null;
  let nextSampled = 0;
  let processed = 0;
  const invalid: InvalidRow[] = [];
  let invalidCount = 0;
  const noteInvalid = (problem: InvalidRow) => {
    invalidCount++;
    if (invalid.length < INVALID_EXAMPLES) invalid.push(problem);
  };
  let rowIndex = 0;
  let inferenceMs = 0;
  try {
    const pending: { row: number; input: never; reference: never }[] = [];
    const runBatch = async (batch: typeof pending) => {
      const t0 = performance.now();
      const problems = await executor.run(batch).catch((err: unknown) => {
        if (err instanceof AppError) throw err;
        // A runtime error of the model (ONNX Runtime, tokenizer, ...) on data it was given: say which model and rows.
        const message = ((err as Error)?.message ?? String(err)).split("\n")[0].slice(0, 300);
        throw new AppError("UNPROCESSABLE", `Model ${prepared.model} failed on rows ${batch[0].row}-${batch.at(-1)!.row}: ${message}`);
      });
      inferenceMs += performance.now() - t0;
      problems.forEach(noteInvalid);
    };
    // Inputs whose size varies are run from a window of several batches sorted by size, so each
    // batch pads little; the table is put back in row order at the end.
    const lengthOf = executor.lengthOf?.bind(executor);
    const window = lengthOf ? opts.batchSize * WINDOW_BATCHES : opts.batchSize;
    const flush = async () => {
      if (pending.length === 0) return;
      if (lengthOf) {
        const sorted = lengthBuckets(pending.map((p) => lengthOf(p.input)), opts.batchSize);
        for (const indices of sorted) await runBatch(indices.map((i) => pending[i]));
      } else {
        await runBatch(pending.slice());
      }
      pending.length = 0;
      await opts.onProgress?.(processed, total);
    };
    const split = { hub: opts.hub, dataset: ds.repo.name, revision: ds.repo.sha, layout: ds.layout, columns: executor.columns };
    for await (const rows of readSplitRows(split, ds.opened)) {
      for (const row of rows) {
        const r = rowIndex++;
        if (sample) {
          if (nextSampled >= sample.length || sample[nextSampled] !== r) continue;
          nextSampled++;
        }
        processed++;
        const example = executor.read(row);
        if ("reason" in example) {
          noteInvalid({ row: r, column: example.column, reason: example.reason });
          continue;
        }
        pending.push({ row: r, input: example.input as never, reference: example.reference as never });
        if (pending.length >= window) await flush();
      }
    }
    await flush();
  } finally {
    await executor.dispose();
  }
  executor.predictions.sortByRow();
  const totalMs = performance.now() - started;
  const scored = executor.predictions.length;
  return {
    predictions: executor.predictions,
    invalid: { count: invalidCount, examples: invalid },
    rowsRead: processed,
    sampling: sample ? { rule: SAMPLING_RULE, seed: SAMPLING_SEED, population: ds.numRows, size: sample.length } : null,
    timings: {
      loadMs: Math.round(loadMs),
      inferenceMs: Math.round(inferenceMs),
      totalMs: Math.round(totalMs),
      examplesPerSecond: inferenceMs > 0 ? Math.round((scored / inferenceMs) * 1000 * 10) / 10 : 0,
    },
    runner: { ...executor.info(), batchSize: opts.batchSize, threads: opts.threads ?? null },
  };
}
