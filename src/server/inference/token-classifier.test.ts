import { describe, expect, it } from "vitest";
import { aggregateWord, planSentence, softmax } from "./token-classifier";

describe("softmax", () => {
  it("normalises and is stable for large logits", () => {
    const p = softmax([1000, 1000, 998]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeCloseTo(p[1]!, 12);
    expect(p[0]! / p[2]!).toBeCloseTo(Math.exp(2), 9);
  });
});

describe("aggregateWord (TokenClassificationPipeline semantics at word level)", () => {
  // x: B-X leaning; z: moderately O (twice); y: a single very confident B-Y.
  const x = softmax([0, 2, 0]);
  const z = softmax([2, 0, 0]);
  const y = softmax([0, 0, 5]);
  const pieces = [x, z, z, y];

  it("first: the first sub-token's argmax", () => {
    expect(aggregateWord(pieces, "first")).toBe(1);
  });

  it("average: argmax of the mean probabilities", () => {
    expect(aggregateWord(pieces, "average")).toBe(0);
  });

  it("max: the label of the sub-token with the highest single probability", () => {
    expect(aggregateWord(pieces, "max")).toBe(2);
  });

  it("a one-piece word is the same under every strategy", () => {
    for (const s of ["first", "average", "max"] as const) expect(aggregateWord([y], s)).toBe(2);
  });

  it("breaks ties like numpy and Python max: the first label, the first sub-token", () => {
    expect(aggregateWord([[0.4, 0.4, 0.2]], "first")).toBe(0);
    expect(aggregateWord([[0.6, 0.4, 0], [0.2, 0.4, 0.4]], "average")).toBe(0);
    expect(aggregateWord([[0.1, 0.6, 0.3], [0.6, 0.1, 0.3]], "max")).toBe(1);
  });

  it("refuses a word without sub-tokens", () => {
    expect(() => aggregateWord([], "first")).toThrow(/at least one/);
  });
});

describe("planSentence", () => {
  const prefix = [101];
  const suffix = [102];

  it("frames the pieces and records each word's span", () => {
    const plan = planSentence({ pieces: [[7], [8, 9], [10]], prefix, suffix, maxLength: 16 });
    expect(plan.ids).toEqual([101, 7, 8, 9, 10, 102]);
    expect(plan.spans).toEqual([{ start: 1, end: 2 }, { start: 2, end: 4 }, { start: 4, end: 5 }]);
    expect(plan.truncated).toBe(0);
  });

  it("cuts the first word that does not fit whole, and every word after it, even ones that would fit", () => {
    // maxLength 5 leaves 3 slots: [7] and [8, 9] fit; [10, 11] does not; [12] comes after the cut.
    const plan = planSentence({ pieces: [[7], [8, 9], [10, 11], [12]], prefix, suffix, maxLength: 5 });
    expect(plan.ids).toEqual([101, 7, 8, 9, 102]);
    expect(plan.spans.slice(2)).toEqual([null, null]);
    expect(plan.truncated).toBe(2);
  });

  it("gives a word with no pieces no span, without counting it as truncated", () => {
    const plan = planSentence({ pieces: [[], [7], []], prefix, suffix, maxLength: 4 });
    expect(plan.spans).toEqual([null, { start: 1, end: 2 }, null]);
    expect(plan.truncated).toBe(0);
  });

  it("does not truncate without a max length; an empty sentence is just the special tokens", () => {
    const long = Array.from({ length: 1000 }, (_, i) => [i]);
    expect(planSentence({ pieces: long, prefix, suffix, maxLength: null }).truncated).toBe(0);
    expect(planSentence({ pieces: [], prefix, suffix, maxLength: 8 })).toEqual({ ids: [101, 102], spans: [], truncated: 0 });
  });
});
