import type { EvaluationStatus } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { acquireLease, type Lease } from "@/server/jobs/inference-lease";
import type { HubConfig } from "@/server/hub/hub-config";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { classificationReport } from "@/server/metrics/classification_report";
import { confusionMatrix } from "@/server/metrics/confusion_matrix";
import { parseTaskParameters, type TaskId } from "@/server/tasks";
import { CODE_VERSION } from "./evaluation-key";
import { finalizeEvaluations } from "./finalize-evaluations";
import { prepareDataset, prepareModel } from "./prepare-evaluation";
import { hasPredictions, savePredictions } from "./prediction-store";
import { PredictionTable } from "./prediction-table";
import { runInference } from "./run-inference";

export interface ProcessEvaluationOptions {
  db: Db;
  hub: HubConfig;
  evaluationId: string;
  publicUrl: string;
  batchSize: number;
  cacheDir: string;
  threads?: number;
  /** Operator configuration of remote endpoints. */
  inference?: InferenceConfig;
  /** How long an unrenewed inference lease lasts (a killed worker's key is taken over after it). */
  leaseMs?: number;
}

export type ProcessOutcome =
  | { outcome: "finalized"; finalized: number; reused: boolean }
  /** The evaluation had already ended (succeeded elsewhere, failed, cancelled) or is gone. */
  | { outcome: "skipped"; status: string }
  /** Another worker holds the key's inference lease: look again later. */
  | { outcome: "waiting" }
  /** Every evaluation waiting on the key was cancelled while inference ran. */
  | { outcome: "cancelled" };

/** Thrown from the progress callback to stop inference early. */
class StopInference extends Error {
  constructor(readonly why: "cancelled" | "lease-lost") {
    super(why);
  }
}

/**
 * The worker's job for one evaluation: if its key's predictions are stored, score them; otherwise
 * take the key's inference lease (so one worker runs inference per key, and a killed worker's key
 * is taken over once its lease expires), run inference once, and finalize every evaluation
 * waiting on the key.
 */
export async function processEvaluation(opts: ProcessEvaluationOptions): Promise<ProcessOutcome> {
  const { db } = opts;
  const evaluation = await db.evaluation.findUnique({ where: { id: opts.evaluationId }, select: { status: true, evaluationKey: true } });
  if (!evaluation) return { outcome: "skipped", status: "deleted" };
  if (evaluation.status !== "queued" && evaluation.status !== "running") return { outcome: "skipped", status: evaluation.status };
  const { evaluationKey } = evaluation;
  const finalize = async (manifest?: Record<string, unknown>) =>
    finalizeEvaluations({ db, hub: opts.hub, evaluationKey, publicUrl: opts.publicUrl, manifest });
  if (await hasPredictions(db, evaluationKey)) return { outcome: "finalized", finalized: await finalize(), reused: true };

  const lease = await acquireLease(db, evaluationKey, opts.leaseMs ?? 30_000);
  if (!lease) return { outcome: "waiting" };
  try {
    // The previous holder may have saved the predictions just before we took the key.
    if (await hasPredictions(db, evaluationKey)) return { outcome: "finalized", finalized: await finalize(), reused: true };
    const manifest = await runForKey(opts, evaluationKey, lease);
    return { outcome: "finalized", finalized: await finalize(manifest), reused: false };
  } catch (err) {
    if (err instanceof StopInference) return err.why === "cancelled" ? { outcome: "cancelled" } : { outcome: "waiting" };
    throw err;
  } finally {
    await lease.release();
  }
}

