import type { Db } from "@/server/db/client";
import { METRICS, isMetricId, type MetricId } from "@/server/metrics";

export interface LeaderboardRow {
  /** Position by the ranking metric (`Leaderboard.metric`), best first, whatever the display order. */
  rank: number;
  model: string;
  modelSha: string;
  config: string;
  split: string;
  task: string;
  results: Record<string, number>;
  /** 95% bootstrap interval per metric. */
  intervals: Record<string, [number, number]>;
  evaluationId: string;
  pullRequestUrl: string | null;
  finishedAt: string | null;
  /** Where the numbers come from: "evalhub" = computed by EvalHub's workers from the model's predictions. */
  source: "evalhub";
  /** Computed by EvalHub itself (not self-reported in a model card). */
  verified: boolean;
  /** The best row by the ranking metric. */
  leader: boolean;
  /**
   * The row's interval on the ranking metric overlaps the leader's: the difference is not shown to
   * be significant by CI overlap (a conservative check; a paired test would be sharper).
   */
  tied: boolean;
}

export interface Leaderboard {
  dataset: string;
  config: string | null;
  split: string | null;
  task: string | null;
  /** The ranking metric. */
  metric: MetricId;
  higherIsBetter: boolean;
  /** The display order: a metric column and a direction. */
  sort: MetricId;
  direction: "asc" | "desc";
  search: string | null;
  verifiedOnly: boolean;
  /** Every (config, split) with results, for the page's selectors. */
  available: { config: string; split: string }[];
  /** Every task with results on this dataset. */
  tasks: string[];
  metrics: MetricId[];
  rows: LeaderboardRow[];
}

export interface GetLeaderboardOptions {
  db: Db;
  dataset: string;
  config?: string;
  split?: string;
  task?: string;
  /** The ranking metric; defaults to accuracy when present, else the first metric with results. */
  metric?: MetricId;
  /** The column to order rows by; defaults to `metric`. */
  sort?: MetricId;
  /** Defaults to best first for the sort metric (descending when higher is better). */
  direction?: "asc" | "desc";
  /** Keep only verified rows. */
  verifiedOnly?: boolean;
  /** Case-insensitive substring of the model id. */
  search?: string;
}

/** Best first for `metric`; rows without a value go last, by model id. */
function compareBy(metric: string, descending: boolean) {
  return (a: { model: string; results: Record<string, number> }, b: { model: string; results: Record<string, number> }) => {
    const va = a.results[metric];
    const vb = b.results[metric];
    if (va === undefined) return vb === undefined ? a.model.localeCompare(b.model) : 1;
    if (vb === undefined) return -1;
    return (descending ? vb - va : va - vb) || a.model.localeCompare(b.model);
  };
}

/**
 * The latest succeeded evaluation per (model, config, split, task) of a dataset, filtered, ranked by
 * the chosen metric (respecting whether higher or lower is better) and ordered by the sort column.
 */
export async function getLeaderboard(opts: GetLeaderboardOptions): Promise<Leaderboard> {
  const evaluations = await opts.db.evaluation.findMany({
    where: { status: "succeeded", submission: { dataset: opts.dataset } },
    include: { results: true, pullRequest: true, submission: { select: { config: true, split: true, task: true } } },
    orderBy: [{ finishedAt: "desc" }, { id: "asc" }],
  });
  const available = new Map<string, { config: string; split: string }>();
  const tasks = new Set<string>();
  const latest = new Map<string, (typeof evaluations)[number]>();
  const search = opts.search?.toLowerCase();
  for (const e of evaluations) {
    const { config, split, task } = e.submission;
    available.set(`${config}\u0000${split}`, { config, split });
    tasks.add(task);
    if (opts.config && config !== opts.config) continue;
    if (opts.split && split !== opts.split) continue;
    if (opts.task && task !== opts.task) continue;
    if (search && !e.model.toLowerCase().includes(search)) continue;
    const key = `${e.model}\u0000${config}\u0000${split}\u0000${task}`;
    if (!latest.has(key)) latest.set(key, e); // newest first: the latest run of a model wins
  }
  const all = [...latest.values()].map((e) => ({
    model: e.model,
    modelSha: e.modelSha,
    config: e.submission.config,
    split: e.submission.split,
    task: e.submission.task,
    results: Object.fromEntries(e.results.map((r) => [r.metric, r.value])),
    intervals: Object.fromEntries(
      e.results.filter((r) => r.ciLow !== null && r.ciHigh !== null).map((r) => [r.metric, [r.ciLow!, r.ciHigh!] as [number, number]]),
    ),
    evaluationId: e.id,
    pullRequestUrl: e.pullRequest?.url ?? null,
    finishedAt: e.finishedAt?.toISOString() ?? null,
    source: "evalhub" as const,
    // Verified means signed (a verifyToken over model sha, dataset sha, config, split, metric and
    // value): not before signing lands (issue 7), so the PRs say verified: false and so does this.
    verified: false,
  }));
  const rows = opts.verifiedOnly ? all.filter((r) => r.verified) : all;

  const metricSet = new Set<MetricId>();
  for (const r of rows) for (const m of Object.keys(r.results)) if (isMetricId(m)) metricSet.add(m);
  const metrics = [...metricSet].sort();
  const metric: MetricId = opts.metric ?? (metricSet.has("accuracy") ? "accuracy" : (metrics[0] ?? "accuracy"));
  const higherIsBetter = METRICS[metric].higherIsBetter;
  const sort = opts.sort ?? metric;
  const direction = opts.direction ?? (METRICS[sort].higherIsBetter ? "desc" : "asc");

  const ranked = [...rows].sort(compareBy(metric, higherIsBetter));
  const rank = new Map(ranked.map((r, i) => [r.evaluationId, i + 1]));
  const leader = ranked[0]?.results[metric] !== undefined ? ranked[0] : undefined;
  const leaderCi = leader?.intervals[metric];
  const ordered = sort === metric && direction === (higherIsBetter ? "desc" : "asc") ? ranked : [...rows].sort(compareBy(sort, direction === "desc"));

  return {
    dataset: opts.dataset,
    config: opts.config ?? null,
    split: opts.split ?? null,
    task: opts.task ?? null,
    metric,
    higherIsBetter,
    sort,
    direction,
    search: opts.search ?? null,
    verifiedOnly: opts.verifiedOnly ?? false,
    available: [...available.values()].sort((a, b) => a.config.localeCompare(b.config) || a.split.localeCompare(b.split)),
    tasks: [...tasks].sort(),
    metrics,
    rows: ordered.map((r) => {
      const ci = r.intervals[metric];
      const isLeader = r === leader;
      return {
        rank: rank.get(r.evaluationId)!,
        ...r,
        leader: isLeader,
        tied: !isLeader && !!ci && !!leaderCi && ci[0] <= leaderCi[1] && ci[1] >= leaderCi[0],
      };
    }),
  };
}
