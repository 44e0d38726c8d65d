import { ByteWriter, parquetWriteRows } from "hyparquet-writer";
import { isFloatDtype, isIntDtype, isStringDtype } from "@/server/datasets/readers/cast";
import { toTypedFeatures, value, type Feature, type Features } from "@/server/datasets/features";

/**
 * Writes rows as parquet the way `datasets` lays a dataset out: one column per feature (lists as
 * 3-level LIST groups, dicts as groups, Image as {bytes, path}, ClassLabel as int64), and the exact
 * features in the `huggingface` key-value metadata, so readers restore ClassLabel names and Image.
 */

// hyparquet-writer bundles its own hyparquet types; use its view of a schema element.
type SchemaElement = NonNullable<Parameters<typeof parquetWriteRows>[0]["schema"]>[number];

/** Dtypes written as such; any other dtype (timestamps, decimals, ...) is stored as its string form. */
function storedFeature(f: Feature): Feature {
  switch (f.kind) {
    case "value":
      if (isIntDtype(f.dtype) || isFloatDtype(f.dtype) || isStringDtype(f.dtype) || f.dtype === "bool" || f.dtype === "binary" || f.dtype === "large_binary") {
        return f.dtype.startsWith("decimal") ? value("string") : f;
      }
      return value("string");
    case "sequence":
      return { ...f, feature: storedFeature(f.feature) };
    case "dict":
      return { ...f, fields: Object.fromEntries(Object.entries(f.fields).map(([k, sub]) => [k, storedFeature(sub)])) };
    default:
      return f;
  }
}

function leaf(name: string, dtype: string): SchemaElement {
  const base = { name, repetition_type: "OPTIONAL" as const };
  if (dtype === "bool") return { ...base, type: "BOOLEAN" };
  if (dtype === "int8" || dtype === "int16" || dtype === "uint8" || dtype === "uint16") {
    return { ...base, type: "INT32", converted_type: dtype.startsWith("u") ? (dtype === "uint8" ? "UINT_8" : "UINT_16") : dtype === "int8" ? "INT_8" : "INT_16" };
  }
  if (dtype === "int32") return { ...base, type: "INT32" };
  if (dtype === "uint32") return { ...base, type: "INT32", converted_type: "UINT_32" };
  if (dtype === "int64") return { ...base, type: "INT64" };
  if (dtype === "uint64") return { ...base, type: "INT64", converted_type: "UINT_64" };
  if (dtype === "float16" || dtype === "float32") return { ...base, type: "FLOAT" };
  if (dtype === "float64") return { ...base, type: "DOUBLE" };
  if (dtype === "binary" || dtype === "large_binary") return { ...base, type: "BYTE_ARRAY" };
  return { ...base, type: "BYTE_ARRAY", converted_type: "UTF8" };
}

function schemaOf(name: string, f: Feature): SchemaElement[] {
  switch (f.kind) {
    case "value":
      return [leaf(name, f.dtype)];
    case "class_label":
      return [leaf(name, "int64")];
    case "sequence":
      return [
        { name, repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        ...schemaOf("element", f.feature),
      ];
    case "dict": {
      const entries = Object.entries(f.fields);
      if (entries.length === 0) return [leaf(name, "string")];
      return [{ name, repetition_type: "OPTIONAL", num_children: entries.length }, ...entries.flatMap(([k, sub]) => schemaOf(k, sub))];
    }
    case "image":
      return [{ name, repetition_type: "OPTIONAL", num_children: 2 }, leaf("bytes", "binary"), leaf("path", "string")];
    default:
      return [leaf(name, "string")];
  }
}

/** A cell in the representation hyparquet-writer expects for the stored feature. */
function toStored(v: unknown, f: Feature): unknown {
  if (v === null || v === undefined) return null;
  switch (f.kind) {
    case "value": {
      const d = f.dtype;
      if (d === "int64" || d === "uint64") return typeof v === "bigint" ? v : typeof v === "number" ? BigInt(Math.trunc(v)) : null;
      if (isIntDtype(d)) return typeof v === "bigint" ? Number(v) : v;
      if (isFloatDtype(d)) return typeof v === "bigint" ? Number(v) : v;
      if (d === "bool") return v;
      if (d === "binary" || d === "large_binary") return v instanceof Uint8Array ? v : null;
      return typeof v === "string" ? v : v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v, jsonReplacer) : String(v);
    }
    case "class_label":
      return typeof v === "bigint" ? v : BigInt(v as number);
    case "sequence":
      return Array.isArray(v) ? v.map((x) => toStored(x, f.feature)) : null;
    case "dict": {
      if (Object.keys(f.fields).length === 0) return JSON.stringify(v, jsonReplacer);
      const o = v as Record<string, unknown>;
      return Object.fromEntries(Object.entries(f.fields).map(([k, sub]) => [k, toStored(o[k], sub)]));
    }
    case "image": {
      const o = v as { bytes?: unknown; path?: unknown };
      return { bytes: o.bytes instanceof Uint8Array ? o.bytes : null, path: typeof o.path === "string" ? o.path : null };
    }
    default:
      return JSON.stringify(v, jsonReplacer);
  }
}

export function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Uint8Array) return null;
  return v;
}

/**
 * Writes `rows` (cast to `features`) as one parquet file, one row group per `rowGroupSize` rows.
 * Memory holds one row group of input plus the encoded output.
 */
export async function writeParquet(opts: {
  features: Features;
  rows: AsyncIterable<Record<string, unknown>[]>;
  rowGroupSize?: number;
}): Promise<{ bytes: Uint8Array; features: Features }> {
  const stored: Features = Object.fromEntries(Object.entries(opts.features).map(([k, f]) => [k, storedFeature(f)]));
  const names = Object.keys(stored);
  if (names.length === 0) throw new Error("the split has no columns to write");
  const schema: SchemaElement[] = [{ name: "schema", num_children: names.length }, ...names.flatMap((n) => schemaOf(n, stored[n]))];
  async function* flat() {
    for await (const batch of opts.rows) {
      for (const row of batch) yield Object.fromEntries(names.map((n) => [n, toStored(row[n], stored[n])]));
    }
  }
  const writer = new ByteWriter();
  await parquetWriteRows({
    writer,
    rows: flat(),
    columns: names.map((name) => ({ name })),
    schema,
    rowGroupSize: opts.rowGroupSize ?? 1000,
    createdBy: "evalhub-localhub parquet-converter",
    kvMetadata: [{ key: "huggingface", value: JSON.stringify({ info: { features: toTypedFeatures(stored) } }) }],
  });
  return { bytes: new Uint8Array(writer.getBuffer()), features: stored };
}
