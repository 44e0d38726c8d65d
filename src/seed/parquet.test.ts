import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { describe, expect, it } from "vitest";
import { sst2ArrowNumBytes, splitParquetPath, SST2_HF_FEATURES, writeSst2Parquet } from "./parquet";
import { loadSst2Splits } from "./sst2";

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe("SST-2 parquet shards", () => {
  const { train, validation } = loadSst2Splits();

  it("uses the push_to_hub file layout", () => {
    expect(splitParquetPath("train")).toBe("data/train-00000-of-00001.parquet");
    expect(splitParquetPath("validation")).toBe("data/validation-00000-of-00001.parquet");
  });

  it("reads back with hyparquet: same rows, idx int32, sentence string, label int64", async () => {
    for (const rows of [train, validation]) {
      const file = toArrayBuffer(writeSst2Parquet(rows));
      const metadata = parquetMetadata(file);
      expect(Number(metadata.num_rows)).toBe(rows.length);
      const columns = parquetSchema(metadata).children.map((c) => [c.element.name, c.element.type, c.element.converted_type]);
      expect(columns).toEqual([
        ["idx", "INT32", undefined],
        ["sentence", "BYTE_ARRAY", "UTF8"],
        ["label", "INT64", undefined],
      ]);
      const read = await parquetReadObjects({ file });
      expect(read.map((r) => ({ idx: r.idx, sentence: r.sentence, label: Number(r.label) }))).toEqual(rows);
      expect(typeof read[0]!.label).toBe("bigint");
    }
  });

  it("carries the datasets `huggingface` features metadata (label is a ClassLabel)", () => {
    const metadata = parquetMetadata(toArrayBuffer(writeSst2Parquet(validation)));
    const hf = metadata.key_value_metadata?.find((kv) => kv.key === "huggingface");
    expect(JSON.parse(hf!.value!)).toEqual(SST2_HF_FEATURES);
  });

  it("is byte-identical across writes", () => {
    expect(Buffer.from(writeSst2Parquet(train)).equals(Buffer.from(writeSst2Parquet(train)))).toBe(true);
  });

  it("computes the Arrow num_bytes the datasets library reports", () => {
    const rows = [{ idx: 0, sentence: "héllo", label: 1 as const }];
    // idx 4 + label 8 + sentence (6 UTF-8 bytes + 2 int32 offsets)
    expect(sst2ArrowNumBytes(rows)).toBe(4 + 8 + 6 + 8);
  });
});
