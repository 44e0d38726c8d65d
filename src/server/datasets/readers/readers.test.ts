import { describe, expect, it } from "vitest";
import { bytesSource } from "../byte-source";
import { describeFeature, parseCardFeatures } from "../features";
import { openCsvSplit } from "./csv";
import { openJsonSplit } from "./json";
import type { FormatReader, RowProblem } from "./types";

const file = (path: string, text: string) => ({ path, source: bytesSource(new TextEncoder().encode(text)), label: `file "${path}" of dataset org/ds (config "default", split "train")` });

async function all(reader: FormatReader, opts: Parameters<FormatReader["rows"]>[0] = {}) {
  const rows: Record<string, unknown>[] = [];
  const problems: RowProblem[] = [];
  for await (const b of reader.rows({ ...opts, onInvalid: (p) => problems.push(p) })) rows.push(...b);
  return { rows, problems };
}
const types = (r: FormatReader) => Object.fromEntries(Object.entries(r.features).map(([k, f]) => [k, describeFeature(f)]));

describe("CSV reader", () => {
  it("infers int64, float64, bool and string from every cell; empty cells are null", async () => {
    const reader = await openCsvSplit([file("a.csv", "i,f,b,s,e\n1,1.5,true,x,\n-2,nan,False,3,\n007,1e3,TRUE,,\n")], null);
    expect(types(reader)).toEqual({ i: "int64", f: "float64", b: "bool", s: "string", e: "string" });
    const { rows } = await all(reader);
    expect(rows).toEqual([
      { i: 1, f: 1.5, b: true, s: "x", e: null },
      { i: -2, f: NaN, b: false, s: "3", e: null },
      { i: 7, f: 1000, b: true, s: null, e: null },
    ]);
  });
  it("reads TSV by extension and a card separator for other files", async () => {
    const tsv = await openCsvSplit([file("a.tsv", "x\ty\n1\ta,b\n")], null);
    expect((await all(tsv)).rows).toEqual([{ x: 1, y: "a,b" }]);
    const semi = await openCsvSplit([file("a.csv", "x;y\n1;2\n")], null, { sep: ";" });
    expect((await all(semi)).rows).toEqual([{ x: 1, y: 2 }]);
  });
  it("types a column by all its rows, not a sample: a late float makes the column float64", async () => {
    const lines = ["n", ...Array.from({ length: 5000 }, (_, i) => String(i)), "0.5"].join("\n");
    const reader = await openCsvSplit([file("a.csv", lines)], null);
    expect(types(reader)).toEqual({ n: "float64" });
    expect(reader.numRows).toBe(5001);
  });
  it("aligns later files by header name", async () => {
    const reader = await openCsvSplit([file("a.csv", "x,y\n1,2\n"), file("b.csv", "y,x\n4,3\n")], null);
    expect((await all(reader)).rows).toEqual([{ x: 1, y: 2 }, { x: 3, y: 4 }]);
  });
});

describe("JSON reader", () => {
  it("reads a list of strings as `text` rows, like datasets", async () => {
    const reader = await openJsonSplit([file("a.json", '["one", "two"]')], null);
    expect((await all(reader)).rows).toEqual([{ text: "one" }, { text: "two" }]);
  });
  it("does not mistake a one-record list for a single object needing `field`", async () => {
    const reader = await openJsonSplit([file("a.json", '[{"id": 1, "spans": [{"start": 0}]}]')], null);
    expect((await all(reader)).rows).toEqual([{ id: 1, spans: [{ start: 0 }] }]);
  });
  it("merges types across rows: int and float give float64, a string and a number give Json", async () => {
    const reader = await openJsonSplit([file("a.jsonl", '{"a": 1, "b": "x", "c": [1]}\n{"a": 1.5, "b": 2, "c": []}\n{"d": {"e": true}}\n')], null);
    expect(types(reader)).toEqual({ a: "float64", b: "unknown", c: "Sequence(int64)", d: "dict(e)" });
    const { rows, problems } = await all(reader);
    expect(rows[1]).toEqual({ a: 1.5, b: 2, c: [], d: null });
    expect(problems).toEqual([
      { row: 0, column: "d", reason: "missing cell" },
      { row: 1, column: "d", reason: "missing cell" },
      { row: 2, column: "a", reason: "missing cell" },
      { row: 2, column: "b", reason: "missing cell" },
      { row: 2, column: "c", reason: "missing cell" },
    ]);
  });
  it("reports a malformed line as an unreadable row of nulls, keeping the row count", async () => {
    const reader = await openJsonSplit([file("a.jsonl", '{"a": 1}\n{"a": tru}\n{"a": 3}\n')], parseCardFeatures([{ name: "a", dtype: "int64" }]));
    const { rows, problems } = await all(reader);
    expect(rows).toEqual([{ a: 1 }, { a: null }, { a: 3 }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 1, column: "(row)" });
    expect(problems[0].reason).toMatch(/^malformed JSON at byte 9 of a\.jsonl/);
  });
});
