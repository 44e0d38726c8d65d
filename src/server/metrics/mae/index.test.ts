import { expectClose, fails } from "../testing";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";
import { mae as metric } from ".";

// Expected values produced here with scikit-learn 1.2.1 (Debian python3-sklearn).
const args = (a: Record<string, unknown> = {}) => metric.argsSchema.parse(a);
const value = (p: (number | number[])[], r: (number | number[])[], a: Record<string, unknown> = {}) => metric.compute(p, r, args(a)).mae;
const p1 = [2.5, 0.0, 2, 8];
const r1 = [3, -0.5, 2, 7];
const P = [[0.5, 1], [-1, 1], [7, -6]];
const R = [[0, 2], [-1, 2], [8, -5]];

describe("mae", () => {
  it("reproduces every card example", () => {
    for (const ex of metric.examples) expectClose(metric.compute(ex.predictions, ex.references, args(ex.args)), ex.expected, ex.source);
  });

  it("equals scikit-learn with sample_weight and multioutput", () => {
    for (const [p, r, a, expected] of CASES) expectClose(value(p, r, a), expected, JSON.stringify(a));
  });

  it("statistics sum to compute, and any sub-multiset gives compute on it", () => {
    const w = [0.5, 2, 1.5];
    for (const a of STAT_ARGS) {
      const s = metric.statistics!(P, R, args({ ...a, sample_weight: w }));
      expect(s.finalize(sumRows(s)).mae).toBeCloseTo(value(P, R, { ...a, sample_weight: w }) as number, 12);
      const pick = [0, 2, 2];
      const sums = new Float64Array(s.width);
      for (const i of pick) for (let k = 0; k < s.width; k++) sums[k] += s.data[i * s.width + k];
      const sub = value(pick.map((i) => P[i]), pick.map((i) => R[i]), { ...a, sample_weight: pick.map((i) => w[i]) });
      expect(s.finalize(sums).mae).toBeCloseTo(sub as number, 12);
    }
    const raw = metric.statistics!(P, R, args({ multioutput: "raw_values" }));
    expect(raw.finalize(sumRows(raw))).toEqual({});
  });

  it("is 0 for perfect predictions, including a single example", () => {
    expect(value([1.5], [1.5])).toBe(0);
    expect(value([[1, 2]], [[1, 2]], { multioutput: "raw_values" })).toEqual([0, 0]);
  });

  it("refuses inputs it cannot score, naming the field", () => {
    fails(() => value([], []), /no examples/, "predictions");
    fails(() => value([1, 2], [1]), /pair up/, "references");
    fails(() => value([[1, 2], [1]], [[1, 2], [3, 4]]), /predictions\[1\] has 1 output/, "predictions", 1);
    fails(() => value([1, 2], [1, [2, 3]]), /references\[1\] has 2 outputs/, "references", 1);
    fails(() => value(p1, r1, { sample_weight: [1, 2] }), /sample_weight has 2/, "args.sample_weight");
    fails(() => value(p1, r1, { sample_weight: [1, -1, 0, 0] }), /sums to zero/, "args.sample_weight");
    fails(() => value(p1, r1, { multioutput: [0.5, 0.5] }), /several outputs/, "args.multioutput");
    fails(() => value(P, R, { multioutput: [1, 2, 3] }), /3 weights/, "args.multioutput");
    expect(metric.argsSchema.safeParse({ multioutput: "variance_weighted" }).success).toBe(false);
    expect(metric.argsSchema.safeParse({ normalize: true }).success).toBe(false);
    expect(metric.predictionSchema.safeParse("1.5").success).toBe(false);
    expect(metric.predictionSchema.safeParse([]).success).toBe(false);
  });

  it("meets the registry contract (card, defaults, range)", () => {
    expect(readFileSync(path.join(import.meta.dirname, "card.md"), "utf8").length).toBeGreaterThan(100);
    expect(args()).toEqual(metric.defaultArgs);
    expect(value([0, 1, 1, 0], [0, 1, 0, 0])).toBe(0.25);
  });
});

type Case = [(number | number[])[], (number | number[])[], Record<string, unknown>, number | number[]];
const STAT_ARGS = [{}, { multioutput: [0.3, 0.7] }];
const CASES: Case[] = [
  [P, R, { sample_weight: [0.5, 2, 1.5] }, 0.71875],
  [p1, r1, { sample_weight: [1, 2, 3, 4] }, 0.55],
  [P, R, { multioutput: [0.3, 0.7] }, 0.85],
  [p1, r1, { multioutput: "raw_values" }, [0.5]],
];
