import { describe, expect, it } from "vitest";
import { METRICS } from ".";
import { sumRows } from "./sum-rows";
import { expectClose } from "./testing";
import { readFileSync } from "node:fs";
import path from "node:path";

// The `evaluate` metric cards' own examples (shared/data/metric-test-vectors) plus numbers
// computed with scikit-learn 1.5 by hand, kept here as literals.
const y_true = [0, 1, 2, 0, 1, 2];
const y_pred = [0, 2, 1, 0, 0, 1];

describe("classification metrics equal scikit-learn", () => {
  it("accuracy", () => {
    expect(METRICS.accuracy.compute([0, 1, 2, 0, 1, 2], [0, 1, 1, 2, 1, 0], { normalize: true }).accuracy).toBeCloseTo(0.5, 12);
    expect(METRICS.accuracy.compute([0, 1, 2, 0, 1, 2], [0, 1, 1, 2, 1, 0], { normalize: false }).accuracy).toBe(3);
  });
  it("precision / recall / f1 with every average (sklearn docs example)", () => {
    const z = { pos_label: 1, zero_division: 0 } as const;
    // sklearn.metrics.precision_score docs: macro 0.22..., micro 0.33..., weighted 0.22...
    expect(METRICS.precision.compute(y_pred, y_true, { ...z, average: "macro" }).precision).toBeCloseTo(0.2222222222222222, 12);
    expect(METRICS.precision.compute(y_pred, y_true, { ...z, average: "micro" }).precision).toBeCloseTo(0.3333333333333333, 12);
    expect(METRICS.precision.compute(y_pred, y_true, { ...z, average: "weighted" }).precision).toBeCloseTo(0.2222222222222222, 12);
    expect(METRICS.recall.compute(y_pred, y_true, { ...z, average: "macro" }).recall).toBeCloseTo(0.3333333333333333, 12);
    expect(METRICS.f1.compute(y_pred, y_true, { ...z, average: "macro" }).f1).toBeCloseTo(0.26666666666666666, 12);
    expect(METRICS.f1.compute(y_pred, y_true, { ...z, average: "micro" }).f1).toBeCloseTo(0.3333333333333333, 12);
    expect(METRICS.f1.compute(y_pred, y_true, { ...z, average: "weighted" }).f1).toBeCloseTo(0.26666666666666666, 12);
  });
  it("binary with pos_label and zero_division", () => {
    expect(METRICS.precision.compute([0, 0, 0], [1, 0, 1], { average: "binary", pos_label: 1, zero_division: 0 }).precision).toBe(0);
    expect(METRICS.precision.compute([0, 0, 0], [1, 0, 1], { average: "binary", pos_label: 1, zero_division: 1 }).precision).toBe(1);
    expect(() => METRICS.f1.compute([0, 2, 1], [0, 1, 2], { average: "binary", pos_label: 1, zero_division: 0 })).toThrow(/at most two labels/);
  });
  it("matches the SST-2 reference numbers of distilbert-base-uncased-finetuned-sst-2-english", () => {
    // TP 413, FP 47, FN 31, TN 381 (shared/data/README.md)
    const refs: number[] = [];
    const preds: number[] = [];
    const push = (t: number, p: number, n: number) => { for (let i = 0; i < n; i++) { refs.push(t); preds.push(p); } };
    push(1, 1, 413); push(0, 1, 47); push(1, 0, 31); push(0, 0, 381);
    const bin = { average: "binary", pos_label: 1, zero_division: 0 } as const;
    expect(METRICS.accuracy.compute(preds, refs, { normalize: true }).accuracy).toBeCloseTo(0.9105504587155964, 12);
    expect(METRICS.precision.compute(preds, refs, bin).precision).toBeCloseTo(0.8978260869565218, 12);
    expect(METRICS.recall.compute(preds, refs, bin).recall).toBeCloseTo(0.9301801801801802, 12);
    expect(METRICS.f1.compute(preds, refs, bin).f1).toBeCloseTo(0.9137168141592922, 12);
  });
});

describe("metric registry contract", () => {
  for (const [id, metric] of Object.entries(METRICS)) {
    describe(id, () => {
      it("has a card, matching default args and the evaluate id", () => {
        expect(metric.id).toBe(id);
        const card = readFileSync(path.join(import.meta.dirname, id, "card.md"), "utf8");
        expect(card.length).toBeGreaterThan(100);
        expect(metric.argsSchema.parse({})).toEqual(metric.defaultArgs);
        expect(metric.argsSchema.safeParse({ no_such_argument: 1 }).success).toBe(false);
      });
      it("reproduces every card example and keeps the primary value in range", () => {
        expect(metric.examples.length).toBeGreaterThan(0);
        for (const [i, ex] of metric.examples.entries()) {
          const args = metric.argsSchema.parse(ex.args ?? {});
          const out = metric.compute(ex.predictions as never, ex.references as never, args as never);
          expectClose(out, ex.expected, `${id} example ${i}`);
          const v = out[metric.primary];
          if (typeof v === "number" && !ex.args) {
            // Floating point: sacreBLEU itself reports 100.00000000000004 for a perfect match.
            expect(v).toBeGreaterThanOrEqual(metric.range[0] - 1e-9);
            expect(v).toBeLessThanOrEqual(metric.range[1] + 1e-9);
          }
        }
      });
      if (metric.statistics) {
        it("finalizes the sum of its sufficient statistics to the computed values", () => {
          for (const ex of metric.examples) {
            const args = metric.argsSchema.parse(ex.args ?? {});
            const out = metric.compute(ex.predictions as never, ex.references as never, args as never);
            const stats = metric.statistics!(ex.predictions as never, ex.references as never, args as never);
            const fin = stats.finalize(sumRows(stats));
            for (const [k, v] of Object.entries(fin)) if (k in out && typeof out[k] === "number") expectClose(v, out[k], `${id}.${k}`);
          }
        });
      }
    });
  }
});
