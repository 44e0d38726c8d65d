/**
 * Which files make up which split, following `datasets`' rules (src/datasets/data_files.py and
 * load.py): the card's `data_files` patterns, else the default patterns, then the builder chosen by
 * the most common file extension.
 */

export type DataFormat = "parquet" | "csv" | "json" | "imagefolder";

const IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff", "jfif", "jpe", "apng", "ico"];

/** File extension (lower case, no dot) -> builder, as `datasets`' `_EXTENSION_TO_MODULE`. */
const EXTENSION_FORMAT: Record<string, DataFormat> = {
  parquet: "parquet",
  csv: "csv",
  tsv: "csv",
  json: "json",
  jsonl: "json",
  ndjson: "json",
  ...Object.fromEntries(IMAGE_EXTENSIONS.map((e) => [e, "imagefolder" as const])),
};

/** Extensions `datasets` knows but EvalHub cannot read; named in the error instead of "no data". */
const KNOWN_UNSUPPORTED = new Set(["arrow", "txt", "xml", "wav", "mp3", "flac", "ogg", "mp4", "pdf", "zip", "tar", "gz", "h5", "hdf5", "lance", "eval"]);

/** Files `datasets` never treats as data (FILES_TO_IGNORE), plus hidden files handled below. */
const FILES_TO_IGNORE = new Set(["README.md", "config.json", "dataset_info.json", "dataset_infos.json", "dummy_data.zip", "dataset_dict.json"]);

export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

export function formatOfPath(path: string): DataFormat | undefined {
  return EXTENSION_FORMAT[extensionOf(path)];
}

