import { cachedAsyncBuffer, parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData, type SchemaTree } from "hyparquet";
import { AppError } from "@/server/errors";
import type { ByteSource } from "../byte-source";
import { fromTypedFeatures, value, type Feature, type Features } from "../features";
import { castRow } from "./cast";
import type { FeaturesSource, FormatReader, ReadRowsOptions, Row } from "./types";

/** Files below this are read whole once (hyparquet's own threshold for caching a whole file). */
const SMALL_FILE = 512 * 1024;

export interface ParquetFile {
  path: string;
  buffer: AsyncBuffer;
  metadata: FileMetaData;
  numRows: number;
}

/** Reads a file's footer (row count, schema, row groups) without touching data pages. */
export async function openParquetFile(path: string, source: ByteSource, label: string): Promise<ParquetFile> {
  // hyparquet's cache keeps every slice it is asked for; for data pages that would grow with the
  // split, so it only serves the footer read (and small files, which it holds whole).
  const cached = cachedAsyncBuffer(source);
  const buffer: AsyncBuffer = source.byteLength < SMALL_FILE ? cached : source;
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(cached);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("UNPROCESSABLE", `Cannot read ${label} as parquet: ${(err as Error).message}`, { field: "split" });
  }
  return { path, buffer, metadata, numRows: Number(metadata.num_rows) };
}

/** Features from the `huggingface` key-value metadata `datasets` writes into its parquet files. */
export function huggingfaceFeatures(metadata: FileMetaData): Features | null {
  const kv = metadata.key_value_metadata?.find((e) => e.key === "huggingface");
  if (!kv?.value) return null;
  try {
    const parsed = JSON.parse(kv.value) as { info?: { features?: unknown } };
    const features = parsed.info?.features;
    return features && typeof features === "object" ? fromTypedFeatures(features) : null;
  } catch {
    return null;
  }
}

/** Features read off the parquet schema, as `Features.from_arrow_schema` would see it. */
export function schemaFeatures(metadata: FileMetaData): Features {
  const root = parquetSchema(metadata);
  return Object.fromEntries(root.children.map((c) => [c.element.name, nodeFeature(c)]));
}

function nodeFeature(node: SchemaTree): Feature {
  const e = node.element;
  const isList = e.converted_type === "LIST" || e.logical_type?.type === "LIST";
  if (isList && node.children.length === 1) {
    const repeated = node.children[0];
    // 3-level lists: LIST > repeated group > element; 2-level legacy: LIST > repeated element.
    const element = repeated.children.length === 1 && repeated.element.num_children ? repeated.children[0] : repeated;
    return { kind: "sequence", feature: nodeFeature(element) };
  }
  if (e.converted_type === "MAP" || e.logical_type?.type === "MAP") return { kind: "unknown", raw: { _type: "Json" } };
  if (node.children.length > 0) {
    const dict: Feature = { kind: "dict", fields: Object.fromEntries(node.children.map((c) => [c.element.name, nodeFeature(c)])) };
    return e.repetition_type === "REPEATED" ? { kind: "sequence", feature: dict } : dict;
  }
  const leaf = leafFeature(e);
  return e.repetition_type === "REPEATED" ? { kind: "sequence", feature: leaf } : leaf;
}

