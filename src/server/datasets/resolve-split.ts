import { AppError } from "@/server/errors";
import type { ResolvedRepo } from "@/server/hub/resolve-repo";
import { parseCardFeatures, type Features } from "./features";

export interface SplitLayout {
  config: string;
  split: string;
  /** Parquet files of the split, in order. */
  files: { path: string; size: number }[];
  /** From the card's `dataset_info`, when it has one for this config. */
  features: Features | null;
  numExamples?: number;
}

interface CardConfig {
  config_name?: string;
  data_files?: unknown;
}

/**
 * Finds the parquet files of (config, split) the way `datasets` does for repos written by
 * `push_to_hub`: the card's `configs[].data_files` patterns first, else `data/{split}-*.parquet`.
 */
export function resolveSplit(dataset: ResolvedRepo, config: string, split: string): SplitLayout {
  const card = dataset.cardData;
  const configs = Array.isArray(card.configs) ? (card.configs as CardConfig[]) : [];
  const names = configs.map((c) => c.config_name ?? "default");
  let patterns: Record<string, string[]>;
  if (configs.length > 0) {
    const entry = configs.find((c) => (c.config_name ?? "default") === config);
    if (!entry) {
      throw new AppError("NOT_FOUND", `Dataset ${dataset.name} has no config "${config}" (available: ${names.join(", ")}).`, { field: "config" });
    }
    patterns = dataFilePatterns(entry.data_files);
  } else {
    if (config !== "default") {
      throw new AppError("NOT_FOUND", `Dataset ${dataset.name} has no config "${config}" (available: default).`, { field: "config" });
    }
    patterns = defaultPatterns(dataset.files.map((f) => f.path));
  }
  const splitPatterns = patterns[split];
  if (!splitPatterns) {
    const available = Object.keys(patterns);
    throw new AppError(
      "NOT_FOUND",
      `Dataset ${dataset.name} (config "${config}") has no split "${split}" (available: ${available.join(", ") || "none"}).`,
      { field: "split" },
    );
  }
  const regexes = splitPatterns.map(globToRegExp);
  const files = dataset.files
    .filter((f) => regexes.some((r) => r.test(f.path)))
    .sort((a, b) => a.path.localeCompare(b.path));
  if (files.length === 0) {
    throw new AppError("NOT_FOUND", `Split "${split}" of ${dataset.name} (config "${config}") has no data files.`, { field: "split" });
  }
  const nonParquet = files.filter((f) => !f.path.endsWith(".parquet"));
  if (nonParquet.length > 0) {
    throw new AppError("UNPROCESSABLE", `Split "${split}" of ${dataset.name} is stored as ${nonParquet[0].path}; only parquet is read so far.`, { field: "split" });
  }
  const info = configInfo(card.dataset_info, config);
  const splitInfo = Array.isArray(info?.splits)
    ? (info.splits as { name?: string; num_examples?: number }[]).find((s) => s.name === split)
    : undefined;
  return { config, split, files, features: parseCardFeatures(info?.features), numExamples: splitInfo?.num_examples };
}

/** Lists the configs a dataset card declares (or `default`). */
export function listConfigs(dataset: ResolvedRepo): string[] {
  const configs = Array.isArray(dataset.cardData.configs) ? (dataset.cardData.configs as CardConfig[]) : [];
  return configs.length ? configs.map((c) => c.config_name ?? "default") : ["default"];
}

/** Lists the splits of one config. */
export function listSplits(dataset: ResolvedRepo, config: string): string[] {
  const configs = Array.isArray(dataset.cardData.configs) ? (dataset.cardData.configs as CardConfig[]) : [];
  const entry = configs.find((c) => (c.config_name ?? "default") === config);
  const patterns = entry ? dataFilePatterns(entry.data_files) : config === "default" ? defaultPatterns(dataset.files.map((f) => f.path)) : {};
  return Object.keys(patterns);
}

function configInfo(raw: unknown, config: string): Record<string, unknown> | undefined {
  if (Array.isArray(raw)) {
    return raw.find((c) => (c?.config_name ?? "default") === config) as Record<string, unknown> | undefined;
  }
  if (raw && typeof raw === "object") {
    const info = raw as Record<string, unknown>;
    if (info.config_name === undefined || info.config_name === config) return info;
  }
  return undefined;
}

function dataFilePatterns(dataFiles: unknown): Record<string, string[]> {
  const asList = (p: unknown): string[] => (Array.isArray(p) ? p.map(String) : p === undefined ? [] : [String(p)]);
  if (typeof dataFiles === "string") return { train: [dataFiles] };
  if (Array.isArray(dataFiles)) {
    if (dataFiles.every((d) => typeof d === "string")) return { train: dataFiles as string[] };
    const out: Record<string, string[]> = {};
    for (const d of dataFiles as { split?: string; path?: unknown }[]) {
      out[d.split ?? "train"] = [...(out[d.split ?? "train"] ?? []), ...asList(d.path)];
    }
    return out;
  }
  if (dataFiles && typeof dataFiles === "object") {
    return Object.fromEntries(Object.entries(dataFiles).map(([k, v]) => [k, asList(v)]));
  }
  return {};
}

function defaultPatterns(paths: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of paths) {
    const m = /^(?:data\/)?([\w]+?)(?:-\d{5}-of-\d{5})?\.parquet$/.exec(p) ?? /^data\/([\w]+)-[^/]*\.parquet$/.exec(p);
    if (m) out[m[1]] = [p.startsWith("data/") ? `data/${m[1]}-*.parquet` : `${m[1]}*.parquet`, `data/${m[1]}.parquet`];
  }
  return out;
}

export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        re += ".*";
        i++;
        if (glob[i + 1] === "/") i++;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
