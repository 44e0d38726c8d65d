import { describe, expect, it } from "vitest";
import { CsvParser, parseCsvStream } from "./csv-parser";

async function* chunksOf(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function parseAll(text: string, sep = ",", size = 3) {
  const out: string[][] = [];
  for await (const r of parseCsvStream(chunksOf(text, size), sep)) out.push(r.fields);
  return out;
}

describe("CSV parser", () => {
  it("reads quoted fields with escaped quotes, separators and line breaks inside quotes", async () => {
    const text = 'a,b,c\r\n1,"x, ""y""",3\r\n2,"multi\nline",\n';
    expect(await parseAll(text)).toEqual([
      ["a", "b", "c"],
      ["1", 'x, "y"', "3"],
      ["2", "multi\nline", ""],
    ]);
  });
  it("gives the same records whatever the chunk size, including multi-byte characters split across chunks", async () => {
    const text = "\ufefftext,label\nné à Paris — “quoted”,1\n\"ü\tö\",0";
    const expected = [["text", "label"], ["né à Paris — “quoted”", "1"], ["ü\tö", "0"]];
    for (const size of [1, 2, 5, 1000]) expect(await parseAll(text, ",", size)).toEqual(expected);
  });
  it("splits TSV on tabs, handles CR-only line ends and skips blank lines", async () => {
    expect(await parseAll("a\tb\r1\t2\r\r3\t4", "\t")).toEqual([["a", "b"], ["1", "2"], ["3", "4"]]);
  });
  it("treats a quote inside an unquoted field as a literal", () => {
    const p = new CsvParser(",");
    expect(p.push('it\'s "fine",1\n').map((r) => r.fields)).toEqual([['it\'s "fine"', "1"]]);
  });
  it("reports the line a record starts on", () => {
    const p = new CsvParser(",");
    const recs = [...p.push('a,b\n"x\ny",1\nz,2\n'), ...p.end()];
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4]);
  });
  it("fails on an unterminated quote", async () => {
    await expect(parseAll('a,b\n"open,1\n')).rejects.toThrow(/unterminated quote/);
  });
});