function leafFeature(e: SchemaTree["element"]): Feature {
  const lt = e.logical_type;
  switch (e.type) {
    case "BOOLEAN":
      return value("bool");
    case "INT32":
    case "INT64": {
      if (lt?.type === "INTEGER") return value(`${lt.isSigned ? "" : "u"}int${lt.bitWidth}`);
      const ct = e.converted_type;
      if (ct && /^U?INT_(8|16|32|64)$/.test(ct)) return value(ct.replace("INT_", "int").toLowerCase());
      if (ct === "DATE" || lt?.type === "DATE") return value("date32");
      if (lt?.type === "TIMESTAMP") return value(`timestamp[${lt.unit === "MILLIS" ? "ms" : lt.unit === "MICROS" ? "us" : "ns"}]`);
      if (ct === "TIMESTAMP_MILLIS") return value("timestamp[ms]");
      if (ct === "TIMESTAMP_MICROS") return value("timestamp[us]");
      if (ct === "DECIMAL" || lt?.type === "DECIMAL") return value(`decimal128(${e.precision}, ${e.scale})`);
      return value(e.type === "INT32" ? "int32" : "int64");
    }
    case "INT96":
      return value("timestamp[ns]");
    case "FLOAT":
      return value("float32");
    case "DOUBLE":
      return value("float64");
    case "BYTE_ARRAY":
      if (e.converted_type === "UTF8" || e.converted_type === "JSON" || lt?.type === "STRING" || lt?.type === "JSON" || lt?.type === "ENUM") return value("string");
      return value("binary");
    case "FIXED_LEN_BYTE_ARRAY":
      if (lt?.type === "FLOAT16") return value("float16");
      return value("binary");
    default:
      return { kind: "unknown", raw: null };
  }
}

/**
 * A parquet split: row counts and schemas come from the footers; rows are read one row group at a
 * time and only for the requested columns, so memory holds one row group of those columns.
 */
export async function openParquetSplit(
  files: { path: string; source: ByteSource; label: string }[],
  cardFeatures: Features | null,
): Promise<FormatReader & { files: ParquetFile[] }> {
  const opened: ParquetFile[] = [];
  for (const f of files) opened.push(await openParquetFile(f.path, f.source, f.label));
  const first = opened[0]?.metadata;
  let features: Features;
  let featuresSource: FeaturesSource;
  const fromMetadata = first ? huggingfaceFeatures(first) : null;
  if (cardFeatures && Object.keys(cardFeatures).length > 0) [features, featuresSource] = [cardFeatures, "card"];
  else if (fromMetadata) [features, featuresSource] = [fromMetadata, "parquet-metadata"];
  else [features, featuresSource] = [first ? schemaFeatures(first) : {}, "parquet-schema"];
  const schemaColumns = first ? parquetSchema(first).children.map((c) => c.element.name) : Object.keys(features);
  // Columns are what the file holds; a column the declared features miss is typed from the schema.
  const columns = schemaColumns;
  features = { ...features };
  const missing = schemaColumns.filter((c) => !(c in features));
  if (missing.length > 0) {
    const fromSchema = schemaFeatures(first!);
    for (const c of missing) features[c] = fromSchema[c];
  }
  const numRows = opened.reduce((n, f) => n + f.numRows, 0);

  async function* rows(opts: ReadRowsOptions): AsyncGenerator<Row[]> {
    const wanted = opts.columns ?? columns;
    const subset: Features = Object.fromEntries(wanted.filter((c) => c in features).map((c) => [c, features[c]]));
    const readColumns = wanted.filter((c) => schemaColumns.includes(c));
    let skip = opts.offset ?? 0;
    let remaining = opts.limit ?? Infinity;
    let rowIndex = 0;
    for (const file of opened) {
      let groupStart = 0;
      for (const group of file.metadata.row_groups) {
        if (remaining <= 0) return;
        const groupRows = Number(group.num_rows);
        if (skip >= groupRows) {
          skip -= groupRows;
          groupStart += groupRows;
          rowIndex += groupRows;
          continue;
        }
        const rowStart = groupStart + skip;
        const rowEnd = groupStart + Math.min(groupRows, skip + remaining);
        rowIndex += skip;
        skip = 0;
        const raw = (await parquetReadObjects({
          file: file.buffer,
          metadata: file.metadata,
          columns: readColumns,
          rowStart,
          rowEnd,
          utf8: false,
        })) as Row[];
        const batch = raw.map((r) => {
          const row = rowIndex++;
          return castRow(r, subset, (column, reason) => opts.onInvalid?.({ row, column, reason }));
        });
        rowIndex += groupRows - (rowEnd - groupStart);
        remaining -= batch.length;
        groupStart += groupRows;
        if (batch.length > 0) yield batch;
      }
    }
  }

  return { numRows, columns, features, featuresSource, files: opened, rows };
}
