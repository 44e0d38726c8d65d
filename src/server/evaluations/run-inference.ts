import type { HubConfig } from "@/server/hub/hub-config";
import { readSplitRows } from "@/server/datasets/read-split-rows";
import { AppError } from "@/server/errors";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { createRemoteTextClassifier, type RemoteEndpointsConfig } from "@/server/inference/remote";
import { loadTextClassifier } from "@/server/inference/text-classifier";
import { PredictionTable } from "./prediction-table";
import { SAMPLING_RULE, SAMPLING_SEED, sampleRowIndices } from "./sample-rows";
import type { PreparedEvaluation } from "./prepare-evaluation";


export interface InvalidRow {
  row: number;
  column: string;
  reason: string;
}

export interface InferenceOutput {
  predictions: PredictionTable;
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

/** Streams the split through the model in batches and collects per-example predictions. */
export async function runInference(opts: RunInferenceOptions): Promise<InferenceOutput> {
  const { prepared } = opts;
  const ds = prepared.dataset;
  const started = performance.now();
  const remote = opts.inference?.remote;
  const endpoints = remote?.endpoints ?? {};
  const classifier =
    prepared.runner.name === "remote"
      ? remoteClassifier(prepared, remote, endpoints, opts.hub.accessToken)
      : await loadTextClassifier({
          hub: opts.hub,
          model: prepared.model,
          revision: prepared.modelSha,
          cacheDir: opts.cacheDir,
          threads: opts.threads,
        });
  const loadMs = performance.now() - started;
  const total = Math.min(ds.numRows, prepared.limit ?? Infinity);
  // Above the row cap, a seeded uniform sample of rows is evaluated (the manifest states the rule).
  const sample = prepared.limit !== null && prepared.limit < ds.numRows ? sampleRowIndices(ds.numRows, prepared.limit) : null;
  let nextSampled = 0;
  let processed = 0;
  // Sized once for the split, so the columns never double-and-copy while growing.
  const predictions = new PredictionTable(prepared.alignment.datasetLabels.length, Math.max(1, Math.min(ds.numRows, prepared.limit ?? Infinity)));
  const invalid: InvalidRow[] = [];
  let invalidCount = 0;
  let rowIndex = 0;
  let inferenceMs = 0;
  const toReference = referenceMapper(prepared);
  try {
    const pending: { row: number; text: string; reference: number }[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const t0 = performance.now();
      const logits = await classifier.classify(pending.map((p) => p.text));
      inferenceMs += performance.now() - t0;
      const toDataset = prepared.alignment.modelToDataset;
      const scores = new Float64Array(prepared.alignment.datasetLabels.length);
      pending.forEach((p, i) => {
        const probs = softmax(logits[i]);
        const argmax = probs.indexOf(Math.max(...probs));
        scores.fill(0);
        probs.forEach((v, k) => (scores[toDataset[k]] = v));
        predictions.push(p.row, toDataset[argmax], p.reference, scores);
      });
      pending.length = 0;
      await opts.onProgress?.(processed, total);
    };
    for await (const rows of readSplitRows({
      hub: opts.hub,
      dataset: ds.repo.name,
      revision: ds.repo.sha,
      layout: ds.layout,
      columns: [...new Set([ds.textColumn, ds.labelColumn])],
    })) {
      for (const row of rows) {
        const r = rowIndex++;
        if (sample) {
          if (nextSampled >= sample.length || sample[nextSampled] !== r) continue;
          nextSampled++;
        }
        processed++;
        const text = row[ds.textColumn];
        const reference = toReference(row[ds.labelColumn]);
        const problem =
          typeof text !== "string"
            ? { column: ds.textColumn, reason: text == null ? "missing text" : `text is ${typeof text}, not a string` }
            : typeof reference === "string"
              ? { column: ds.labelColumn, reason: reference }
              : null;
        if (problem) {
          invalidCount++;
          if (invalid.length < 20) invalid.push({ row: r, ...problem });
          continue;
        }
        pending.push({ row: r, text: text as string, reference: reference as number });
        if (pending.length >= opts.batchSize) await flush();
      }
    }
    await flush();
  } finally {
    await classifier.dispose();
  }
  const totalMs = performance.now() - started;
  return {
    predictions,
    invalid: { count: invalidCount, examples: invalid },
    rowsRead: processed,
    sampling: sample
      ? { rule: SAMPLING_RULE, seed: SAMPLING_SEED, population: ds.numRows, size: sample.length }
      : null,
    timings: {
      loadMs: Math.round(loadMs),
      inferenceMs: Math.round(inferenceMs),
      totalMs: Math.round(totalMs),
      examplesPerSecond: inferenceMs > 0 ? Math.round((predictions.length / inferenceMs) * 1000 * 10) / 10 : 0,
    },
    runner: { ...classifier.runner, batchSize: opts.batchSize, threads: opts.threads ?? null },
  };
}

/** The remote text classifier for a model the operator configured an endpoint for. */
function remoteClassifier(prepared: PreparedEvaluation, remote: InferenceConfig["remote"] | undefined, endpoints: RemoteEndpointsConfig, accessToken?: string) {
  if (!remote || !endpoints[prepared.model]) {
    throw new AppError("UNPROCESSABLE", `Model ${prepared.model} was planned for remote inference, but this worker has no endpoint configured for it (REMOTE_ENDPOINTS).`);
  }
  return createRemoteTextClassifier({
    model: prepared.model,
    endpoints,
    accessToken,
    concurrency: remote.concurrency,
    timeoutMs: remote.timeoutMs,
    maxRetries: remote.maxRetries,
    labels: prepared.alignment.modelLabels,
  });
}

/** Turns a label cell into a dataset label id, or a string saying why it cannot. */
function referenceMapper(prepared: PreparedEvaluation): (cell: unknown) => number | string {
  const names = prepared.alignment.datasetLabels;
  const feature = prepared.dataset.labelFeature;
  if (feature.kind === "class_label" || (feature.kind === "value" && /int/.test(feature.dtype))) {
    return (cell) => {
      const v = typeof cell === "bigint" ? Number(cell) : cell;
      if (v == null) return "missing label";
      if (typeof v !== "number" || !Number.isInteger(v)) return `label ${JSON.stringify(v)} is not an integer class id`;
      if (v === -1) return "label is -1 (no label, as in unlabeled test splits)";
      if (v < 0 || v >= names.length) return `label ${v} is outside 0..${names.length - 1}`;
      return v;
    };
  }
  const lower = names.map((n) => n.toLowerCase());
  return (cell) => {
    if (cell == null) return "missing label";
    const i = lower.indexOf(String(cell).toLowerCase());
    return i >= 0 ? i : `label "${String(cell)}" is not one of the model's labels (${names.join(", ")})`;
  };
}

function softmax(xs: number[]): number[] {
  const max = Math.max(...xs);
  const exps = xs.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
