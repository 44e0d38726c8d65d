import { listModels } from "@huggingface/hub";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo, type ResolvedRepo } from "@/server/hub/resolve-repo";
import { TASKS, featureFits, normalizeTaskId, type FieldKind, type TaskId } from "@/server/tasks";
import { describeFeature, flattenFeatures, fromTypedFeatures, type Feature, type Features } from "./features";
import { downloadRepoFile } from "@/server/hub/download-repo-file";
import { evalYamlPresets, parseEvalYaml } from "./eval-yaml";
import { openSplit, readSplitRows } from "./read-split-rows";
import { listConfigs, listSplits, resolveSplit } from "./resolve-split";
import { createViewerClient, DEFAULT_VIEWER_URL, ViewerApiError, type ViewerClientOptions } from "./viewer-client";

export interface EvalIndexPreset {
  config: string;
  task: TaskId;
  split: string;
  /** Task field -> dataset column (the reverse of the card's col_mapping). */
  columnMapping: Record<string, string>;
  metrics: string[];
  /** Where the preset comes from: the card's train-eval-index or a benchmark's eval.yaml. */
  source: "train-eval-index" | "eval.yaml";
  /** The eval.yaml task id (benchmark leaderboard), when from eval.yaml. */
  benchmarkTask?: string;
}

export interface DatasetOptions {
  dataset: string;
  sha: string;
  configs: { name: string; splits: string[] }[];
  /** Columns of the requested (config, split), with their feature type; nested fields also as dotted names. */
  columns: { name: string; type: string; kind: string }[];
  numRows: number | null;
  presets: EvalIndexPreset[];
  models: { id: string; downloads: number; likes: number; task: string | null }[];
  /** For each task and each of its fields, the columns whose type fits (the mapping dropdowns). */
  fieldColumns: Record<string, Record<string, string[]>>;
  /** The first rows of the split (dotted names for nested fields, long values shortened), for the mapping preview. */
  preview: Record<string, unknown>[];
  /** Set when the dataset is a benchmark (has eval.yaml). */
  benchmark?: { name?: string; tasks: string[] } | null;
  /** Problems reading optional metadata (e.g. a malformed eval.yaml), shown but not fatal. */
  warnings: string[];
  /** Where configs, splits and columns came from: the dataset viewer API, or the repo's files and card. */
  source: "viewer" | "repo";
  /** Why the viewer was not used, when `source` is "repo". */
  viewerError?: string;
}

export interface GetDatasetOptionsOptions {
  hub: HubConfig;
  dataset: string;
  config?: string;
  split?: string;
  /**
   * Dataset viewer base URL (DATASETS_SERVER_URL); null skips the viewer. Default: huggingface.co's
   * viewer when `hub` is huggingface.co, else the hub's own URL (the local hub serves the viewer
   * endpoints at its root).
   */
  viewerUrl?: string | null;
  /** Passed to the viewer client (timeouts); the token and fetch come from `hub`. */
  viewer?: Omit<ViewerClientOptions, "baseUrl" | "accessToken" | "fetch">;
}

/** A column with its feature (kept server-side: the form gets the description only). */
type ColumnFacts = DatasetOptions["columns"][number] & { feature: Feature };

interface SplitFacts {
  configs: { name: string; splits: string[] }[];
  config?: string;
  split?: string;
  columns: ColumnFacts[];
  numRows: number | null;
}

/**
 * Everything the submission form needs about a dataset: configs and splits, the chosen split's
 * columns, one-click presets from `train-eval-index`, and models tagged with the dataset. Configs,
 * splits and features come from the dataset viewer first and, when it has nothing (404, 501,
 * unreachable), from the repo itself (card YAML, file layout, the files' own schemas).
 */
export async function getDatasetOptions(opts: GetDatasetOptionsOptions): Promise<DatasetOptions> {
  const repo = await resolveRepo({ hub: opts.hub, type: "dataset", name: opts.dataset });
  const warnings: string[] = [];
  const presets = readEvalIndex(repo.cardData["train-eval-index"]);
  const benchmark = await readBenchmark(opts.hub, repo, presets, warnings);
  let facts: SplitFacts | null = null;
  let viewerError: string | undefined;
  if (opts.viewerUrl !== null) {
    try {
      facts = await factsFromViewer(opts, repo.name, presets);
    } catch (err) {
      if (!(err instanceof ViewerApiError) || !err.viewerHasNothing) throw err;
      viewerError = err.message;
    }
  }
  const source: DatasetOptions["source"] = facts ? "viewer" : "repo";
  facts ??= await factsFromRepo(opts, repo, presets);
  const models = await listDatasetModels(opts.hub, repo.name);
  const preview = facts.config && facts.split ? await previewRows(opts.hub, repo, facts.config, facts.split, warnings) : [];
  return {
    dataset: repo.name,
    sha: repo.sha,
    configs: facts.configs,
    columns: facts.columns.map(({ feature: _feature, ...column }) => column),
    numRows: facts.numRows,
    presets,
    models,
    fieldColumns: fieldColumnsFor(facts.columns),
    preview,
    benchmark,
    warnings,
    source,
    ...(viewerError ? { viewerError } : {}),
  };
}

