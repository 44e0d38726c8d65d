import { expectClose } from "../testing";
import { describe, expect, it } from "vitest";
import { cer } from ".";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";

const run = (predictions: string[], references: string[], concatenate_texts = false) => cer.compute(predictions, references, { concatenate_texts });
const value = (predictions: string[], references: string[], concatenate_texts = false) => run(predictions, references, concatenate_texts).cer as number;

describe("cer", () => {
  it("reproduces its card examples", () => {
    for (const e of cer.examples) {
      const out = cer.compute(e.predictions, e.references, { ...cer.defaultArgs, ...e.args });
      for (const [k, v] of Object.entries(e.expected)) expectClose(out[k], v);
    }
  });

  // huggingface/evaluate metrics/cer/test_cer.py (written for its jiwer 3 path).
  it("passes evaluate's cer tests", () => {
    expect(value(["white house"], ["White House"])).toBeCloseTo(2 / 11, 12);
    expect(value(["werewolf"], ["were wolf"])).toBeCloseTo(1 / 9, 12);
    expect(value(["weae     wolf"], ["werewolf"])).toBe(0.25);
    expect(value(["were               wolf"], ["were wolf"])).toBe(0);
    expect(value(["were               wolf"], ["were   wolf"])).toBe(0);
    expect(value(["weaewolf"], ["werewolf"])).toBe(0.125);
    expect(value(["wereawolf"], ["werewolf"])).toBe(0.125);
    expect(value(["wereolf"], ["werewolf"])).toBe(0.125);
    expect(value(["werewolf"], ["werewolf"])).toBe(0);
    expect(value(["werewolf", "I am your father"], ["werewolf", "I am your father"])).toBe(0);
    expect(value(["werxwolf", "I       am your father", "doge"], ["werewolf", "I am your father", "doge"])).toBeCloseTo(1 / 28, 12);
    expect(value(["My hovercraft is full", " of eels"], ["My hovercraft", "is full of eels"], true)).toBeCloseTo(2 / 28, 12);
    expect(value([" 能吞虾玻璃而 不霜身体啦"], ["我能吞下玻璃而不伤身体"])).toBeCloseTo(5 / 11, 12);
    expect(value(["我    能 吞 下 玻 璃", "而不伤身体"], ["我能吞下玻璃", "而不伤身体"])).toBeCloseTo(5 / 11, 12);
    expect(value(["我能吞下玻璃而不伤身体"], ["我能吞下玻璃而不伤身体"])).toBe(0);
    expect(() => value(["Hypothesis"], [""])).toThrow(MetricInputError);
  });

  // jiwer tests/test_cer.py (reference first there, prediction first here).
  it("matches jiwer's cer tests", () => {
    expect(value(["This is a test"], ["This is a test"])).toBe(0);
    expect(value([""], ["This is a test"])).toBe(1);
    expect(value(["This test"], ["This is a test"])).toBeCloseTo(5 / 14, 15);
    expect(value(["X X Y Y"], ["X"])).toBe(6);
    expect(value(["X Z"], ["X Y X"])).toBeCloseTo(3 / 5, 15);
    expect(value(["Y Z"], ["X"])).toBe(3);
    expect(value(["i am", "i good"], ["i", "am i good"])).toBeCloseTo(0.6, 15);
    expect(value(["i good", "i am"], ["am i good", "i"])).toBeCloseTo(0.6, 15);
  });

  it("splits the edits like rapidfuzz (jiwer tests/test_count_errors.py)", () => {
    const ref = ["sub", "sub", "sub", "sub", "sub", "this was", "del", "hit"];
    const hyp = ["bus", "bus", "bus", "usb", "bsu", "this was ins", "", "hit"];
    expect(run(hyp, ref)).toEqual({ cer: 17 / 29, substitutions: 6, deletions: 5, insertions: 6, hits: 18 });
  });

  // Expected values: jiwer 3 / evaluate transforms (Python `re`/`str.strip`) + rapidfuzz, run when this was written.
  it("counts code points, spaces included, with no unicode normalisation", () => {
    expect(run(["naïve café 😀"], ["naive café 😀"])).toEqual({ cer: 1 / 12, substitutions: 1, deletions: 0, insertions: 0, hits: 11 });
    expect(run(["😀😀"], ["😀"])).toEqual({ cer: 1, substitutions: 0, deletions: 0, insertions: 1, hits: 1 });
    expect(value(["e\u0301"], ["é"])).toBe(2);
    expect(value(["a\tb"], ["a b"])).toBeCloseTo(1 / 3, 15);
    expect(value(["a  b"], ["a b"])).toBe(0);
    // Python whitespace (U+001C, U+0085) is stripped.
    expect(value([" \x1cx\x85"], ["x"])).toBe(0);
  });

  it("scores a whitespace-only prediction as all deletions", () => {
    expect(run(["   "], ["abc"])).toEqual({ cer: 1, substitutions: 0, deletions: 3, insertions: 0, hits: 0 });
  });

  it("rejects empty and whitespace-only references, naming the example", () => {
    try {
      value(["a", "b"], ["a", ""]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MetricInputError);
      expect((e as MetricInputError).index).toBe(1);
      expect((e as Error).message).toMatch(/one or more references are empty strings/);
    }
    expect(() => value(["a", "b"], ["x", "   "])).toThrow(/reference 1 has no characters/);
  });

  it("aligns the whole corpus as one string with concatenate_texts", () => {
    expect(run(["My hovercraft is full", " of eels"], ["My hovercraft", "is full of eels"])).toEqual({
      cer: 16 / 28,
      substitutions: 0,
      deletions: 8,
      insertions: 8,
      hits: 20,
    });
    expect(run(["My hovercraft is full", " of eels"], ["My hovercraft", "is full of eels"], true)).toEqual({
      cer: 2 / 28,
      substitutions: 0,
      deletions: 1,
      insertions: 1,
      hits: 27,
    });
    // Blank texts are dropped before joining, so only an empty string is an error there.
    expect(value(["a", "b"], ["x", "   "], true)).toBe(2);
    expect(() => value(["a"], [""], true)).toThrow(/empty string/);
    expect(() => cer.statistics!(["a"], ["b"], { concatenate_texts: true })).toThrow(/no per-example statistics/);
  });

  it("has per-example statistics whose sum finalizes to compute()", () => {
    const p = ["this is the prediction", "there is an other sample", "", "hello world"];
    const r = ["this is the reference", "there is another one", "xy", "hello"];
    const s = cer.statistics!(p, r, cer.defaultArgs);
    expect(s.width).toBe(6);
    expect(Array.from(s.data.subarray(18, 24))).toEqual([6, 5, 0, 0, 6, 5]);
    expect(s.finalize(sumRows(s))).toEqual(cer.compute(p, r, cer.defaultArgs));
  });
});
