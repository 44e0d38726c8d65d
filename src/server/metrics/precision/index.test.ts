import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";
import { precision as metric } from ".";

// Values marked "sklearn 1.2.1" were produced here by scikit-learn 1.2.1 (Debian python3-sklearn);
// the others are derived by hand from scikit-learn >= 1.3's precision_recall_fscore_support.
const y_true = [0, 1, 2, 0, 1, 2];
const y_pred = [0, 2, 1, 0, 0, 1];
const sw = [0.5, 2, 0.7, 0.5, 9, 0.4];
const args = (a: Record<string, unknown> = {}) => metric.argsSchema.parse(a);
const value = (p: (number | string)[], r: (number | string)[], a: Record<string, unknown> = {}) => metric.compute(p, r, args(a)).precision;

function expectClose(actual: unknown, expected: unknown, where = "value"): void {
  if (typeof expected === "number") {
    expect(typeof actual, where).toBe("number");
    expect(Math.abs((actual as number) - expected), where).toBeLessThanOrEqual(1e-6);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, where).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${where}[${i}]`));
  } else if (expected && typeof expected === "object") {
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)?.[k], v, `${where}.${k}`);
  } else {
    expect(actual, where).toEqual(expected);
  }
}

describe("precision", () => {
  it("reproduces every card example", () => {
    expect(metric.examples.length).toBeGreaterThan(5);
    for (const ex of metric.examples) expectClose(metric.compute(ex.predictions, ex.references, args(ex.args)), ex.expected, ex.source);
  });

  it("equals scikit-learn with labels, sample_weight and string labels", () => {
    for (const [a, expected] of CASES) expectClose(value(a.p ?? y_pred, a.r ?? y_true, a.args), expected, JSON.stringify(a));
  });

  it("averages plainly when every support is zero (scikit-learn >= 1.3 _nanaverage)", () => {
    // Label 1 is predicted twice and never true; label 2 never occurs: per-label values are
    // precision [0, zd], recall [zd, zd], F1 [0, zd]; weighted falls back to their mean.
    expect(value([1, 1], [0, 0], { average: "weighted", labels: [1, 2], zero_division: 1 })).toBe(ZERO_SUPPORT_MEAN);
  });

  it("scores pos_label even when only the other label occurs", () => {
    expect(value([0, 0, 0], [0, 0, 0], { average: "binary" })).toBe(0);
    expect(value([0, 0, 0], [0, 0, 0], { average: "binary", zero_division: 1 })).toBe(1);
    expect(value([0, 0, 0], [0, 0, 0], { average: "binary", zero_division: "warn" })).toBe(0);
  });

  it("statistics sum to compute for every scalar average, and null gives no scalar", () => {
    for (const a of [
      { average: "binary" },
      { average: "binary", pos_label: 0, sample_weight: [1, 2, 3, 4, 5, 6] },
      { average: "macro" },
      { average: "micro", sample_weight: sw },
      { average: "weighted", sample_weight: sw },
      { average: "macro", labels: [2, 0, 7] },
    ]) {
      const binary = a.average === "binary";
      const p = binary ? [0, 1, 1, 0, 1, 1] : y_pred;
      const r = binary ? [0, 1, 0, 0, 1, 0] : y_true;
      const s = metric.statistics!(p, r, args(a));
      expect(s.data.length).toBe(s.width * p.length);
      expect(s.finalize(sumRows(s)).precision).toBeCloseTo(value(p, r, a) as number, 12);
    }
    const s = metric.statistics!(y_pred, y_true, args({ average: null }));
    expect(s.finalize(sumRows(s))).toEqual({});
  });

  it("statistics of any sub-multiset equal compute on it (labels missing from a resample drop out)", () => {
    const p = [0, 2, 1, 0, 0, 1, 3, 3, 2, 1];
    const r = [0, 1, 2, 0, 1, 2, 3, 0, 2, 2];
    const weights = [1, 0, 2, 1, 0.5, 1, 0, 3, 1, 1];
    for (const a of [{ average: "macro" }, { average: "weighted", sample_weight: weights }, { average: "micro" }, { average: "macro", labels: [1, 3, 9] }]) {
      const s = metric.statistics!(p, r, args(a));
      for (const pick of [[0, 0, 1, 2], [6, 7, 7], [1, 2, 3, 4, 5], [9]]) {
        const sums = new Float64Array(s.width);
        for (const i of pick) for (let k = 0; k < s.width; k++) sums[k] += s.data[i * s.width + k];
        const sub = { ...a, ...(a.sample_weight ? { sample_weight: pick.map((i) => weights[i]) } : {}) };
        expect(s.finalize(sums).precision).toBeCloseTo(value(pick.map((i) => p[i]), pick.map((i) => r[i]), sub) as number, 12);
      }
    }
  });

  it("refuses inputs it cannot score, naming the field", () => {
    const fails = (fn: () => unknown, re: RegExp, field?: string, index?: number) => {
      try {
        fn();
      } catch (err) {
        expect(err).toBeInstanceOf(MetricInputError);
        expect((err as Error).message).toMatch(re);
        if (field) expect((err as MetricInputError).field).toBe(field);
        if (index !== undefined) expect((err as MetricInputError).index).toBe(index);
        return;
      }
      throw new Error("did not throw");
    };
    fails(() => value([], []), /no examples/, "predictions");
    fails(() => value([0, 1], [0]), /pair up/, "references");
    fails(() => value([0, 1], [0, 1], { sample_weight: [1] }), /sample_weight/, "args.sample_weight");
    fails(() => value([0, "b", 1], [0, 1, 1]), /predictions\[1\]/, "predictions", 1);
    fails(() => value([0, 2, 1], [0, 1, 2], { average: "binary" }), /at most two labels/, "args.average");
    fails(() => value(["a", "b"], ["a", "b"], { average: "binary" }), /pos_label=1 is not a valid label/, "args.pos_label");
    fails(() => metric.statistics!([0, 2, 1], [0, 1, 2], args({ average: "binary" })), /at most two labels/);
  });

  it("rejects unknown and malformed arguments", () => {
    expect(metric.argsSchema.safeParse({ averag: "macro" }).success).toBe(false);
    expect(metric.argsSchema.safeParse({ average: "samples" }).success).toBe(false);
    expect(metric.argsSchema.safeParse({ zero_division: 2 }).success).toBe(false);
    expect(metric.argsSchema.safeParse({ labels: [] }).success).toBe(false);
    expect(metric.argsSchema.safeParse({ labels: [1, 1] }).success).toBe(false);
    expect(metric.argsSchema.safeParse({ average: null, zero_division: "warn", labels: [0, 1] }).success).toBe(true);
  });

  it("meets the registry contract (card, defaults, range)", () => {
    expect(readFileSync(path.join(import.meta.dirname, "card.md"), "utf8").length).toBeGreaterThan(100);
    expect(args()).toEqual(metric.defaultArgs);
    const v = metric.compute([0, 1, 1, 0], [0, 1, 0, 0], args()).precision as number;
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  });
});

type Case = { p?: (number | string)[]; r?: (number | string)[]; args: Record<string, unknown> };
const animals = { p: ["ant", "ant", "cat", "cat", "ant", "cat"], r: ["cat", "ant", "cat", "cat", "ant", "bird"] };
const ZERO_SUPPORT_MEAN = 0.5;
// sklearn 1.2.1
const CASES: [Case, number | number[]][] = [
  [{ args: { average: "macro", labels: [2, 0] } }, 0.3333333333333333],
  [{ args: { average: "micro", labels: [2, 0] } }, 0.5],
  [{ args: { average: null, labels: [2, 0, 5] } }, [0, 0.6666666666666666, 0]],
  [{ args: { average: "macro", sample_weight: sw } }, 0.03333333333333333],
  [{ args: { average: "micro", sample_weight: sw } }, 0.07633587786259542],
  [{ args: { average: "weighted", sample_weight: sw } }, 0.0076335877862595426],
  [{ args: { average: null, sample_weight: sw } }, [0.1, 0, 0]],
  [{ args: { average: "weighted", labels: [1, 2], sample_weight: sw } }, 0],
  [{ args: { average: "micro", labels: [0, 1], sample_weight: sw } }, 0.0900900900900901],
  [{ args: { average: null, labels: [2, 1], sample_weight: sw, zero_division: 1 } }, [0, 0]],
  [{ ...animals, args: { average: "macro" } }, 0.4444444444444444],
  [{ ...animals, args: { average: null } }, [0.6666666666666666, 0, 0.6666666666666666]],
  [{ p: ["pos", "pos", "neg", "neg"], r: ["neg", "pos", "pos", "neg"], args: { average: "binary", pos_label: "pos" } }, 0.5],
];
