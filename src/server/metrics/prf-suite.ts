import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { PrfArgs } from "./classification-counts";
import { sumRows } from "./sum-rows";
import { expectClose, fails } from "./testing";
import type { MetricDefinition } from "./types";

export type PrfCase = { p?: (number | string)[]; r?: (number | string)[]; args: Record<string, unknown> };

/**
 * The shared test suite of precision, recall and F1 (one implementation, three outputs): each test
 * file passes its metric, its output key, its expected values and its card folder.
 */
export function describePrfSuite(opts: {
  metric: MetricDefinition<number | string, number | string, PrfArgs>;
  key: "precision" | "recall" | "f1";
  cases: [PrfCase, number | number[]][];
  zeroSupportMean: number;
  dir: string;
}): void {
  const { metric, key, cases, zeroSupportMean } = opts;
  const y_true = [0, 1, 2, 0, 1, 2];
  const y_pred = [0, 2, 1, 0, 0, 1];
  const sw = [0.5, 2, 0.7, 0.5, 9, 0.4];
  const args = (a: Record<string, unknown> = {}) => metric.argsSchema.parse(a);
  const value = (p: (number | string)[], r: (number | string)[], a: Record<string, unknown> = {}) => metric.compute(p, r, args(a))[key];
  void sw;
  describe(key, () => {
    it("reproduces every card example", () => {
      expect(metric.examples.length).toBeGreaterThan(5);
      for (const ex of metric.examples) expectClose(metric.compute(ex.predictions, ex.references, args(ex.args)), ex.expected, ex.source);
    });

    it("equals scikit-learn with labels, sample_weight and string labels", () => {
      for (const [a, expected] of cases) expectClose(value(a.p ?? y_pred, a.r ?? y_true, a.args), expected, JSON.stringify(a));
    });

    it("averages plainly when every support is zero (scikit-learn >= 1.3 _nanaverage)", () => {
      // Label 1 is predicted twice and never true; label 2 never occurs: per-label values are
      // precision [0, zd], recall [zd, zd], F1 [0, zd]; weighted falls back to their mean.
      expect(value([1, 1], [0, 0], { average: "weighted", labels: [1, 2], zero_division: 1 })).toBe(zeroSupportMean);
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
        expect(s.finalize(sumRows(s))[key]).toBeCloseTo(value(p, r, a) as number, 12);
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
          expect(s.finalize(sums)[key]).toBeCloseTo(value(pick.map((i) => p[i]), pick.map((i) => r[i]), sub) as number, 12);
        }
      }
    });

    it("refuses inputs it cannot score, naming the field", () => {
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
      expect(readFileSync(path.join(opts.dir, "card.md"), "utf8").length).toBeGreaterThan(100);
      expect(args()).toEqual(metric.defaultArgs);
      const v = metric.compute([0, 1, 1, 0], [0, 1, 0, 0], args())[key] as number;
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    });
  });
}
