import type { Db } from "@/server/db/client";
import { METRICS, isMetricId, type MetricId } from "@/server/metrics";

export interface LeaderboardRow {
  rank: number;
  model: string;
  modelSha: string;
  config: string;
  split: string;
  results: Record<string, number>;
  /** 95% bootstrap interval per metric. */
  intervals: Record<string, [number, number]>;
  evaluationId: string;
  pullRequestUrl: string | null;
  finishedAt: string | null;
}

export interface Leaderboard {
  dataset: string;
  config: string | null;
  split: string | null;
  metric: MetricId;
  higherIsBetter: boolean;
  /** Every (config, split) with results, for the page's selectors. */
  available: { config: string; split: string }[];
  metrics: MetricId[];
  rows: LeaderboardRow[];
}

export interface GetLeaderboardOptions {
  db: Db;
  dataset: string;
  config?: string;
  split?: string;
  metric?: MetricId;
}

/**
 * The latest succeeded evaluation per (model, config, split) of a dataset, sorted by the chosen
 * metric, best first (respecting whether higher or lower is better).
 */
export async function getLeaderboard(opts: GetLeaderboardOptions): Promise<Leaderboard> {
  const evaluations = await opts.db.evaluation.findMany({
    where: { status: "succeeded", submission: { dataset: opts.dataset } },
    include: { results: true, pullRequest: true, submission: { select: { config: true, split: true } } },
    orderBy: { finishedAt: "desc" },
  });
  const available = new Map<string, { config: string; split: string }>();
  const latest = new Map<string, (typeof evaluations)[number]>();
  for (const e of evaluations) {
    const { config, split } = e.submission;
    available.set(`${config}\u0000${split}`, { config, split });
    if (opts.config && config !== opts.config) continue;
    if (opts.split && split !== opts.split) continue;
    const key = `${e.model}\u0000${config}\u0000${split}`;
    if (!latest.has(key)) latest.set(key, e); // newest first: the latest run of a model wins
  }
  const metricSet = new Set<MetricId>();
  for (const e of latest.values()) for (const r of e.results) if (isMetricId(r.metric)) metricSet.add(r.metric);
  const metrics = [...metricSet].sort();
  const metric: MetricId = opts.metric ?? (metricSet.has("accuracy") ? "accuracy" : (metrics[0] ?? "accuracy"));
  const higherIsBetter = METRICS[metric].higherIsBetter;
  const rows = [...latest.values()].map((e) => ({
    model: e.model,
    modelSha: e.modelSha,
    config: e.submission.config,
    split: e.submission.split,
    results: Object.fromEntries(e.results.map((r) => [r.metric, r.value])),
    intervals: Object.fromEntries(e.results.filter((r) => r.ciLow !== null && r.ciHigh !== null).map((r) => [r.metric, [r.ciLow!, r.ciHigh!] as [number, number]])),
    evaluationId: e.id,
    pullRequestUrl: e.pullRequest?.url ?? null,
    finishedAt: e.finishedAt?.toISOString() ?? null,
  }));
  rows.sort((a, b) => {
    const va = a.results[metric];
    const vb = b.results[metric];
    if (va === undefined) return vb === undefined ? a.model.localeCompare(b.model) : 1;
    if (vb === undefined) return -1;
    return higherIsBetter ? vb - va : va - vb;
  });
  return {
    dataset: opts.dataset,
    config: opts.config ?? null,
    split: opts.split ?? null,
    metric,
    higherIsBetter,
    available: [...available.values()],
    metrics,
    rows: rows.map((r, i) => ({ rank: i + 1, ...r })),
  };
}
