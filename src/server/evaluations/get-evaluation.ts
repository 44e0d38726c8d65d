import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { toEvaluationView, type EvaluationView } from "./views";

export interface EvaluationDetail extends EvaluationView {
  submissionId: string;
  dataset: string;
  config: string;
  split: string;
  task: string;
  datasetSha: string;
  evaluationKey: string;
  manifest: Record<string, unknown> | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getEvaluation(opts: { db: Db; id: string }): Promise<EvaluationDetail> {
  if (!UUID.test(opts.id)) throw new AppError("NOT_FOUND", `Evaluation ${opts.id} does not exist.`);
  const e = await opts.db.evaluation.findUnique({
    where: { id: opts.id },
    include: { results: true, pullRequest: true, submission: true },
  });
  if (!e) throw new AppError("NOT_FOUND", `Evaluation ${opts.id} does not exist.`);
  return {
    ...toEvaluationView(e),
    submissionId: e.submissionId,
    dataset: e.submission.dataset,
    config: e.submission.config,
    split: e.submission.split,
    task: e.submission.task,
    datasetSha: e.datasetSha,
    evaluationKey: e.evaluationKey,
    manifest: (e.manifest as Record<string, unknown> | null) ?? null,
  };
}
