import { AppError } from "@/server/errors";
import {
  defaultSplitPatterns,
  filesOfFormat,
  imagefolderLabels,
  inferFormat,
  matchFiles,
  sanitizeDataFiles,
  type DataFormat,
} from "./data-files";
import { parseCardFeatures, type Features } from "./features";

export { globToRegExp } from "./data-files";

/** What layout resolution needs of a dataset repo: `ResolvedRepo` (HTTP) and the local hub's snapshot both fit. */
export interface DatasetRepoSnapshot {
  name: string;
  sha: string;
  cardData: Record<string, unknown>;
  files: { path: string; size: number }[];
}

/** Reader options from the card's config entry (the builder kwargs `datasets` passes through). */
export interface BuilderOptions {
  /** CSV separator (`sep` or `delimiter`); default `,` for .csv and a tab for .tsv. */
  sep?: string;
  /** JSON: read the rows from this list field of a single top-level object (SQuAD's `data`). */
  field?: string;
}

export interface SplitLayout {
  /** The dataset id, for messages. */
  dataset: string;
  config: string;
  split: string;
  format: DataFormat;
  /** Data files of the split, in order. */
  files: { path: string; size: number }[];
  /** From the card's `dataset_info`, when it has features for this config. */
  features: Features | null;
  numExamples?: number;
  options: BuilderOptions;
  /** imagefolder: class names (sorted folder names of all the config's images), or null for no label. */
  labels?: string[] | null;
  /**
   * Set when the repo has a README.md but no card metadata came with it: either the card has no
   * YAML block, or the block does not parse (the Hub API then omits `cardData`). `openSplit` reads
   * it to tell the two apart and names the dataset if the YAML is malformed.
   */
  readme?: { path: string; size: number };
}

interface ConfigSpec {
  name: string;
  isDefault: boolean;
  /** null: use the default patterns (under `dataDir`). */
  dataFiles: Record<string, string[]> | null;
  dataDir: string;
  options: BuilderOptions;
}

const where = (dataset: string, config: string) => `dataset ${dataset} (config "${config}")`;

/**
 * The configs of a dataset: the card's `configs` list, else one `default` config laid out by the
 * default patterns. Throws UNPROCESSABLE, naming the dataset, when `configs` is malformed.
 */
function configSpecs(dataset: DatasetRepoSnapshot): ConfigSpec[] {
  const raw = dataset.cardData.configs;
  if (raw === undefined || raw === null) return [{ name: "default", isDefault: true, dataFiles: null, dataDir: "", options: {} }];
  if (!Array.isArray(raw) || raw.some((c) => !c || typeof c !== "object" || Array.isArray(c))) {
    throw new AppError("UNPROCESSABLE", `The card of dataset ${dataset.name} has a malformed "configs" entry: expected a list of {config_name, data_files}.`, { field: "dataset" });
  }
  return (raw as Record<string, unknown>[]).map((c) => {
    const name = typeof c.config_name === "string" && c.config_name ? c.config_name : "default";
    let dataFiles: Record<string, string[]> | null = null;
    if (c.data_files !== undefined) {
      dataFiles = sanitizeDataFiles(c.data_files);
      if (!dataFiles) {
        throw new AppError("UNPROCESSABLE", `The card of dataset ${dataset.name} has malformed data_files for config "${name}": expected a pattern, a list, or a list of {split, path}.`, { field: "config" });
      }
    }
    const sep = typeof c.sep === "string" ? c.sep : typeof c.delimiter === "string" ? c.delimiter : undefined;
    const field = typeof c.field === "string" ? c.field : undefined;
    return {
      name,
      isDefault: c.default === true,
      dataFiles,
      dataDir: typeof c.data_dir === "string" ? c.data_dir : "",
      options: { ...(sep !== undefined ? { sep } : {}), ...(field !== undefined ? { field } : {}) },
    };
  });
}

function findConfig(dataset: DatasetRepoSnapshot, config: string): ConfigSpec {
  const specs = configSpecs(dataset);
  const spec = specs.find((c) => c.name === config);
  if (spec) return spec;
  const hint = cardHint(dataset);
  throw new AppError("NOT_FOUND", `Dataset ${dataset.name} has no config "${config}" (available: ${specs.map((c) => c.name).join(", ")}).${hint}`, { field: "config" });
}

/** For a config that is not `default` in a repo whose README.md came without metadata: maybe its YAML is broken. */
function cardHint(dataset: DatasetRepoSnapshot): string {
  return cardMissing(dataset) ? ` Its README.md has no readable YAML metadata; if the card declares configs, check its YAML.` : "";
}

