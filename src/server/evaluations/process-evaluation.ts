import type { Db } from "@/server/db/client";
import type { HubConfig } from "@/server/hub/hub-config";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { classificationReport } from "@/server/metrics/classification_report";
import { confusionMatrix } from "@/server/metrics/confusion_matrix";
import { parseTaskParameters, type TaskId } from "@/server/tasks";
import { CODE_VERSION } from "./evaluation-key";
import { finalizeEvaluations } from "./finalize-evaluations";
import { prepareDataset, prepareModel } from "./prepare-evaluation";
import { loadPredictions, savePredictions } from "./prediction-store";
import { PredictionTable } from "./prediction-table";
import { runInference } from "./run-inference";

export interface ProcessEvaluationOptions {
  db: Db;
  hub: HubConfig;
  evaluationKey: string;
  publicUrl: string;
  batchSize: number;
  cacheDir: string;
  threads?: number;
  /** Operator configuration of remote endpoints. */
  inference?: InferenceConfig;
}

/**
 * The worker's job: run inference once for an evaluation key (unless its predictions are already
 * stored), then finalize every evaluation waiting on that key.
 */
export async function processEvaluation(opts: ProcessEvaluationOptions): Promise<{ finalized: number; reused: boolean }> {
  const { db, evaluationKey } = opts;
  const waiting = await db.evaluation.findFirst({
    where: { evaluationKey, status: { in: ["queued", "running"] } },
    include: { submission: true },
    orderBy: { createdAt: "asc" },
  });
  if (!waiting) return { finalized: 0, reused: false };
  if (await loadPredictions(db, evaluationKey)) {
    return { finalized: await finalizeEvaluations({ db, hub: opts.hub, evaluationKey, publicUrl: opts.publicUrl }), reused: true };
  }
  await db.evaluation.updateMany({
    where: { evaluationKey, status: { in: ["queued", "running"] } },
    data: { status: "running", startedAt: new Date(), progress: 0, processed: 0 },
  });
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
      const now = Date.now();
      if (now - lastWrite < 500 && processed < total) return;
      lastWrite = now;
      await db.evaluation.updateMany({
        where: { evaluationKey, status: "running" },
        data: { processed, total, progress: total ? Math.min(processed / total, 0.99) : 0 },
      });
    },
  });
  await savePredictions(db, evaluationKey, output.predictions);
  const report =
    output.predictions instanceof PredictionTable && output.predictions.numLabels > 0 ? classificationSummary(output.predictions, prepared.alignment.datasetLabels) : null;
  const manifest = {
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
  await db.evaluation.updateMany({
    where: { evaluationKey, status: "running" },
    data: { processed: output.rowsRead, total: output.rowsRead },
  });
  const finalized = await finalizeEvaluations({ db, hub: opts.hub, evaluationKey, publicUrl: opts.publicUrl, manifest });
  return { finalized, reused: false };
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
