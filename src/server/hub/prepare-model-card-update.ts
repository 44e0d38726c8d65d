import { parseEvalYaml } from "@/server/datasets/eval-yaml";
import { METRICS, isMetricId } from "@/server/metrics";
import { TASKS, type TaskId } from "@/server/tasks";
import { downloadRepoFile } from "./download-repo-file";
import type { HubConfig } from "./hub-config";
import { buildEvalResult, buildEvalResultsEntry, type EvalResult, type EvalResultsEntry } from "./model-card";

/** One signed metric of an evaluation. */
export interface SignedMetric {
  metric: string;
  value: number;
  args: Record<string, unknown>;
  verifyToken: string;
}

export interface PrepareModelCardUpdateOptions {
  hub: HubConfig;
  publicUrl: string;
  submissionId: string;
  evaluationId: string;
  /** Hub user to @mention (notified by the Hub), if the submitter gave one. */
  username: string | null;
  model: string;
  dataset: string;
  datasetSha: string;
  config: string;
  split: string;
  task: TaskId;
  results: SignedMetric[];
  /** When the evaluation finished (the `.eval_results` entry's date). */
  date: Date;
}

/** What `openModelCardPr` writes: the `model-index` results and, for a benchmark, its `.eval_results` file. */
export interface ModelCardUpdate {
  title: string;
  description: string;
  results: EvalResult[];
  evalResults: { path: string; entries: EvalResultsEntry[] } | null;
}

/**
 * The content of the model-card PR of one evaluation. Every metric is `verified: true` with its
 * verifyToken. The `results[]` entry's source is the dataset split's leaderboard, which does not
 * change between runs, so a later run on the same (dataset, config, split) matches the earlier
 * metrics (huggingface_hub compares the source too) and replaces them instead of adding a copy.
 */
export async function prepareModelCardUpdate(o: PrepareModelCardUpdateOptions): Promise<ModelCardUpdate> {
  const task = TASKS[o.task];
  const leaderboard = `${o.publicUrl}/leaderboards/${o.dataset}?config=${encodeURIComponent(o.config)}&split=${encodeURIComponent(o.split)}`;
  const result = buildEvalResult({
    task: { type: task.id, name: task.name },
    dataset: { type: o.dataset, name: o.dataset, config: o.config, split: o.split, revision: o.datasetSha },
    metrics: o.results.map((r) => ({
      type: r.metric,
      value: r.value,
      name: metricDisplayName(r.metric, r.args),
      args: typeof r.args.average === "string" ? { average: r.args.average } : undefined,
      verified: true,
      verifyToken: r.verifyToken,
    })),
    source: { name: "EvalHub", url: leaderboard },
  });
  return {
    title: `Add evaluation results on the ${o.config} config and ${o.split} split of ${o.dataset}`,
    description: prDescription({ ...o, leaderboard }),
    results: [result],
    evalResults: await benchmarkEntries(o),
  };
}

/**
 * `.eval_results/<benchmark>.yaml` entries when the dataset is a benchmark whose `eval.yaml` has a
 * task on this config and split: the task's main metric (its first default metric that was
 * computed). A dataset without a readable `eval.yaml` is simply not a benchmark.
 */
async function benchmarkEntries(o: PrepareModelCardUpdateOptions): Promise<ModelCardUpdate["evalResults"]> {
  const bytes = await downloadRepoFile({ hub: o.hub, type: "dataset", name: o.dataset, revision: o.datasetSha, path: "eval.yaml" });
  if (!bytes) return null;
  let tasks;
  try {
    tasks = parseEvalYaml(new TextDecoder().decode(bytes)).tasks.filter((t) => t.config === o.config && t.split === o.split);
  } catch {
    return null;
  }
  const defaults: readonly string[] = TASKS[o.task].defaultMetrics;
  const main = defaults.map((d) => o.results.find((r) => r.metric === d)).find((r) => r !== undefined) ?? o.results[0];
  if (tasks.length === 0 || !main) return null;
  const entries = tasks.map((t) =>
    buildEvalResultsEntry({
      dataset: { id: o.dataset, taskId: t.id, revision: o.datasetSha },
      value: main.value,
      verifyToken: main.verifyToken,
      date: o.date,
      source: { url: `${o.publicUrl}/evaluations/${o.evaluationId}`, name: "EvalHub" },
      notes: `${metricDisplayName(main.metric, main.args)} of ${o.model} on the ${o.split} split, computed by EvalHub`,
    }),
  );
  const name = o.dataset.split("/").pop()!.replace(/[^A-Za-z0-9._-]/g, "-");
  return { path: `.eval_results/${name}.yaml`, entries };
}

function metricDisplayName(metric: string, args: Record<string, unknown>): string {
  const base = isMetricId(metric) ? METRICS[metric].name : metric;
  return typeof args.average === "string" ? `${base} (${args.average})` : base;
}

function prDescription(o: PrepareModelCardUpdateOptions & { leaderboard: string }): string {
  const lines = [
    `This pull request adds evaluation results computed by [EvalHub](${o.publicUrl}) to the model card's \`model-index\`` +
      " (each metric is `verified: true` with a `verifyToken` anyone can check against " +
      `[the deployment's public key](${o.publicUrl}/api/verify/key)).`,
    "",
    `- Run: ${o.publicUrl}/submissions/${o.submissionId}`,
    `- Evaluation and reproducibility manifest: ${o.publicUrl}/evaluations/${o.evaluationId}`,
    `- Predictions: ${o.publicUrl}/api/evaluations/${o.evaluationId}/predictions?format=jsonl`,
    `- Leaderboard: ${o.leaderboard}`,
  ];
  if (o.username) lines.push("", `Requested by @${o.username}.`);
  return lines.join("\n");
}
