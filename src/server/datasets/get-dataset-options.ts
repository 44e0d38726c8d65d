import { listModels } from "@huggingface/hub";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo } from "@/server/hub/resolve-repo";
import { TASKS, normalizeTaskId, type TaskId } from "@/server/tasks";
import { describeFeature } from "./features";
import { openSplit } from "./read-split-rows";
import { listConfigs, listSplits, resolveSplit } from "./resolve-split";

export interface EvalIndexPreset {
  config: string;
  task: TaskId;
  split: string;
  /** Task field -> dataset column (the reverse of the card's col_mapping). */
  columnMapping: Record<string, string>;
  metrics: string[];
}

export interface DatasetOptions {
  dataset: string;
  sha: string;
  configs: { name: string; splits: string[] }[];
  /** Columns of the requested (config, split), with their feature type. */
  columns: { name: string; type: string; kind: string }[];
  numRows: number | null;
  presets: EvalIndexPreset[];
  models: { id: string; downloads: number; likes: number; task: string | null }[];
}

/**
 * Everything the submission form needs about a dataset: configs and splits, the chosen split's
 * columns, one-click presets from `train-eval-index`, and models tagged with the dataset.
 */
export async function getDatasetOptions(opts: { hub: HubConfig; dataset: string; config?: string; split?: string }): Promise<DatasetOptions> {
  const repo = await resolveRepo({ hub: opts.hub, type: "dataset", name: opts.dataset });
  const configs = listConfigs(repo).map((name) => ({ name, splits: listSplits(repo, name) }));
  const presets = readEvalIndex(repo.cardData["train-eval-index"]);
  const config = opts.config ?? presets[0]?.config ?? configs[0]?.name;
  const split = opts.split ?? presets.find((p) => p.config === config)?.split ?? configs.find((c) => c.name === config)?.splits[0];
  let columns: DatasetOptions["columns"] = [];
  let numRows: number | null = null;
  if (config && split) {
    const layout = resolveSplit(repo, config, split);
    const opened = await openSplit({ hub: opts.hub, dataset: repo.name, revision: repo.sha, layout });
    numRows = opened.numRows;
    columns = [...opened.columns].map((name) => {
      const f = layout.features?.[name];
      return { name, type: f ? describeFeature(f) : "unknown", kind: f?.kind ?? "unknown" };
    });
  }
  const models: DatasetOptions["models"] = [];
  try {
    for await (const m of listModels({
      search: { tags: [`dataset:${repo.name}`] },
      hubUrl: opts.hub.hubUrl,
      accessToken: opts.hub.accessToken,
      fetch: opts.hub.fetch,
      limit: 100,
    })) {
      models.push({ id: m.name, downloads: m.downloads, likes: m.likes, task: m.task ?? null });
    }
  } catch (err) {
    throw new AppError("UPSTREAM", `Could not list the models of ${repo.name}: ${(err as Error).message}`);
  }
  models.sort((a, b) => b.downloads - a.downloads || a.id.localeCompare(b.id));
  return { dataset: repo.name, sha: repo.sha, configs, columns, numRows, presets, models };
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
    for (const [column, field] of Object.entries((entry.col_mapping ?? {}) as Record<string, string>)) mapping[field] = column;
    const metrics = Array.isArray(entry.metrics)
      ? (entry.metrics as { type?: string }[]).map((m) => String(m?.type)).filter((m) => (TASKS[task].metrics as string[]).includes(m))
      : [];
    out.push({ config: String(entry.config ?? "default"), task, split: splits.eval_split, columnMapping: mapping, metrics: [...new Set(metrics)] });
  }
  return out;
}
