import { describe, expect, it } from "vitest";
import { loadSst2Splits, mulberry32, parseSst2Tsv, readSst2Dev, splitSst2 } from "./sst2";

describe("SST-2 seed split", () => {
  it("reads all 872 GLUE SST-2 validation rows with trailing spaces trimmed", () => {
    const rows = readSst2Dev();
    expect(rows).toHaveLength(872);
    expect(rows.filter((r) => r.label === 1)).toHaveLength(444);
    expect(rows[0]).toEqual({ idx: 0, sentence: "it 's a charming and often affecting journey .", label: 1 });
    expect(rows.every((r, i) => r.idx === i && r.sentence === r.sentence.trim())).toBe(true);
  });

  it("rejects a file with an unexpected header", () => {
    expect(() => parseSst2Tsv("sentence\tlabel\nfoo\t1\n")).toThrow(/header/);
  });

  it("splits into 472 train and 400 validation rows, disjoint, stratified, in idx order", () => {
    const { train, validation } = loadSst2Splits();
    expect(train).toHaveLength(472);
    expect(validation).toHaveLength(400);
    const ids = new Set([...train, ...validation].map((r) => r.idx));
    expect(ids.size).toBe(872);
    expect(validation.filter((r) => r.label === 1)).toHaveLength(204); // 400 * 444 / 872, rounded
    for (const split of [train, validation]) {
      expect(split.every((r, i) => i === 0 || split[i - 1]!.idx < r.idx)).toBe(true);
    }
  });

  it("gives the same split on every run and a different one for another seed", () => {
    const rows = readSst2Dev();
    const a = splitSst2(rows).validation.map((r) => r.idx);
    expect(splitSst2(rows).validation.map((r) => r.idx)).toEqual(a);
    expect(splitSst2(rows, { seed: 1 }).validation.map((r) => r.idx)).not.toEqual(a);
  });

  it("mulberry32 is a fixed sequence in [0, 1)", () => {
    const random = mulberry32(42);
    const values = Array.from({ length: 3 }, random);
    expect(values).toEqual(Array.from({ length: 3 }, mulberry32(42)));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
