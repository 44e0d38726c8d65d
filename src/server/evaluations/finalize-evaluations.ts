import type { Db } from "@/server/db/client";
import type { HubConfig } from "@/server/hub/hub-config";
import { buildEvalResult } from "@/server/hub/model-card";
import { openModelCardPr } from "@/server/hub/open-model-card-pr";
import { METRICS, isMetricId } from "@/server/metrics";
import { TASKS, type TaskId } from "@/server/tasks";
import { computeResults } from "./compute-results";
import { loadPredictions } from "./prediction-store";

export interface FinalizeOptions {
  db: Db;
  hub: HubConfig;
  evaluationKey: string;
  publicUrl: string;
  /** Facts about the run, merged into each evaluation's manifest. */
  manifest?: Record<string, unknown>;
}

/**
 * Scores the stored predictions of a key for every evaluation still waiting on it (each with its
 * own submission's metrics), opens or updates the model-card PR, and marks them succeeded.
 * Every step is an upsert, so running it twice changes nothing.
 */
export async function finalizeEvaluations(opts: FinalizeOptions): Promise<number> {
  const { db } = opts;
  const predictions = await loadPredictions(db, opts.evaluationKey);
  if (!predictions) return 0;
  const waiting = await db.evaluation.findMany({
    where: { evaluationKey: opts.evaluationKey, status: { in: ["queued", "running"] } },
    include: { submission: true },
  });
  const donor = await db.evaluation.findFirst({
    where: { evaluationKey: opts.evaluationKey, status: "succeeded" },
    include: { pullRequest: true },
    orderBy: { finishedAt: "asc" },
  });
  for (const evaluation of waiting) {
    const sub = evaluation.submission;
    const results = computeResults(predictions, sub.metrics);
    const manifest = {
      ...((donor?.manifest as Record<string, unknown> | null) ?? {}),
      ...((evaluation.manifest as Record<string, unknown> | null) ?? {}),
      ...(opts.manifest ?? {}),
      reusedFrom: donor && !opts.manifest ? donor.id : undefined,
      metrics: results.map((r) => ({ metric: r.metric, args: r.args })),
    };
    await db.$transaction(
      results.map((r) =>
        db.result.upsert({
          where: { evaluationId_metric: { evaluationId: evaluation.id, metric: r.metric } },
          create: { evaluationId: evaluation.id, metric: r.metric, value: r.value, ciLow: r.ci?.low, ciHigh: r.ci?.high, details: resultDetails(r) },
          update: { value: r.value, ciLow: r.ci?.low ?? null, ciHigh: r.ci?.high ?? null, details: resultDetails(r) },
        }),
      ),
    );
    let prError: string | undefined;
    if (sub.createPr) {
      try {
        const task = TASKS[sub.task as TaskId];
        const pr = await openModelCardPr({
          hub: opts.hub,
          model: evaluation.model,
          title: `Add evaluation results on the ${sub.config} config and ${sub.split} split of ${sub.dataset}`,
          description: prDescription({ ...opts, submissionId: sub.id, evaluationId: evaluation.id, username: sub.username, dataset: sub.dataset }),
          results: [
            buildEvalResult({
              task: { type: task.id, name: task.name },
              dataset: { type: sub.dataset, name: sub.dataset, config: sub.config, split: sub.split, revision: evaluation.datasetSha },
              metrics: results.map((r) => ({
                type: r.metric,
                value: r.value,
                name: metricDisplayName(r.metric, r.args),
                args: isMetricId(r.metric) && "average" in r.args ? { average: r.args.average } : undefined,
                verified: false,
              })),
              source: { name: "EvalHub", url: `${opts.publicUrl}/evaluations/${evaluation.id}` },
            }),
          ],
        });
        await db.pullRequest.upsert({
          where: { evaluationId: evaluation.id },
          create: { evaluationId: evaluation.id, url: pr.url, number: pr.number },
          update: { url: pr.url, number: pr.number },
        });
      } catch (err) {
        prError = (err as Error).message;
      }
    }
    await db.evaluation.update({
      where: { id: evaluation.id },
      data: {
        status: "succeeded",
        progress: 1,
        finishedAt: new Date(),
        manifest: JSON.parse(JSON.stringify({ ...manifest, pullRequestError: prError })),
      },
    });
  }
  return waiting.length;
}

function resultDetails(r: ReturnType<typeof computeResults>[number]) {
  return JSON.parse(JSON.stringify({ output: r.output, args: r.args, bootstrap: r.bootstrap }));
}

function metricDisplayName(metric: string, args: Record<string, unknown>): string {
  const base = isMetricId(metric) ? METRICS[metric].name : metric;
  return typeof args.average === "string" ? `${base} (${args.average})` : base;
}

function prDescription(o: { publicUrl: string; submissionId: string; evaluationId: string; username: string | null; dataset: string }): string {
  const lines = [
    "This pull request adds evaluation results computed by [EvalHub](" + o.publicUrl + ") to the model card's `model-index`.",
    "",
    `- Run: ${o.publicUrl}/submissions/${o.submissionId}`,
    `- Evaluation and reproducibility manifest: ${o.publicUrl}/evaluations/${o.evaluationId}`,
    `- Leaderboard: ${o.publicUrl}/leaderboards/${o.dataset}`,
  ];
  if (o.username) lines.push("", `Requested by @${o.username}.`);
  return lines.join("\n");
}