/**
 * fsspec-style glob (fsspec >= 2023.12, what `datasets` uses): `*` and `?` stay inside one path
 * segment, `**` spans segments (`**\/x` also matches `x` at the root), `[...]` is a character class.
 */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        i++;
        if (glob[i + 1] === "/") {
          i++;
          re += "(?:.*/)?";
        } else re += ".*";
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close === -1) {
        re += "\\[";
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith("!");
      if (negate) body = body.slice(1);
      re += `[${negate ? "^" : ""}${body.replace(/[\\\]^]/g, "\\$&")}]`;
      i = close;
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** Hidden files and `__special__` folders are skipped unless the pattern names them (as in `datasets`). */
function isUnrequestedHidden(path: string, pattern: string): boolean {
  const count = (p: string, test: (part: string) => boolean) => p.split("/").filter(test).length;
  const hidden = (part: string) => part.startsWith(".") && !/^\.+$/.test(part);
  const special = (part: string) => part.startsWith("__");
  const dirs = (p: string) => p.split("/").slice(0, -1).join("/");
  return count(path, hidden) !== count(pattern, hidden) || count(dirs(path), special) !== count(dirs(pattern), special);
}

/** Files matching any of the patterns (relative to `baseDir`), sorted by path, without duplicates. */
export function matchFiles<F extends { path: string }>(files: F[], patterns: string[], baseDir = ""): F[] {
  const prefix = baseDir ? `${baseDir.replace(/\/+$/, "")}/` : "";
  const compiled = patterns.map((p) => {
    const full = prefix + p.replace(/^\.\//, "");
    return { full, re: globToRegExp(full) };
  });
  return files
    .filter((f) => !FILES_TO_IGNORE.has(f.path.slice(f.path.lastIndexOf("/") + 1)) || compiled.some((c) => c.full === f.path))
    .filter((f) => compiled.some((c) => c.re.test(f.path) && !isUnrequestedHidden(f.path, c.full)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * `data_files` of a card config in any of its spellings: a pattern, a list of patterns (both are
 * `train`), a list of `{split, path}` or a mapping split -> pattern(s).
 */
export function sanitizeDataFiles(dataFiles: unknown): Record<string, string[]> | null {
  const asList = (p: unknown): string[] => (Array.isArray(p) ? p.map(String) : p === undefined || p === null ? [] : [String(p)]);
  if (typeof dataFiles === "string") return { train: [dataFiles] };
  if (Array.isArray(dataFiles)) {
    if (dataFiles.every((d) => typeof d === "string")) return { train: dataFiles as string[] };
    const out: Record<string, string[]> = {};
    for (const d of dataFiles as { split?: unknown; path?: unknown }[]) {
      if (!d || typeof d !== "object") return null;
      const split = String(d.split ?? "train");
      out[split] = [...(out[split] ?? []), ...asList(d.path)];
    }
    return out;
  }
  if (dataFiles && typeof dataFiles === "object") {
    return Object.fromEntries(Object.entries(dataFiles).map(([k, v]) => [k, asList(v)]));
  }
  return null;
}

const SPLIT_KEYWORDS: Record<string, string[]> = {
  train: ["train", "training"],
  validation: ["validation", "valid", "dev", "val"],
  test: ["test", "testing", "eval", "evaluation"],
};
const SEP = "[-._ 0-9]";
const SHARDED = /^data\/(\w+(?:\.\w+)*)-\d{5}-of-\d{5}[^/]*\.[^/]*$/;

function keywordPatterns(where: "file" | "dir"): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(SPLIT_KEYWORDS).map(([split, keywords]) => [
      split,
      keywords.flatMap((k) =>
        where === "file"
          ? [`**/${k}${SEP}*`, `**/*${SEP}${k}${SEP}*`]
          : [`**/${k}/**`, `**/${k}${SEP}*/**`, `**/*${SEP}${k}/**`, `**/*${SEP}${k}${SEP}*/**`],
      ),
    ]),
  );
}
const DEFAULT_PATTERN_SETS = [keywordPatterns("dir"), keywordPatterns("file"), { train: ["**"] }];

/**
 * The default split patterns of a repo without `configs` in its card (`_get_data_files_patterns`):
 * `data/{split}-00000-of-00001.*` shards first, then split names in folder names (`train/`,
 * `dev-x/`), then in file names (`validation.csv`, `my_test.jsonl`), else everything is `train`.
 * Only files some builder can read take part, so a stray LICENSE does not make a `train` split.
 */
export function defaultSplitPatterns(paths: string[], baseDir = ""): Record<string, string[]> {
  const prefix = baseDir ? `${baseDir.replace(/\/+$/, "")}/` : "";
  const candidates = paths
    .filter((p) => p.startsWith(prefix))
    .map((p) => ({ path: p.slice(prefix.length) }))
    .filter((f) => EXTENSION_FORMAT[extensionOf(f.path)] || KNOWN_UNSUPPORTED.has(extensionOf(f.path)));
  const sharded = new Set<string>();
  for (const f of candidates) {
    const m = SHARDED.exec(f.path);
    if (m) sharded.add(m[1]);
  }
  if (sharded.size > 0) {
    const order = ["train", "validation", "test"];
    const splits = [...order.filter((s) => sharded.has(s)), ...[...sharded].filter((s) => !order.includes(s)).sort()];
    return Object.fromEntries(splits.map((s) => [s, [`data/${s}-[0-9][0-9][0-9][0-9][0-9]-of-[0-9][0-9][0-9][0-9][0-9]*.*`]]));
  }
  for (const set of DEFAULT_PATTERN_SETS) {
    const found = Object.entries(set).filter(([, patterns]) => matchFiles(candidates, patterns).length > 0);
    if (found.length > 0) return Object.fromEntries(found);
  }
  return {};
}

/**
 * The builder for a set of files: the most common readable extension (ties: the first in
 * `EXTENSION_FORMAT` order), or a reason none applies.
 */
export function inferFormat(paths: string[]): { format: DataFormat } | { error: string } {
  const counts = new Map<DataFormat, number>();
  const unsupported = new Set<string>();
  for (const p of paths) {
    const ext = extensionOf(p);
    const format = EXTENSION_FORMAT[ext];
    if (format) counts.set(format, (counts.get(format) ?? 0) + 1);
    else if (ext) unsupported.add(ext);
  }
  if (counts.size === 0) {
    return { error: unsupported.size ? `its files are .${[...unsupported].join(", .")}, which EvalHub cannot read (parquet, csv, tsv, json, jsonl and image folders are supported)` : "it has no data files" };
  }
  const [format] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return { format };
}

/** Keeps the files a builder reads (`data_files.filter(extensions=...)` in `datasets`). */
export function filesOfFormat<F extends { path: string }>(files: F[], format: DataFormat): F[] {
  return files.filter((f) => EXTENSION_FORMAT[extensionOf(f.path)] === format);
}

/**
 * imagefolder labels: the parent folder name of every image, sorted, when there are at least two
 * (`datasets` adds a `label` ClassLabel only then, and only without a metadata file). An image
 * sitting directly in a split folder (`train/x.png`) has no class, so there are no labels.
 */
export function imagefolderLabels(paths: string[], splitNames: string[] = []): string[] | null {
  const splitDirs = new Set([...splitNames, ...Object.values(SPLIT_KEYWORDS).flat()]);
  const names = new Set<string>();
  for (const p of paths) {
    const parts = p.split("/");
    if (parts.length < 2 || splitDirs.has(parts[parts.length - 2])) return null;
    names.add(parts[parts.length - 2]);
  }
  return names.size > 1 ? [...names].sort() : null;
}
