import type { Db } from "@/server/db/client";
import { METRICS, isMetricId, type MetricId } from "@/server/metrics";
import { TASK_IDS } from "@/server/tasks";
import { isVerified } from "./is-verified";
import { compareWithLeader, type Comparison, type TieInfo } from "./mark-ties";
import type { PairableRun } from "./paired-tie";
import { loadSelfReportedGroups } from "./self-reported-rows";

export type { Comparison, TieInfo } from "./mark-ties";

export interface LeaderboardRow {
  /** Unique within the board: the evaluation id, or `self-reported:<model>:<config>:<split>:<task>`. */
  key: string;
  /** Position by the ranking metric (`Leaderboard.metric`), best first, whatever the display order. */
  rank: number;
  model: string;
  modelSha: string;
  /** "" when a self-reported result does not name it. */
  config: string;
  split: string;
  task: string;
  results: Record<string, number>;
  /** 95% bootstrap interval per metric (none for self-reported rows). */
  intervals: Record<string, [number, number]>;
  /** The EvalHub evaluation; null for self-reported rows. */
  evaluationId: string | null;
  pullRequestUrl: string | null;
  /** When EvalHub finished the run, or when the self-reported claim was imported. */
  finishedAt: string | null;
  /**
   * Where the numbers come from: "evalhub" = computed by EvalHub's workers from the model's
   * predictions; "self-reported" = claimed in the model card's `model-index` (not checked by us).
   */
  source: "evalhub" | "self-reported";
  /** Every result of the row passes `isVerified` (never true for self-reported rows). */
  verified: boolean;
  /** The best EvalHub-computed row by the ranking metric (self-reported rows are never the leader). */
  leader: boolean;
  /** The difference from the leader is not significant; `tie` says by which rule. */
  tied: boolean;
  /** `comparison` when it found a tie, else null. */
  tie: TieInfo | null;
  /** How this EvalHub row compares with the leader (null for the leader, self-reported rows, or no data). */
  comparison: Comparison | null;
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
  /** Whether self-reported rows are included. */
  selfReported: boolean;
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
  /** Keep only verified rows (which leaves out every self-reported row). */
  verifiedOnly?: boolean;
  /** Include self-reported model-card results; true by default. */
  selfReported?: boolean;
  /** Case-insensitive substring of the model id. */
  search?: string;
}

type Draft = Omit<LeaderboardRow, "rank" | "leader" | "tied" | "tie" | "comparison"> & { run: PairableRun | null };

/** Best first for `metric`; rows without a value go last, by model id, then EvalHub rows first. */
function compareBy(metric: string, descending: boolean) {
  return (a: Draft, b: Draft) => {
    const va = a.results[metric];
    const vb = b.results[metric];
    if (va === undefined) return vb === undefined ? a.model.localeCompare(b.model) || a.source.localeCompare(b.source) : 1;
    if (vb === undefined) return -1;
    return (descending ? vb - va : va - vb) || a.model.localeCompare(b.model) || a.source.localeCompare(b.source);
  };
}

/** The latest succeeded EvalHub evaluation per (model, config, split, task), as drafts. */
async function loadEvalhubRows(opts: GetLeaderboardOptions, seen: { available: Map<string, { config: string; split: string }>; tasks: Set<string> }) {
  const evaluations = await opts.db.evaluation.findMany({
    where: { status: "succeeded", submission: { dataset: opts.dataset } },
    include: { results: true, pullRequest: true, submission: { select: { config: true, split: true, task: true } } },
    orderBy: [{ finishedAt: "desc" }, { id: "asc" }],
  });
  const latest = new Map<string, (typeof evaluations)[number]>();
  for (const e of evaluations) {
    const { config, split, task } = e.submission;
    seen.available.set(`${config}\u0000${split}`, { config, split });
    seen.tasks.add(task);
    if (!matches(opts, e.model, config, split, task)) continue;
    const key = `${e.model}\u0000${config}\u0000${split}\u0000${task}`;
    if (!latest.has(key)) latest.set(key, e); // newest first: the latest run of a model wins
  }
  return Promise.all(
    [...latest.values()].map(async (e): Promise<Draft> => {
      const { config, split, task } = e.submission;
      const context = { model: e.model, modelSha: e.modelSha, datasetSha: e.datasetSha, config, split };
      const checks = await Promise.all(e.results.map((r) => isVerified({ metric: r.metric, value: r.value, verifyToken: r.verifyToken, evaluation: context })));
      return {
        key: e.id,
        model: e.model,
        modelSha: e.modelSha,
        config,
        split,
        task,
        results: Object.fromEntries(e.results.map((r) => [r.metric, r.value])),
        intervals: Object.fromEntries(
          e.results.filter((r) => r.ciLow !== null && r.ciHigh !== null).map((r) => [r.metric, [r.ciLow!, r.ciHigh!] as [number, number]]),
        ),
        evaluationId: e.id,
        pullRequestUrl: e.pullRequest?.url ?? null,
        finishedAt: e.finishedAt?.toISOString() ?? null,
        source: "evalhub",
        verified: checks.length > 0 && checks.every(Boolean),
        run: { evaluationKey: e.evaluationKey, datasetSha: e.datasetSha, config, split, task, manifest: (e.manifest as Record<string, unknown> | null) ?? null },
      };
    }),
  );
}

