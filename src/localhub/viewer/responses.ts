import { toTypedFeature, toTypedFeatures, type Features } from "@/server/datasets/features";
import { readSplitRows, type Row } from "@/server/datasets/read-split-rows";
import type { SplitLayout } from "@/server/datasets/resolve-split";
import type { RepoRef } from "../names";
import type { HubStore } from "../store";
import type { ExportedSplit, ParquetExport } from "./convert";
import { imageInfo } from "./image-info";
import { storeByteSource } from "./store-source";
import { jsonReplacer } from "./write-parquet";

/**
 * Builders of the dataset viewer's responses from the local hub's parquet export, in the shapes of
 * dataset-viewer's openapi.json (FeatureItem, RowItem, DatasetInfo, SplitHubFile, sizes).
 */

export const ROWS_PER_PAGE = 100;
const FIRST_ROWS_MAX_BYTES = 1_000_000;
const FIRST_ROWS_MIN_NUMBER = 10;
const FIRST_ROWS_MIN_CELL_BYTES = 100;

export const CONVERT_URL_REF = "refs%2Fconvert%2Fparquet";

export function parquetUrl(baseUrl: string, dataset: string, path: string): string {
  return `${baseUrl}/datasets/${dataset}/resolve/${CONVERT_URL_REF}/${path.split("/").map(encodeURIComponent).join("/")}`;
}

export function featureItems(features: Features) {
  return Object.entries(features).map(([name, f], i) => ({ feature_idx: i, name, type: toTypedFeature(f) }));
}

/** `dataset_info` of one config, as `DatasetInfo._to_yaml_dict` + the viewer lay it out. */
export function datasetInfo(exp: ParquetExport, dataset: string, config: string, card: Record<string, unknown>) {
  const splits = exp.splits.filter((s) => s.config === config);
  const features = splits[0]?.features ?? {};
  const asString = (v: unknown) => (typeof v === "string" ? v : Array.isArray(v) ? v.join(", ") : "");
  return {
    description: "",
    citation: asString(card.citation),
    homepage: asString(card.homepage),
    license: asString(card.license),
    features: toTypedFeatures(features),
    builder_name: exp.builders[config] ?? "parquet",
    dataset_name: dataset.split("/")[1],
    config_name: config,
    version: { version_str: "0.0.0", major: 0, minor: 0, patch: 0 },
    splits: Object.fromEntries(splits.map((s) => [s.split, { name: s.split, num_bytes: s.numBytesMemory, num_examples: s.numRows, dataset_name: null }])),
    download_size: exp.originalBytes[config] ?? 0,
    dataset_size: splits.reduce((n, s) => n + s.numBytesMemory, 0),
  };
}

export function splitSize(s: ExportedSplit, dataset: string) {
  return {
    dataset,
    config: s.config,
    split: s.split,
    num_bytes_parquet_files: s.size,
    num_bytes_memory: s.numBytesMemory,
    num_rows: s.numRows,
    num_columns: Object.keys(s.features).length,
    estimated_num_rows: null,
  };
}

export function configSize(exp: ParquetExport, dataset: string, config: string) {
  const splits = exp.splits.filter((s) => s.config === config);
  return {
    dataset,
    config,
    num_bytes_original_files: exp.originalBytes[config] ?? 0,
    num_bytes_parquet_files: splits.reduce((n, s) => n + s.size, 0),
    num_bytes_memory: splits.reduce((n, s) => n + s.numBytesMemory, 0),
    num_rows: splits.reduce((n, s) => n + s.numRows, 0),
    num_columns: Object.keys(splits[0]?.features ?? {}).length,
    estimated_num_rows: null,
  };
}

/** Reads rows [offset, offset + length) of an exported split, as stored (nested, cast). */
export async function readExportRows(store: HubStore, repo: RepoRef, s: ExportedSplit, offset: number, length: number): Promise<Row[]> {
  const layout: SplitLayout = {
    dataset: repo.name,
    config: s.config,
    split: s.split,
    format: "parquet",
    files: [{ path: s.path, size: s.size }],
    features: s.features,
    options: {},
  };
  const out: Row[] = [];
  const open = () => storeByteSource(store, repo, { oid: s.oid, size: s.size });
  for await (const batch of readSplitRows({ dataset: repo.name, revision: "", layout, open, offset, limit: length })) out.push(...batch);
  return out;
}

