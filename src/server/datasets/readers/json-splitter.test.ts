import { describe, expect, it } from "vitest";
import { JsonRowSplitter, type JsonRowMode } from "./json-splitter";

function split(text: string, mode: JsonRowMode = { kind: "top" }, size = 4) {
  const s = new JsonRowSplitter(mode);
  const bytes = new TextEncoder().encode(text);
  const rows: unknown[] = [];
  for (let i = 0; i < bytes.length; i += size) for (const r of s.push(bytes.slice(i, i + size))) rows.push(JSON.parse(r.text));
  const end = s.end();
  for (const r of end.rows) rows.push(JSON.parse(r.text));
  return { rows, error: end.error, splitter: s };
}

describe("JsonRowSplitter", () => {
  it("splits JSON Lines, compact or pretty-printed, with braces and quotes inside strings", () => {
    const text = '{"a": "}{\\"", "b": [1, {"c": 2}]}\n{"a": "é"}\n\n{\n  "a": "x"\n} {"a": 3}';
    for (const size of [1, 3, 1000]) {
      expect(split(text, { kind: "top" }, size).rows).toEqual([{ a: '}{"', b: [1, { c: 2 }] }, { a: "é" }, { a: "x" }, { a: 3 }]);
    }
  });
  it("splits the elements of a top-level list, including scalars", () => {
    expect(split('[{"a": 1}, {"a": [2, 3]}]').rows).toEqual([{ a: 1 }, { a: [2, 3] }]);
    expect(split('["x", "y,z", 12, true]').rows).toEqual(["x", "y,z", 12, true]);
  });
  it("streams the list under one key of a single object (field mode)", () => {
    const text = '{"version": "1.1", "meta": {"data": [0]}, "data": [{"id": "a"}, {"id": "b"}], "after": [{"id": "c"}]}';
    for (const size of [1, 7, 1000]) {
      const { rows, splitter } = split(text, { kind: "field", field: "data" }, size);
      expect(rows).toEqual([{ id: "a" }, { id: "b" }]);
      expect(splitter.foundField).toBe(true);
    }
  });
  it("knows when the field is missing and lists the top-level keys", () => {
    const { rows, splitter } = split('{"version": 2, "rows": [{"a": 1}]}', { kind: "field", field: "data" });
    expect(rows).toEqual([]);
    expect(splitter.foundField).toBe(false);
    expect(splitter.topKeys).toEqual(["version", "rows"]);
  });
  it("reports a truncated document", () => {
    expect(split('{"a": 1}\n{"a": ').error).toMatch(/ends inside a value that started at byte 9/);
  });
  it("skips a UTF-8 byte order mark", () => {
    expect(split('\ufeff{"a": 1}').rows).toEqual([{ a: 1 }]);
  });
});
