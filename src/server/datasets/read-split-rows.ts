import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import { hubFileOpener, type FileOpener } from "./byte-source";
import { checkCardYaml } from "./card-yaml";
import type { DataFormat } from "./data-files";
import { flattenFeatures, getPath, type Feature, type Features } from "./features";
import { openCsvSplit } from "./readers/csv";
import { openImagefolderSplit } from "./readers/imagefolder";
import { openJsonSplit } from "./readers/json";
import { openParquetSplit } from "./readers/parquet";
import type { FeaturesSource, FormatReader, Row, RowProblem } from "./readers/types";
import type { SplitLayout } from "./resolve-split";

export type { Row, RowProblem } from "./readers/types";

export interface ReadSplitOptions {
  /** Where files are downloaded from (range requests to `/datasets/{id}/resolve/{sha}/{path}`), unless `open` is given. */
  hub?: HubConfig;
  dataset: string;
  /** Commit sha the reads are pinned to. */
  revision: string;
  layout: SplitLayout;
  /** Opens a data file; the local hub passes one that reads its git store directly. */
  open?: FileOpener;
  /**
   * Only these columns are read (parquet is columnar: the others are never downloaded). Dotted
   * names read nested fields (`answers.text`); the rows are then keyed by exactly these names.
   */
  columns?: string[];
  /** Skip this many rows first (whole row groups are skipped for parquet). */
  offset?: number;
  /** Stop after this many rows. */
  limit?: number;
  /**
   * Called for every cell that does not fit its feature (the cell is null in the row) and every
   * unreadable row (all its cells are null). Rows are never dropped, so row indices stay stable.
   */
  onInvalid?: (problem: RowProblem) => void;
}

export interface OpenedSplit {
  format: DataFormat;
  numRows: number;
  /** Top-level columns plus the dotted names of nested dict fields (`answers`, `answers.text`, ...). */
  columns: Set<string>;
  /** Top-level columns in file order. */
  topColumns: string[];
  /** Complete features: the card's, else parquet's `huggingface` metadata, else inferred. */
  features: Features;
  /** `features` flattened: top-level and dotted names. */
  flatFeatures: Features;
  featuresSource: FeaturesSource;
  reader: FormatReader;
}

const fileLabel = (layout: SplitLayout, path: string) =>
  `file "${path}" of dataset ${layout.dataset} (config "${layout.config}", split "${layout.split}")`;

/**
 * Opens the split's files: row count, columns and features, reading parquet footers only, or
 * streaming CSV/JSON files once (to count rows and type columns) with bounded memory.
 */
export async function openSplit(opts: ReadSplitOptions): Promise<OpenedSplit> {
  // Opening a CSV/JSON split costs a pass over its files; a split at a commit never changes, so
  // the result is reused (prepareDataset then runInference open the same split in one process).
  const key = !opts.open && opts.hub && /^[0-9a-f]{40}$/.test(opts.revision) && opts.layout.format !== "parquet"
    ? JSON.stringify([opts.hub.hubUrl, opts.dataset, opts.revision, opts.layout.config, opts.layout.split, opts.layout.files, opts.layout.features, opts.layout.options])
    : null;
  if (!key) return openSplitUncached(opts);
  let hit = OPENED.get(key);
  if (!hit) {
    hit = openSplitUncached(opts);
    OPENED.set(key, hit);
    hit.catch(() => OPENED.delete(key));
    if (OPENED.size > 32) OPENED.delete(OPENED.keys().next().value!);
  }
  return hit;
}

const OPENED = new Map<string, Promise<OpenedSplit>>();

async function openSplitUncached(opts: ReadSplitOptions): Promise<OpenedSplit> {
  const { layout } = opts;
  const open = opts.open ?? (opts.hub ? hubFileOpener(opts.hub, opts.dataset, opts.revision) : null);
  if (!open) throw new Error("openSplit needs either `hub` or `open`");
  if (layout.readme) await checkCardYaml({ dataset: layout.dataset ?? opts.dataset, readme: layout.readme, open });
  const sources = async () =>
    Promise.all(layout.files.map(async (f) => ({ path: f.path, source: await open(f), label: fileLabel(layout, f.path) })));
  let reader: FormatReader;
  switch (layout.format ?? "parquet") {
    case "parquet":
      reader = await openParquetSplit(await sources(), layout.features);
      break;
    case "csv":
      reader = await openCsvSplit(await sources(), layout.features, { sep: layout.options?.sep });
      break;
    case "json":
      reader = await openJsonSplit(await sources(), layout.features, { field: layout.options?.field });
      break;
    case "imagefolder":
      reader = openImagefolderSplit(
        layout.files.map((f) => ({ path: f.path, open: () => open(f) })),
        layout.labels ?? null,
        layout.features,
      );
      break;
  }
  const flatFeatures = flattenFeatures(reader.features);
  const columns = new Set([...reader.columns, ...Object.keys(flatFeatures).filter((c) => reader.columns.includes(c.split(".")[0]))]);
  return {
    format: layout.format ?? "parquet",
    numRows: reader.numRows,
    columns,
    topColumns: reader.columns,
    features: reader.features,
    flatFeatures,
    featuresSource: reader.featuresSource,
    reader,
  };
}

/**
 * Streams the rows of a split in batches (one parquet row group, or up to 1,000 CSV/JSON rows), so
 * memory holds one batch, not the split. Without `columns` the rows are the nested records.
 */
export async function* readSplitRows(opts: ReadSplitOptions, opened?: OpenedSplit): AsyncGenerator<Row[]> {
  const split = opened ?? (await openSplit(opts));
  const top = opts.columns ? opts.columns.map((c) => topColumnOf(split, c, opts.layout)) : undefined;
  const rows = split.reader.rows({
    columns: top ? [...new Set(top)] : undefined,
    offset: opts.offset,
    limit: opts.limit,
    onInvalid: opts.onInvalid,
  });
  for await (const batch of rows) {
    if (!opts.columns) {
      yield batch;
      continue;
    }
    const names = opts.columns;
    yield batch.map((row) => Object.fromEntries(names.map((name) => [name, getPath(row, name) ?? null])));
  }
}

/** The top-level column holding `name` (`answers` for `answers.text`), or a clear error. */
function topColumnOf(split: OpenedSplit, name: string, layout: SplitLayout): string {
  if (split.topColumns.includes(name) || name in split.features) return name;
  const parts = name.split(".");
  for (let i = parts.length - 1; i > 0; i--) {
    const prefix = parts.slice(0, i).join(".");
    if (split.topColumns.includes(prefix) && pathExists(split.features[prefix], parts.slice(i))) return prefix;
  }
  throw new AppError(
    "UNPROCESSABLE",
    `Column "${name}" does not exist in dataset ${layout.dataset} (config "${layout.config}", split "${layout.split}"); columns: ${[...split.columns].join(", ")}.`,
    { field: "columns" },
  );
}

/** Whether a dotted path leads somewhere inside a feature (through dicts, and lists of dicts). */
function pathExists(f: Feature | undefined, rest: string[]): boolean {
  if (!f) return false;
  if (rest.length === 0) return true;
  if (f.kind === "sequence") return pathExists(f.feature, rest);
  if (f.kind !== "dict") return f.kind === "unknown";
  for (let j = rest.length; j > 0; j--) {
    const key = rest.slice(0, j).join(".");
    if (key in f.fields) return pathExists(f.fields[key], rest.slice(j));
  }
  return false;
}