function viewerUrlFor(opts: GetDatasetOptionsOptions): string {
  if (opts.viewerUrl) return opts.viewerUrl;
  return /^https:\/\/huggingface\.co\/?$/.test(opts.hub.hubUrl) ? DEFAULT_VIEWER_URL : opts.hub.hubUrl;
}

function pick(configs: SplitFacts["configs"], presets: EvalIndexPreset[], config?: string, split?: string) {
  const c = config ?? presets[0]?.config ?? configs[0]?.name;
  const s = split ?? presets.find((p) => p.config === c)?.split ?? configs.find((x) => x.name === c)?.splits[0];
  return { config: c, split: s };
}

function describeColumns(features: Features): ColumnFacts[] {
  return Object.entries(flattenFeatures(features)).map(([name, f]) => ({ name, type: describeFeature(f), kind: f.kind, feature: f }));
}

/** Configs and splits from `/splits`, columns and row count from `/info`. Throws ViewerApiError when the viewer cannot answer. */
async function factsFromViewer(opts: GetDatasetOptionsOptions, dataset: string, presets: EvalIndexPreset[]): Promise<SplitFacts> {
  const client = createViewerClient({ ...opts.viewer, baseUrl: viewerUrlFor(opts), accessToken: opts.hub.accessToken, fetch: opts.hub.fetch });
  const listed = await client.splits(dataset);
  const configs: SplitFacts["configs"] = [];
  for (const s of listed.splits) {
    let c = configs.find((x) => x.name === s.config);
    if (!c) configs.push((c = { name: s.config, splits: [] }));
    c.splits.push(s.split);
  }
  if (configs.length === 0) throw new ViewerApiError(`The dataset viewer lists no splits for ${dataset}.`, 404, "ResponseNotFound");
  const { config, split } = pick(configs, presets, opts.config, opts.split);
  const known = configs.find((c) => c.name === config)?.splits.includes(split ?? "");
  // The viewer may lag behind the repo: a config or split it does not know is looked up in the repo.
  if (!config || !split || !known) throw new ViewerApiError(`The dataset viewer does not list config "${config}" split "${split}" of ${dataset}.`, 404, "ResponseNotFound");
  const info = await client.info(dataset, config);
  const features = fromTypedFeatures(info.dataset_info.features);
  const numRows = info.dataset_info.splits?.[split]?.num_examples ?? null;
  return { configs, config, split, columns: describeColumns(features), numRows };
}

/** Configs and splits from the card and file layout; columns and row count from the split's files. */
async function factsFromRepo(opts: GetDatasetOptionsOptions, repo: ResolvedRepo, presets: EvalIndexPreset[]): Promise<SplitFacts> {
  const configs = listConfigs(repo).map((name) => ({ name, splits: listSplits(repo, name) }));
  const { config, split } = pick(configs, presets, opts.config, opts.split);
  if (!config || !split) return { configs, config, split, columns: [], numRows: null };
  const layout = resolveSplit(repo, config, split);
  const opened = await openSplit({ hub: opts.hub, dataset: repo.name, revision: repo.sha, layout });
  const ordered: Features = Object.fromEntries(opened.topColumns.map((c) => [c, opened.features[c]]));
  return { configs, config, split, columns: describeColumns(ordered), numRows: opened.numRows };
}

