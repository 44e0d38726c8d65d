import { HubApiError, modelInfo } from "@huggingface/hub";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import { isMetricId } from "@/server/metrics";
import { TASK_IDS, TASKS, normalizeTaskId, type TaskId } from "@/server/tasks";

export interface ModelResultMetric {
  metric: string;
  value: number;
  /** 95% bootstrap interval, when computed. */
  interval: [number, number] | null;
}

export interface ModelResultRow {
  dataset: string;
  config: string;
  split: string;
  task: string;
  evaluationId: string;
  submissionId: string;
  modelSha: string;
  finishedAt: string | null;
  metrics: ModelResultMetric[];
  pullRequestUrl: string | null;
  /** Page links, relative to the app. */
  evaluationUrl: string;
  leaderboardUrl: string;
}

export interface ModelResults {
  model: string;
  /** The model's pipeline tag on the hub, null when it has none or the hub could not be asked. */
  pipelineTag: string | null;
  /** The EvalHub task of that pipeline tag, when EvalHub runs it. */
  task: TaskId | null;
  /** False when the hub says the model does not exist (results may still be stored). */
  onHub: boolean;
  /** Why the hub could not be asked, when it could not. */
  hubError?: string;
  rows: ModelResultRow[];
}

export interface GetModelResultsOptions {
  db: Db;
  hub: HubConfig;
  /** Model id, owner/name. */
  model: string;
}

/** The EvalHub task for a hub pipeline tag. */
export function taskForPipelineTag(tag: string | null | undefined): TaskId | null {
  if (!tag) return null;
  return TASK_IDS.find((t) => TASKS[t].pipelineTag === tag) ?? normalizeTaskId(tag);
}

/**
 * Every succeeded evaluation of a model, the latest per (dataset, config, split, task), with its
 * metrics and intervals, plus the model's pipeline tag from the hub. A model unknown to both the
 * hub and EvalHub is a 404.
 */
export async function getModelResults(opts: GetModelResultsOptions): Promise<ModelResults> {
  const { model } = opts;
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(model) || model.includes("..")) {
    throw new AppError("NOT_FOUND", `"${model}" is not a valid model id (expected owner/name).`, { field: "model" });
  }
  const [hubFacts, evaluations] = await Promise.all([
    readPipelineTag(opts.hub, model),
    opts.db.evaluation.findMany({
      where: { model, status: "succeeded" },
      include: { results: true, pullRequest: true, submission: { select: { dataset: true, config: true, split: true, task: true } } },
      orderBy: [{ finishedAt: "desc" }, { createdAt: "desc" }],
    }),
  ]);
  if (!hubFacts.onHub && evaluations.length === 0) {
    throw new AppError("NOT_FOUND", `Model ${model} does not exist on the hub and has no results on EvalHub.`, { field: "model" });
  }
  const latest = new Map<string, (typeof evaluations)[number]>();
  for (const e of evaluations) {
    const s = e.submission;
    const key = [s.dataset, s.config, s.split, s.task].join("\u0000");
    if (!latest.has(key)) latest.set(key, e); // newest first: the latest run wins
  }
  const rows = [...latest.values()].map((e) => ({
    dataset: e.submission.dataset,
    config: e.submission.config,
    split: e.submission.split,
    task: e.submission.task,
    evaluationId: e.id,
    submissionId: e.submissionId,
    modelSha: e.modelSha,
    finishedAt: e.finishedAt?.toISOString() ?? null,
    metrics: e.results
      .filter((r) => isMetricId(r.metric))
      .map((r) => ({ metric: r.metric, value: r.value, interval: r.ciLow !== null && r.ciHigh !== null ? ([r.ciLow, r.ciHigh] as [number, number]) : null }))
      .sort((a, b) => a.metric.localeCompare(b.metric)),
    pullRequestUrl: e.pullRequest?.url ?? null,
    evaluationUrl: `/evaluations/${e.id}`,
    leaderboardUrl: `/leaderboards/${e.submission.dataset}?${new URLSearchParams({ config: e.submission.config, split: e.submission.split })}`,
  }));
  rows.sort((a, b) => a.dataset.localeCompare(b.dataset) || a.config.localeCompare(b.config) || a.split.localeCompare(b.split) || a.task.localeCompare(b.task));
  return { model, ...hubFacts, task: taskForPipelineTag(hubFacts.pipelineTag), rows };
}

async function readPipelineTag(hub: HubConfig, name: string): Promise<{ pipelineTag: string | null; onHub: boolean; hubError?: string }> {
  try {
    const info = await modelInfo({ name, hubUrl: hub.hubUrl, accessToken: hub.accessToken, fetch: hub.fetch });
    return { pipelineTag: info.task ?? null, onHub: true };
  } catch (err) {
    if (err instanceof HubApiError && (err.statusCode === 404 || err.statusCode === 401)) return { pipelineTag: null, onHub: false };
    // The hub being down must not hide the results we hold.
    return { pipelineTag: null, onHub: true, hubError: `Could not ask the hub about ${name}: ${(err as Error).message}` };
  }
}
