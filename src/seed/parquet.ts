import { parquetWriteBuffer } from "hyparquet-writer";
import { SST2_LABELS, type Sst2Row } from "./sst2";

/** Where `datasets.Dataset.push_to_hub` puts a single-shard split of the default config. */
export const splitParquetPath = (split: string): string => `data/${split}-00000-of-00001.parquet`;

/**
 * The `huggingface` key-value metadata `datasets` writes into every parquet file. Readers that
 * know it (datasets, the dataset viewer) restore `label` as a ClassLabel rather than a bare int64.
 */
export const SST2_HF_FEATURES = {
  info: {
    features: {
      idx: { dtype: "int32", _type: "Value" },
      sentence: { dtype: "string", _type: "Value" },
      label: { names: [...SST2_LABELS], _type: "ClassLabel" },
    },
  },
} as const;

/**
 * One split as a parquet file: idx INT32, sentence UTF8 string, label INT64 (ClassLabel ids are
 * int64 in Arrow). A single row group holds the whole split, as pyarrow does for small shards.
 * `createdBy` is pinned so the bytes do not change when hyparquet-writer's version does.
 */
export function writeSst2Parquet(rows: readonly Sst2Row[]): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "idx", data: Int32Array.from(rows, (r) => r.idx), type: "INT32" },
      { name: "sentence", data: rows.map((r) => r.sentence), type: "STRING" },
      { name: "label", data: BigInt64Array.from(rows, (r) => BigInt(r.label)), type: "INT64" },
    ],
    rowGroupSize: Math.max(rows.length, 1),
    createdBy: "evalhub-seed",
    kvMetadata: [{ key: "huggingface", value: JSON.stringify(SST2_HF_FEATURES) }],
  });
  return new Uint8Array(buffer);
}

/**
 * `dataset_info.splits[].num_bytes` as `datasets` reports it: the Arrow in-memory size of the
 * split (int32 = 4 B, int64 = 8 B per row; a string column = its UTF-8 bytes + (n + 1) int32 offsets;
 * no validity bitmaps because nothing is null). It is not the parquet size (that is download_size).
 */
export function sst2ArrowNumBytes(rows: readonly Sst2Row[]): number {
  const encoder = new TextEncoder();
  let text = 0;
  for (const row of rows) text += encoder.encode(row.sentence).length;
  return rows.length * 4 + (text + (rows.length + 1) * 4) + rows.length * 8;
}