export interface AssetContext {
  baseUrl: string;
  dataset: string;
  /** Main commit the export was made from (in asset URLs, as the viewer puts the revision there). */
  revision: string;
  config: string;
  split: string;
  /** "assets" for /first-rows, "cached-assets" for /rows (the viewer's two URL families). */
  family: "assets" | "cached-assets";
}

/**
 * A stored row as viewer cells: top-level images become `{src, height, width}` pointing at an
 * asset URL the local hub serves; bytes become null (the viewer does not return binary); int64
 * bigints become numbers.
 */
export function toCells(row: Row, rowIdx: number, features: Features, ctx: AssetContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(features)) {
    const v = row[name];
    if (f.kind === "image") {
      const bytes = (v as { bytes?: unknown } | null)?.bytes;
      if (!(bytes instanceof Uint8Array)) {
        out[name] = null;
        continue;
      }
      const info = imageInfo(bytes);
      const src = `${ctx.baseUrl}/${ctx.family}/${ctx.dataset}/--/${ctx.revision}/--/${encodeURIComponent(ctx.config)}/${encodeURIComponent(ctx.split)}/${rowIdx}/${encodeURIComponent(name)}/image.${info.ext}`;
      out[name] = { src, height: info.height, width: info.width };
      continue;
    }
    out[name] = v === undefined ? null : JSON.parse(JSON.stringify(v, jsonReplacer) ?? "null");
  }
  return out;
}

const jsonSize = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

/** A cell cut to `max` bytes of its JSON, as the viewer's `serialize_and_truncate`; undefined if it fits. */
function truncateCell(cell: unknown, max: number): string | undefined {
  const bytes = Buffer.from(JSON.stringify(cell));
  if (bytes.length <= max) return undefined;
  let i = max;
  while (i > 0 && (bytes[i] & 0xc0) === 0x80) i--;
  return bytes.subarray(0, i).toString("utf8");
}

/**
 * `/first-rows` row items under the 1 MB budget, following dataset-viewer's
 * `create_truncated_row_items`: keep at least 10 rows, drop later rows that do not fit, and if the
 * first 10 are still too big, cut their cells (not images) to 100 bytes of JSON, last rows first.
 */
export function truncatedRowItems(rows: Record<string, unknown>[], surroundingBytes: number, keepColumns: string[]): { items: { row_idx: number; row: Record<string, unknown>; truncated_cells: string[] }[]; truncated: boolean } {
  const maxBytes = FIRST_ROWS_MAX_BYTES - surroundingBytes;
  const items: { row_idx: number; row: Record<string, unknown>; truncated_cells: string[] }[] = [];
  let bytes = 2;
  rows.slice(0, FIRST_ROWS_MIN_NUMBER).forEach((row, i) => {
    const item = { row_idx: i, row, truncated_cells: [] as string[] };
    bytes += jsonSize(item) + 1;
    items.push(item);
  });
  if (bytes >= maxBytes) {
    for (const item of [...items].reverse()) {
      if (bytes < maxBytes) break;
      const before = jsonSize(item);
      for (const [col, cell] of Object.entries(item.row)) {
        if (keepColumns.includes(col)) continue;
        const cut = truncateCell(cell, FIRST_ROWS_MIN_CELL_BYTES);
        if (cut === undefined) continue;
        item.row[col] = cut;
        if (!item.truncated_cells.includes(col)) item.truncated_cells.push(col);
      }
      bytes += jsonSize(item) - before;
    }
    return { items, truncated: items.length < rows.length };
  }
  for (let i = FIRST_ROWS_MIN_NUMBER; i < rows.length; i++) {
    const item = { row_idx: i, row: rows[i], truncated_cells: [] as string[] };
    bytes += jsonSize(item) + 1;
    if (bytes >= maxBytes) break;
    items.push(item);
  }
  return { items, truncated: items.length < rows.length };
}
