import { parquetWriteBuffer } from "hyparquet-writer";
import { CONLL_LABELS, type ConllRow } from "./conll";

/** `huggingface` parquet metadata, as `datasets` 4 writes it for Sequence(Value) / Sequence(ClassLabel). */
export const CONLL_HF_FEATURES = {
  info: {
    features: {
      tokens: { feature: { dtype: "string", _type: "Value" }, _type: "List" },
      ner_tags: { feature: { names: [...CONLL_LABELS], _type: "ClassLabel" }, _type: "List" },
    },
  },
} as const;

/**
 * One split as parquet: `tokens` list<string>, `ner_tags` list<int64> in pyarrow's three-level
 * LIST layout (`<col>.list.element`). `createdBy` is pinned so the bytes do not depend on the writer version.
 */
export function writeConllParquet(rows: readonly ConllRow[]): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "tokens", data: rows.map((r) => r.tokens) },
      { name: "ner_tags", data: rows.map((r) => r.ner_tags.map((id) => BigInt(id))) },
    ],
    schema: [
      { name: "root", num_children: 2 },
      { name: "tokens", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      { name: "element", repetition_type: "OPTIONAL", type: "BYTE_ARRAY", converted_type: "UTF8" },
      { name: "ner_tags", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      { name: "element", repetition_type: "OPTIONAL", type: "INT64" },
    ],
    rowGroupSize: Math.max(rows.length, 1),
    createdBy: "evalhub-seed",
    kvMetadata: [{ key: "huggingface", value: JSON.stringify(CONLL_HF_FEATURES) }],
  });
  return new Uint8Array(buffer);
}

/**
 * `dataset_info.splits[].num_bytes` (Arrow in-memory size): each list column has (n + 1) int32
 * offsets; the string child adds (m + 1) offsets and its UTF-8 bytes, the int64 child 8 B per tag.
 */
export function conllArrowNumBytes(rows: readonly ConllRow[]): number {
  const encoder = new TextEncoder();
  const words = rows.reduce((sum, r) => sum + r.tokens.length, 0);
  const text = rows.reduce((sum, r) => sum + r.tokens.reduce((s, t) => s + encoder.encode(t).length, 0), 0);
  return (rows.length + 1) * 4 + (words + 1) * 4 + text + (rows.length + 1) * 4 + words * 8;
}
