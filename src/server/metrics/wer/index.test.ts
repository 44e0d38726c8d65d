import { expectClose } from "../testing";
import { describe, expect, it } from "vitest";
import { wer } from ".";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";

const run = (predictions: unknown[], references: unknown[], concatenate_texts = false) =>
  wer.compute(predictions as string[], references as string[], { concatenate_texts });
const value = (predictions: unknown[], references: unknown[]) => run(predictions, references).wer as number;

describe("wer", () => {
  it("reproduces its card examples", () => {
    for (const e of wer.examples) {
      const out = wer.compute(e.predictions, e.references, { ...wer.defaultArgs, ...e.args });
      for (const [k, v] of Object.entries(e.expected)) expectClose(out[k], v);
    }
  });

  // jiwer tests/test_measures.py, TestMeasuresDefaultTransform (reference first there, prediction first here).
  it("matches jiwer's measure tests", () => {
    expect(value(["This is a test"], ["This is a test"])).toBe(0);
    expect(value([""], ["This is a test"])).toBe(1);
    expect(value(["This test"], ["This is a test"])).toBe(0.5);
    // Known values from Morris et al., "From WER and RIL to MER and WIL".
    expect(value(["X"], ["X"])).toBe(0);
    expect(value(["X X Y Y"], ["X"])).toBe(3);
    expect(value(["X Z"], ["X Y X"])).toBeCloseTo(2 / 3, 15);
    expect(value(["Y"], ["X"])).toBe(1);
    expect(value(["Y Z"], ["X"])).toBe(2);
    expect(value(["i am", "i good"], ["i", "am i good"])).toBe(0.5);
    expect(value(["i good", "i am"], ["am i good", "i"])).toBe(0.5);
  });

  it("counts substitutions, deletions, insertions and hits like jiwer (tests/test_count_errors.py)", () => {
    const ref = ["sub", "sub", "sub", "sub", "sub", "this was", "del", "hit"];
    const hyp = ["bus", "bus", "bus", "usb", "bsu", "this was ins", "", "hit"];
    expect(run(hyp, ref)).toEqual({ wer: 7 / 9, substitutions: 5, deletions: 1, insertions: 1, hits: 3 });
  });

  // Expected values: jiwer 3 transforms (Python `re`/`str.strip`) + rapidfuzz, run when this was written.
  it("splits words like jiwer: runs of whitespace collapse, a lone tab or NBSP does not split", () => {
    expect(run(["a b"], ["a\tb"])).toEqual({ wer: 2, substitutions: 1, deletions: 0, insertions: 1, hits: 0 });
    expect(value(["a b"], ["a \t b"])).toBe(0);
    expect(value(["a b"], ["a\u00a0b"])).toBe(2);
    expect(value(["a b"], ["a\u00a0\u00a0b"])).toBe(0);
    // U+FEFF is not whitespace to Python, so it stays part of the word.
    expect(value(["a"], [" \ufeffa"])).toBe(1);
  });

  it("compares unicode words exactly, without normalisation", () => {
    expect(run(["naïve café 😀"], ["naive café 😀"])).toEqual({ wer: 1 / 3, substitutions: 1, deletions: 0, insertions: 0, hits: 2 });
    expect(value(["日本 語"], ["日本語"])).toBe(2);
  });

  it("scores whitespace-only predictions as all deletions", () => {
    expect(run(["   ", "\t\n"], ["hello world", "x"])).toEqual({ wer: 1, substitutions: 0, deletions: 3, insertions: 0, hits: 0 });
  });

  it("rejects an empty reference like jiwer 3, naming the example", () => {
    const err = (() => {
      try {
        value(["a", "b"], ["a", ""]);
      } catch (e) {
        return e;
      }
    })() as MetricInputError;
    expect(err).toBeInstanceOf(MetricInputError);
    expect(err.index).toBe(1);
    expect(err.field).toBe("references");
    expect(err.message).toMatch(/one or more references are empty strings/);
    expect(() => value(["a", "b"], ["a", " \t "])).toThrow(/reference 1 has no words/);
  });

  it("rejects mismatched lengths and non-text values", () => {
    expect(() => value(["a"], ["a", "b"])).toThrow(MetricInputError);
    expect(() => value([null], ["a"])).toThrow(/predictions\[0\] must be a string/);
    // evaluate's string columns apply str(): integer labels compare as text.
    expect(value([0, 1, 1, 0], [0, 1, 0, 0])).toBe(0.25);
  });

  it("gives the same value with concatenate_texts (jiwer 3 aligns pair by pair either way)", () => {
    const p = ["this is the prediction", "there is an other sample"];
    const r = ["this is the reference", "there is another one"];
    expect(run(p, r, true)).toEqual(run(p, r, false));
  });

  it("has per-example statistics whose sum finalizes to compute()", () => {
    const p = ["this is the prediction", "there is an other sample", "", "a b c d"];
    const r = ["this is the reference", "there is another one", "x y", "a c d e f"];
    const s = wer.statistics!(p, r, wer.defaultArgs);
    expect(s.width).toBe(6);
    expect(Array.from(s.data.subarray(6, 12))).toEqual([3, 4, 2, 0, 1, 2]); // [S+D+I, ref words, S, D, I, H]
    expect(s.finalize(sumRows(s))).toEqual(wer.compute(p, r, wer.defaultArgs));
  });
});
