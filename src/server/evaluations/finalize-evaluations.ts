import type { Evaluation, Submission } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import type { HubConfig } from "@/server/hub/hub-config";
import { openModelCardPr, pullRequestFailure } from "@/server/hub/open-model-card-pr";
import { prepareModelCardUpdate } from "@/server/hub/prepare-model-card-update";
import type { TaskId } from "@/server/tasks";
import { deploymentSigningKey, signResult, type SigningKey } from "@/server/verify";
import { computeResults } from "./compute-results";
import { loadPredictions, type Predictions } from "./prediction-store";

export interface FinalizeOptions {
  db: Db;
  hub: HubConfig;
  evaluationKey: string;
  publicUrl: string;
  /** Facts about the run, merged into each evaluation's manifest. */
  manifest?: Record<string, unknown>;
  /**
   * Key that signs each result's verifyToken. Default: the deployment's key from the environment
   * (SIGNING_KEY / SIGNING_KEY_FILE), so the worker and the web app need not pass it.
   */
  signingKey?: SigningKey;
}

/**
 * Scores the stored predictions of a key for every evaluation still waiting on it (each with its
 * own submission's metrics), signs each result, opens or updates the model-card PR, and marks them
 * succeeded. Every step is an upsert, so running it twice changes nothing but the tokens' `iat`.
 */
export async function finalizeEvaluations(opts: FinalizeOptions): Promise<number> {
  const { db } = opts;
  const predictions = await loadPredictions(db, opts.evaluationKey);
  if (!predictions) return 0;
  const waiting = await db.evaluation.findMany({
    where: { evaluationKey: opts.evaluationKey, status: { in: ["queued", "running"] } },
    include: { submission: true },
  });
  if (waiting.length === 0) return 0;
  const key = opts.signingKey ?? deploymentSigningKey();
  const donor = await db.evaluation.findFirst({
    where: { evaluationKey: opts.evaluationKey, status: "succeeded" },
    include: { pullRequest: true },
    orderBy: { finishedAt: "asc" },
  });
  for (const evaluation of waiting) {
    await scoreEvaluation({ ...opts, key, predictions, evaluation, metrics: evaluation.submission.metrics, donor, finishing: true });
  }
  return waiting.length;
}

type WaitingEvaluation = Evaluation & { submission: Submission };

export interface ScoreEvaluationOptions {
  db: Db;
  hub: HubConfig;
  publicUrl: string;
  key: SigningKey;
  predictions: Predictions;
  evaluation: WaitingEvaluation;
  /** The metrics to compute (the submission's, or more when re-scoring). */
  metrics: string[];
  /** A succeeded evaluation of the same key whose manifest is reused. */
  donor?: Evaluation | null;
  manifest?: Record<string, unknown>;
  /** True when the evaluation ends here (its status, progress and finish time are set). */
  finishing: boolean;
}

/** Scores one evaluation from stored predictions, signs and stores its results, and opens or updates its PR. */
export async function scoreEvaluation(opts: ScoreEvaluationOptions): Promise<void> {
  const { db, evaluation, key, predictions, donor } = opts;
  const sub = evaluation.submission;
  const results = computeResults(predictions, opts.metrics).map((r) => ({
    ...r,
    verifyToken: signResult(key, {
      modelSha: evaluation.modelSha,
      datasetSha: evaluation.datasetSha,
      config: sub.config,
      split: sub.split,
      metric: r.metric,
      value: r.value,
      model: evaluation.model,
      dataset: sub.dataset,
    }),
  }));
  const manifest = {
    ...((donor?.manifest as Record<string, unknown> | null) ?? {}),
    ...((evaluation.manifest as Record<string, unknown> | null) ?? {}),
    ...(opts.manifest ?? {}),
    reusedFrom: donor && !opts.manifest ? donor.id : undefined,
    metrics: results.map((r) => ({ metric: r.metric, args: r.args })),
  };
  await db.$transaction(
    results.map((r) => {
      const fields = { value: r.value, ciLow: r.ci?.low ?? null, ciHigh: r.ci?.high ?? null, details: resultDetails(r), verifyToken: r.verifyToken };
      return db.result.upsert({
        where: { evaluationId_metric: { evaluationId: evaluation.id, metric: r.metric } },
        create: { evaluationId: evaluation.id, metric: r.metric, ...fields },
        update: fields,
      });
    }),
  );
  let prError: string | undefined;
  if (sub.createPr) {
    try {
      const update = await prepareModelCardUpdate({
        hub: opts.hub,
        publicUrl: opts.publicUrl,
        submissionId: sub.id,
        evaluationId: evaluation.id,
        username: sub.username,
        model: evaluation.model,
        dataset: sub.dataset,
        datasetSha: evaluation.datasetSha,
        config: sub.config,
        split: sub.split,
        task: sub.task as TaskId,
        results,
        date: new Date(),
      });
      const pr = await openModelCardPr({ hub: opts.hub, model: evaluation.model, ...update });
      await db.pullRequest.upsert({
        where: { evaluationId: evaluation.id },
        create: { evaluationId: evaluation.id, url: pr.url, number: pr.number },
        update: { url: pr.url, number: pr.number },
      });
    } catch (err) {
      // The results stay; the run page shows why there is no PR.
      prError = pullRequestFailure(evaluation.model, err, opts.hub).message;
    }
  }
  const finalManifest = JSON.parse(JSON.stringify({ ...manifest, pullRequestError: prError }));
  if (!opts.finishing) {
    await db.evaluation.update({ where: { id: evaluation.id }, data: { manifest: finalManifest } });
    return;
  }
  // Conditional, so an evaluation cancelled meanwhile stays cancelled.
  await db.evaluation.updateMany({
    where: { id: evaluation.id, status: { in: ["queued", "running"] } },
    data: { status: "succeeded", progress: 1, finishedAt: new Date(), manifest: finalManifest },
  });
}

function resultDetails(r: ReturnType<typeof computeResults>[number]) {
  return JSON.parse(JSON.stringify({ output: r.output, args: r.args, bootstrap: r.bootstrap }));
}