function matches(opts: GetLeaderboardOptions, model: string, config: string, split: string, task: string): boolean {
  if (opts.config && config !== opts.config) return false;
  if (opts.split && split !== opts.split) return false;
  if (opts.task && task !== opts.task) return false;
  return !opts.search || model.toLowerCase().includes(opts.search.toLowerCase());
}

async function loadSelfReportedRows(opts: GetLeaderboardOptions, seen: { available: Map<string, { config: string; split: string }>; tasks: Set<string> }): Promise<Draft[]> {
  const groups = await loadSelfReportedGroups(opts.db, opts.dataset);
  const known = new Set<string>(TASK_IDS);
  const out: Draft[] = [];
  for (const g of groups) {
    // Only values the selectors can choose: a card may leave config or split out, or use its own task name.
    if (g.config && g.split) seen.available.set(`${g.config}\u0000${g.split}`, { config: g.config, split: g.split });
    if (known.has(g.task)) seen.tasks.add(g.task);
    if (!matches(opts, g.model, g.config, g.split, g.task)) continue;
    out.push({
      key: g.key,
      model: g.model,
      modelSha: g.modelSha,
      config: g.config,
      split: g.split,
      task: g.task,
      results: g.results,
      intervals: {},
      evaluationId: null,
      pullRequestUrl: null,
      finishedAt: g.importedAt,
      source: "self-reported",
      verified: false,
      run: null,
    });
  }
  return out;
}

/**
 * The latest succeeded evaluation per (model, config, split, task) of a dataset plus the imported
 * self-reported claims, filtered, ranked by the chosen metric (respecting whether higher or lower is
 * better) and ordered by the sort column. The leader is the best EvalHub row; each other EvalHub row
 * is tested against it (paired bootstrap where possible, else CI overlap).
 */
export async function getLeaderboard(opts: GetLeaderboardOptions): Promise<Leaderboard> {
  const seen = { available: new Map<string, { config: string; split: string }>(), tasks: new Set<string>() };
  const selfReported = opts.selfReported ?? true;
  const [evalhub, claimed] = await Promise.all([loadEvalhubRows(opts, seen), loadSelfReportedRows(opts, seen)]);
  const rows = opts.verifiedOnly ? evalhub.filter((r) => r.verified) : selfReported ? [...evalhub, ...claimed] : evalhub;

  const metricSet = new Set<MetricId>();
  for (const r of rows) for (const m of Object.keys(r.results)) if (isMetricId(m)) metricSet.add(m);
  const metrics = [...metricSet].sort();
  const metric: MetricId = opts.metric ?? (metricSet.has("accuracy") ? "accuracy" : (metrics[0] ?? "accuracy"));
  const higherIsBetter = METRICS[metric].higherIsBetter;
  const sort = opts.sort ?? metric;
  const direction = opts.direction ?? (METRICS[sort].higherIsBetter ? "desc" : "asc");

  const ranked = [...rows].sort(compareBy(metric, higherIsBetter));
  const rank = new Map(ranked.map((r, i) => [r.key, i + 1]));
  const leader = ranked.find((r) => r.source === "evalhub" && r.results[metric] !== undefined);
  const candidates = leader ? ranked.filter((r) => r.source === "evalhub" && r !== leader) : [];
  const candidate = (r: Draft) => ({ run: r.run!, model: r.model, value: r.results[metric], interval: r.intervals[metric] });
  const comparisons = leader ? await compareWithLeader({ db: opts.db, metric, leader: candidate(leader), others: candidates.map(candidate) }) : [];
  const comparisonOf = new Map(candidates.map((r, i) => [r.key, comparisons[i] ?? null]));
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
    selfReported,
    available: [...seen.available.values()].sort((a, b) => a.config.localeCompare(b.config) || a.split.localeCompare(b.split)),
    tasks: [...seen.tasks].sort(),
    metrics,
    rows: ordered.map(({ run: _run, ...r }) => {
      const comparison = comparisonOf.get(r.key) ?? null;
      const tie = comparison?.tied ? (comparison as TieInfo) : null;
      return { ...r, rank: rank.get(r.key)!, leader: r.key === leader?.key, tied: tie !== null, tie, comparison };
    }),
  };
}
