import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chrf } from "../chrf";
import { sacrebleu } from "../sacrebleu";
import { ter } from "../ter";

interface Vector {
  hyps: string[];
  refs: string[][];
  bleu_args: Record<string, unknown>;
  bleu: { score: number; counts: number[]; totals: number[]; bp: number; sys_len: number; ref_len: number; signature: string };
  chrf_args: Record<string, unknown>;
  chrf: number;
  ter_args: Record<string, unknown>;
  ter: { score: number; num_edits: number; ref_length: number };
}

// Random hypotheses/references mixing punctuation, entities, CJK, astral code points, Python-only
// whitespace (U+001C, U+0085), U+FEFF, newlines, every tokenizer, smoothing method and option.
const { cases } = JSON.parse(readFileSync(path.join(import.meta.dirname, "testdata/sacrebleu-2.6.0-random-vectors.json"), "utf8")) as { cases: Vector[] };
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe("sacrebleu, chrf and ter equal sacreBLEU 2.6.0 on 100 random corpora", () => {
  it("sacrebleu: every output key and the signature", () => {
    for (const [i, c] of cases.entries()) {
      const out = sacrebleu.compute(c.hyps, c.refs, sacrebleu.argsSchema.parse(c.bleu_args)) as unknown as Vector["bleu"];
      const e = c.bleu;
      const ok =
        close(out.score, e.score) &&
        close(out.bp, e.bp) &&
        out.sys_len === e.sys_len &&
        out.ref_len === e.ref_len &&
        out.signature === e.signature &&
        e.counts.every((x, k) => close(out.counts[k], x)) &&
        e.totals.every((x, k) => close(out.totals[k], x));
      expect(ok, `case ${i}: ${JSON.stringify(out)} vs ${JSON.stringify(e)}`).toBe(true);
    }
  });
  it("chrf", () => {
    for (const [i, c] of cases.entries()) {
      const out = chrf.compute(c.hyps, c.refs, chrf.argsSchema.parse(c.chrf_args));
      expect(close(out.score as number, c.chrf), `case ${i}: ${out.score} vs ${c.chrf}`).toBe(true);
    }
  });
  it("ter", () => {
    for (const [i, c] of cases.entries()) {
      const out = ter.compute(c.hyps, c.refs, ter.argsSchema.parse(c.ter_args));
      expect(out.num_edits, `case ${i}`).toBe(c.ter.num_edits);
      expect(close(out.ref_length as number, c.ter.ref_length) && close(out.score as number, c.ter.score), `case ${i}`).toBe(true);
    }
  });
});