function cardMissing(dataset: DatasetRepoSnapshot): boolean {
  return Object.keys(dataset.cardData).length === 0 && dataset.files.some((f) => f.path === "README.md");
}

function splitPatterns(dataset: DatasetRepoSnapshot, spec: ConfigSpec): Record<string, string[]> {
  return spec.dataFiles ?? defaultSplitPatterns(dataset.files.map((f) => f.path), spec.dataDir);
}

/** Lists the configs a dataset card declares (or `default`); a `default: true` config comes first. */
export function listConfigs(dataset: DatasetRepoSnapshot): string[] {
  const specs = configSpecs(dataset);
  return [...specs.filter((c) => c.isDefault), ...specs.filter((c) => !c.isDefault)].map((c) => c.name);
}

/** Lists the splits of one config (empty for a config that does not exist). */
export function listSplits(dataset: DatasetRepoSnapshot, config: string): string[] {
  const spec = configSpecs(dataset).find((c) => c.name === config);
  return spec ? Object.keys(splitPatterns(dataset, spec)) : [];
}

/**
 * Finds the data files of (config, split) the way `datasets` does: the card's `configs[].data_files`
 * patterns, else the default layouts (`data/{split}-00000-of-N.*`, a folder per split, split names
 * in file names, else everything is `train`), and the format from the most common extension.
 */
export function resolveSplit(dataset: DatasetRepoSnapshot, config: string, split: string): SplitLayout {
  const spec = findConfig(dataset, config);
  const patterns = splitPatterns(dataset, spec);
  const splitPatternList = patterns[split];
  if (!splitPatternList) {
    const available = Object.keys(patterns);
    throw new AppError(
      "NOT_FOUND",
      `Dataset ${dataset.name} (config "${config}") has no split "${split}" (available: ${available.join(", ") || "none"}).`,
      { field: "split" },
    );
  }
  const matched = matchFiles(dataset.files, splitPatternList, spec.dataDir);
  if (matched.length === 0) {
    throw new AppError("NOT_FOUND", `Split "${split}" of ${where(dataset.name, config)} has no data files (patterns: ${splitPatternList.join(", ")}).`, { field: "split" });
  }
  // The builder is chosen from all the config's files, as `datasets` does, then each split keeps its files of that format.
  const allFiles = Object.values(patterns).flatMap((p) => matchFiles(dataset.files, p, spec.dataDir));
  const inferred = inferFormat(allFiles.map((f) => f.path));
  if ("error" in inferred) {
    throw new AppError("UNPROCESSABLE", `Split "${split}" of ${where(dataset.name, config)} cannot be read: ${inferred.error}.`, { field: "split" });
  }
  const files = filesOfFormat(matched, inferred.format);
  if (files.length === 0) {
    throw new AppError("UNPROCESSABLE", `Split "${split}" of ${where(dataset.name, config)} has no ${inferred.format} files (it has ${matched.map((f) => f.path).join(", ")}).`, { field: "split" });
  }
  const info = configInfo(dataset.cardData.dataset_info, config);
  const splitInfo = Array.isArray(info?.splits)
    ? (info.splits as { name?: string; num_examples?: number }[]).find((s) => s?.name === split)
    : undefined;
  const layout: SplitLayout = {
    dataset: dataset.name,
    config,
    split,
    format: inferred.format,
    files: files.map(({ path, size }) => ({ path, size })),
    features: parseCardFeatures(info?.features),
    numExamples: typeof splitInfo?.num_examples === "number" ? splitInfo.num_examples : undefined,
    options: spec.options,
  };
  if (inferred.format === "imagefolder") {
    layout.labels = imagefolderLabels(filesOfFormat(allFiles, "imagefolder").map((f) => f.path), Object.keys(patterns));
  }
  const readme = dataset.files.find((f) => f.path === "README.md");
  if (readme && cardMissing(dataset)) layout.readme = { path: readme.path, size: readme.size };
  return layout;
}

/** `dataset_info` for one config: a single mapping (optionally with `config_name`) or a list of them. */
export function configInfo(raw: unknown, config: string): Record<string, unknown> | undefined {
  if (Array.isArray(raw)) {
    return raw.find((c) => c && typeof c === "object" && ((c as { config_name?: string }).config_name ?? "default") === config) as Record<string, unknown> | undefined;
  }
  if (raw && typeof raw === "object") {
    const info = raw as Record<string, unknown>;
    if (info.config_name === undefined || info.config_name === config) return info;
  }
  return undefined;
}
