import { AddMetricsSchema } from "@/schemas/add-metrics";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import { TASKS, type TaskId } from "@/server/tasks";
import { deploymentSigningKey, type SigningKey } from "@/server/verify";
import { scoreEvaluation } from "./finalize-evaluations";
import { getEvaluation, type EvaluationDetail } from "./get-evaluation";
import { loadPredictions } from "./prediction-store";

export interface AddMetricsOptions {
  db: Db;
  hub: HubConfig;
  publicUrl: string;
  id: string;
  /** The raw request body; validated here. */
  input: unknown;
  signingKey?: SigningKey;
}

/**
 * Adds metrics to a finished evaluation by re-scoring its stored predictions: no inference runs
 * again. The new results are signed and stored, and the model-card PR (if the submission asked
 * for one) is updated to carry them.
 */
export async function addMetrics(opts: AddMetricsOptions): Promise<EvaluationDetail> {
  const input = AddMetricsSchema.parse(opts.input);
  const current = await getEvaluation(opts);
  if (current.status !== "succeeded") {
    throw new AppError("CONFLICT", `Metrics can be added once the evaluation has succeeded; the evaluation of ${current.model} is ${current.status}.`);
  }
  const task = TASKS[current.task as TaskId];
  const fields: Record<string, string> = {};
  input.metrics.forEach((m, i) => {
    if (!(task.metrics as string[]).includes(m)) fields[`metrics.${i}`] = `${m} does not apply to ${task.id} (applicable: ${task.metrics.join(", ")})`;
  });
  if (Object.keys(fields).length) throw new AppError("UNPROCESSABLE", Object.values(fields).join("; "), { fields });

  const evaluation = await opts.db.evaluation.findUniqueOrThrow({ where: { id: current.id }, include: { submission: true, results: true } });
  const predictions = await loadPredictions(opts.db, evaluation.evaluationKey);
  if (!predictions) {
    throw new AppError("CONFLICT", `The stored predictions of this evaluation are gone, so it cannot be re-scored; run the evaluation again.`);
  }
  const metrics = [...new Set([...evaluation.results.map((r) => r.metric), ...input.metrics])];
  await scoreEvaluation({
    db: opts.db,
    hub: opts.hub,
    publicUrl: opts.publicUrl,
    key: opts.signingKey ?? deploymentSigningKey(),
    predictions,
    evaluation,
    metrics,
    finishing: false,
  });
  return getEvaluation(opts);
}
