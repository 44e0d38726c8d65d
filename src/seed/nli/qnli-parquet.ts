import { parquetWriteBuffer } from "hyparquet-writer";
import { QNLI_LABELS, type QnliRow } from "./qnli-data";

/** The `huggingface` metadata `datasets` writes, so readers restore `label` as a ClassLabel. */
export const QNLI_HF_FEATURES = {
  info: {
    features: {
      question: { dtype: "string", _type: "Value" },
      sentence: { dtype: "string", _type: "Value" },
      label: { names: [...QNLI_LABELS], _type: "ClassLabel" },
    },
  },
} as const;

/** One split as one parquet file and one row group; `createdBy` pinned so the bytes never drift. */
export function writeQnliParquet(rows: readonly QnliRow[]): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "question", data: rows.map((r) => r.question), type: "STRING" },
      { name: "sentence", data: rows.map((r) => r.sentence), type: "STRING" },
      { name: "label", data: BigInt64Array.from(rows, (r) => BigInt(r.label)), type: "INT64" },
    ],
    rowGroupSize: Math.max(rows.length, 1),
    createdBy: "evalhub-seed",
    kvMetadata: [{ key: "huggingface", value: JSON.stringify(QNLI_HF_FEATURES) }],
  });
  return new Uint8Array(buffer);
}

/** Arrow in-memory size as `datasets` reports `num_bytes`: two string columns and an int64. */
export function qnliArrowNumBytes(rows: readonly QnliRow[]): number {
  const encoder = new TextEncoder();
  let text = 0;
  for (const row of rows) text += encoder.encode(row.question).length + encoder.encode(row.sentence).length;
  return text + 2 * (rows.length + 1) * 4 + rows.length * 8;
}
