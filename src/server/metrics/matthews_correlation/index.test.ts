import { expectClose, fails } from "../testing";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";
import { matthewsCorrelation as metric } from ".";

// Expected values produced here with scikit-learn 1.2.1 (Debian python3-sklearn) unless noted.
const args = (a: Record<string, unknown> = {}) => metric.argsSchema.parse(a);
const mcc = (p: (number | string)[], r: (number | string)[], a: Record<string, unknown> = {}) =>
  metric.compute(p, r, args(a)).matthews_correlation as number;

describe("matthews_correlation", () => {
  it("reproduces every card example", () => {
    for (const ex of metric.examples) expectClose(metric.compute(ex.predictions, ex.references, args(ex.args)), ex.expected, ex.source);
  });

  it("equals scikit-learn on binary, multiclass and string labels", () => {
    expect(mcc([0, 1, 0, 0], [0, 1, 1, 0])).toBeCloseTo(0.5773502691896258, 12);
    expect(mcc(["a", "c", "c", "b", "b"], ["a", "b", "c", "a", "b"])).toBeCloseTo(0.4375, 12);
    expect(mcc([0, 2, 1, 0, 0, 1], [0, 1, 2, 0, 1, 2])).toBeCloseTo(0, 12);
    // Hand-derived: perfect and perfectly inverted binary predictions.
    expect(mcc([0, 1, 1, 0], [0, 1, 1, 0])).toBe(1);
    expect(mcc([1, 0, 0, 1], [0, 1, 1, 0])).toBe(-1);
  });

  it("is 0 when one class only is present or predicted (zero variance)", () => {
    expect(mcc([1, 1, 1], [1, 1, 1])).toBe(0);
    expect(mcc([1, 1], [0, 1])).toBe(0);
  });

  it("statistics sum to compute, and any sub-multiset gives compute on it", () => {
    const p = [1, 2, 2, 0, 3, 3, 1, 0];
    const r = [1, 3, 2, 0, 3, 2, 0, 0];
    const w = [0.5, 3, 1, 1, 1, 2, 0, 4];
    for (const a of [{}, { sample_weight: w }]) {
      const s = metric.statistics!(p, r, args(a));
      expect(s.finalize(sumRows(s)).matthews_correlation).toBeCloseTo(mcc(p, r, a), 12);
      for (const pick of [[0, 1, 1, 5], [3, 4, 7, 7], [2]]) {
        const sums = new Float64Array(s.width);
        for (const i of pick) for (let k = 0; k < s.width; k++) sums[k] += s.data[i * s.width + k];
        const sub = "sample_weight" in a ? { sample_weight: pick.map((i) => w[i]) } : {};
        expect(s.finalize(sums).matthews_correlation).toBeCloseTo(mcc(pick.map((i) => p[i]), pick.map((i) => r[i]), sub), 12);
      }
    }
  });

  it("refuses inputs it cannot score, naming the field", () => {
    fails(() => mcc([], []), /no examples/, "predictions");
    fails(() => mcc([0, 1, 1], [0, 1]), /pair up/, "references");
    fails(() => mcc([0, 1], [0, 1], { sample_weight: [1, 2, 3] }), /sample_weight/, "args.sample_weight");
    fails(() => mcc([0, 1], [0, "1"]), /references\[1\]/, "references", 1);
    expect(metric.argsSchema.safeParse({ average: "macro" }).success).toBe(false);
  });

  it("meets the registry contract (card, defaults, range)", () => {
    expect(readFileSync(path.join(import.meta.dirname, "card.md"), "utf8").length).toBeGreaterThan(100);
    expect(args()).toEqual(metric.defaultArgs);
    const v = mcc([0, 1, 1, 0], [0, 1, 0, 0]);
    expect(v).toBeGreaterThanOrEqual(-1);
    expect(v).toBeLessThanOrEqual(1);
  });
});