/** Adds eval.yaml tasks EvalHub can run as presets (after the card's own); a malformed file is a warning. */
async function readBenchmark(hub: HubConfig, repo: ResolvedRepo, presets: EvalIndexPreset[], warnings: string[]) {
  if (!repo.files.some((f) => f.path === "eval.yaml")) return null;
  const bytes = await downloadRepoFile({ hub, type: "dataset", name: repo.name, revision: repo.sha, path: "eval.yaml" });
  if (!bytes) return null;
  try {
    const parsed = parseEvalYaml(new TextDecoder().decode(bytes));
    for (const p of evalYamlPresets(parsed)) {
      if (!presets.some((q) => q.config === p.config && q.split === p.split && q.task === p.task)) {
        presets.push({ ...p, metrics: [...TASKS[p.task].defaultMetrics], source: "eval.yaml" });
      }
    }
    return { name: parsed.name, tasks: parsed.tasks.map((t) => t.id) };
  } catch (err) {
    warnings.push(`${repo.name}: ${(err as Error).message}`);
    return null;
  }
}

/** Which columns fit each task field (see `featureFits`): the form offers only these. */
function fieldColumnsFor(columns: ColumnFacts[]): DatasetOptions["fieldColumns"] {
  return Object.fromEntries(
    Object.values(TASKS).map((t) => [
      t.id,
      Object.fromEntries(t.fields.map((f) => [f.id, columns.filter((c) => featureFits(f.kind as FieldKind, c.feature)).map((c) => c.name)])),
    ]),
  );
}

function shorten(value: unknown): unknown {
  if (typeof value === "string") return value.length > 300 ? `${value.slice(0, 300)}…` : value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.slice(0, 20).map(shorten);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v)]));
  return value;
}

/** The first rows of the split, read from the repo at the resolved sha. */
async function previewRows(hub: HubConfig, repo: ResolvedRepo, config: string, split: string, warnings: string[]) {
  try {
    const layout = resolveSplit(repo, config, split);
    const opened = await openSplit({ hub, dataset: repo.name, revision: repo.sha, layout });
    const columns = [...opened.columns];
    for await (const rows of readSplitRows({ hub, dataset: repo.name, revision: repo.sha, layout, columns, limit: 5 }, opened)) {
      return rows.slice(0, 5).map((r) => shorten(r) as Record<string, unknown>);
    }
  } catch (err) {
    warnings.push(`Could not preview rows: ${(err as Error).message}`);
  }
  return [];
}

async function listDatasetModels(hub: HubConfig, dataset: string): Promise<DatasetOptions["models"]> {
  const models: DatasetOptions["models"] = [];
  try {
    for await (const m of listModels({
      search: { tags: [`dataset:${dataset}`] },
      hubUrl: hub.hubUrl,
      accessToken: hub.accessToken,
      fetch: hub.fetch,
      limit: 100,
    })) {
      models.push({ id: m.name, downloads: m.downloads, likes: m.likes, task: m.task ?? null });
    }
  } catch (err) {
    throw new AppError("UPSTREAM", `Could not list the models of ${dataset}: ${(err as Error).message}`);
  }
  models.sort((a, b) => b.downloads - a.downloads || a.id.localeCompare(b.id));
  return models;
}

/** Card field names of the original tool that are named differently here (sentence pairs: text1/text2). */
function cardFieldToTaskField(field: string): string {
  return field === "text1" ? "text" : field;
}

/** Reads `train-eval-index` entries; skips ones whose task EvalHub does not run yet. */
export function readEvalIndex(raw: unknown): EvalIndexPreset[] {
  if (!Array.isArray(raw)) return [];
  const out: EvalIndexPreset[] = [];
  for (const entry of raw as Record<string, unknown>[]) {
    const task = normalizeTaskId(String(entry?.task ?? ""));
    const splits = (entry?.splits ?? {}) as { eval_split?: string };
    if (!task || !splits.eval_split) continue;
    const mapping: Record<string, string> = {};
    for (const [column, field] of Object.entries((entry.col_mapping ?? {}) as Record<string, unknown>)) {
      if (typeof field === "string") mapping[cardFieldToTaskField(field)] = column;
      // QA cards nest it: `answers: {text: text, answer_start: answer_start}` (the original tool flattens to answers.*).
      else if (field && typeof field === "object") {
        for (const [sub, subField] of Object.entries(field as Record<string, unknown>)) {
          if (typeof subField === "string") mapping[`answers.${subField}`] = `${column}.${sub}`;
        }
      }
    }
    const metrics = Array.isArray(entry.metrics)
      ? (entry.metrics as { type?: string }[]).map((m) => String(m?.type)).filter((m) => (TASKS[task].metrics as string[]).includes(m))
      : [];
    out.push({
      config: String(entry.config ?? "default"),
      task,
      split: splits.eval_split,
      columnMapping: mapping,
      metrics: [...new Set(metrics)],
      source: "train-eval-index",
    });
  }
  return out;
}