/** Runs inference for a key and stores its predictions; returns the run's manifest. */
async function runForKey(opts: ProcessEvaluationOptions, evaluationKey: string, lease: Lease): Promise<Record<string, unknown>> {
  const { db } = opts;
  const pending = { evaluationKey, status: { in: ["queued", "running"] as EvaluationStatus[] } };
  await db.evaluation.updateMany({ where: pending, data: { status: "running", startedAt: new Date(), progress: 0, processed: 0 } });
  const waiting = await db.evaluation.findFirst({ where: pending, include: { submission: true }, orderBy: { createdAt: "asc" } });
  if (!waiting) throw new StopInference("cancelled");
  const sub = waiting.submission;
  const task = sub.task as TaskId;
  const columnMapping = sub.columnMapping as Record<string, string>;
  const dataset = await prepareDataset({
    hub: opts.hub,
    dataset: sub.dataset,
    revision: waiting.datasetSha,
    config: sub.config,
    split: sub.split,
    task,
    columnMapping,
  });
  const limit = (waiting.manifest as { limit?: number | null } | null)?.limit ?? null;
  const labelMapping = (sub.labelMapping as Record<string, string> | null) ?? null;
  const parameters = parseTaskParameters(task, sub.taskParameters ?? {});
  const prepared = await prepareModel({ hub: opts.hub, dataset, task, columnMapping, parameters, model: waiting.model, revision: waiting.modelSha, limit, labelMapping, inference: opts.inference });
  let lastWrite = 0;
  const output = await runInference({
    hub: opts.hub,
    prepared,
    batchSize: opts.batchSize,
    cacheDir: opts.cacheDir,
    threads: opts.threads,
    inference: opts.inference,
    onProgress: async (processed, total) => {
      if (!lease.held()) throw new StopInference("lease-lost");
      const now = Date.now();
      if (now - lastWrite < 500 && processed < total) return;
      lastWrite = now;
      const { count } = await db.evaluation.updateMany({
        where: { evaluationKey, status: "running" },
        data: { processed, total, progress: total ? Math.min(processed / total, 0.99) : 0 },
      });
      // Nobody waits on this key any more (every evaluation on it was cancelled): stop.
      if (count === 0) throw new StopInference("cancelled");
    },
  });
  await savePredictions(db, evaluationKey, output.predictions);
  const report =
    output.predictions instanceof PredictionTable && output.predictions.numLabels > 0 ? classificationSummary(output.predictions, prepared.alignment.datasetLabels) : null;
  await db.evaluation.updateMany({
    where: { evaluationKey, status: "running" },
    data: { processed: output.rowsRead, total: output.rowsRead },
  });
  return {
    evaluationKey,
    codeVersion: CODE_VERSION,
    model: prepared.model,
    modelSha: prepared.modelSha,
    dataset: dataset.repo.name,
    datasetSha: dataset.repo.sha,
    config: prepared.config,
    split: prepared.split,
    task,
    columnMapping,
    parameters,
    limit,
    runner: output.runner,
    labelAlignment: prepared.alignment.datasetLabels.length
      ? { how: prepared.alignment.how, datasetLabels: prepared.alignment.datasetLabels, modelLabels: prepared.alignment.modelLabels }
      : null,
    rows: { read: output.rowsRead, scored: output.predictions.length, invalid: output.invalid },
    sampling: output.sampling,
    timings: output.timings,
    report,
  };
}

/** Confusion matrix and per-class report over the dataset's label names, for the evaluation page. */
function classificationSummary(predictions: PredictionTable, labelNames: string[]) {
  if (predictions.length === 0) return null;
  const preds = predictions.predictions();
  const refs = predictions.references();
  const labels = labelNames.map((_, i) => i);
  const matrix = confusionMatrix.compute(preds, refs, { ...confusionMatrix.defaultArgs, labels }).confusion_matrix;
  const perClass = classificationReport.compute(preds, refs, { ...classificationReport.defaultArgs, labels, target_names: labelNames });
  return { labels: labelNames, confusionMatrix: matrix, perClass };
}

/** Records a failure a user can act on for every evaluation waiting on the key. */
export async function failEvaluations(db: Db, evaluationKey: string, reason: string): Promise<void> {
  await db.evaluation.updateMany({
    where: { evaluationKey, status: { in: ["queued", "running"] } },
    data: { status: "failed", failureReason: reason.slice(0, 2000), finishedAt: new Date() },
  });
}
