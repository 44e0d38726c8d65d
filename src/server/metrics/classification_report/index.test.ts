import { expectClose, fails } from "../testing";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";
import { classificationReport as metric } from ".";

// Expected reports produced here with scikit-learn 1.2.1 (Debian python3-sklearn), output_dict=True.
const args = (a: Record<string, unknown> = {}) => metric.argsSchema.parse(a);
const report = (p: (number | string)[], r: (number | string)[], a: Record<string, unknown> = {}) => metric.compute(p, r, args(a));
const y_true = [0, 1, 2, 0, 1, 2];
const y_pred = [0, 2, 1, 0, 0, 1];

describe("classification_report", () => {
  it("reproduces every card example", () => {
    for (const ex of metric.examples) expectClose(metric.compute(ex.predictions, ex.references, args(ex.args)), ex.expected, ex.source);
  });

  it("equals scikit-learn with sample_weight, zero_division and string labels", () => {
    const out = report(y_pred, y_true, { sample_weight: [0.5, 2, 0.7, 0.5, 9, 0.4] });
    expect(Object.keys(out)).toEqual(["0", "1", "2", "accuracy", "macro avg", "weighted avg"]);
    expectClose(out, {
      "0": { precision: 0.1, recall: 1, "f1-score": 0.18181818181818182, support: 1 },
      "1": { precision: 0, recall: 0, "f1-score": 0, support: 11 },
      "2": { precision: 0, recall: 0, "f1-score": 0, support: 1.1 },
      accuracy: 0.07633587786259542,
      "macro avg": { precision: 0.03333333333333333, recall: 0.3333333333333333, "f1-score": 0.06060606060606061, support: 13.1 },
      "weighted avg": { precision: 0.0076335877862595426, recall: 0.07633587786259542, "f1-score": 0.013879250520471896, support: 13.1 },
    });
    expectClose(report([0, 0, 0, 0, 0, 0], y_true, { zero_division: 1 }), {
      "1": { precision: 1, recall: 0, "f1-score": 0, support: 2 },
      accuracy: 0.3333333333333333,
      "macro avg": { precision: 0.7777777777777777, recall: 0.3333333333333333, "f1-score": 0.16666666666666666, support: 6 },
    });
    expectClose(report(["ant", "ant", "cat", "cat", "ant", "cat"], ["cat", "ant", "cat", "cat", "ant", "bird"]), {
      ant: { precision: 0.6666666666666666, recall: 1, "f1-score": 0.8, support: 2 },
      bird: { precision: 0, recall: 0, "f1-score": 0, support: 1 },
      cat: { precision: 0.6666666666666666, recall: 0.6666666666666666, "f1-score": 0.6666666666666666, support: 3 },
      accuracy: 0.6666666666666666,
      "weighted avg": { precision: 0.5555555555555555, recall: 0.6666666666666666, "f1-score": 0.6, support: 6 },
    });
  });

  it("reports accuracy when labels cover the data, micro avg when they leave a label out", () => {
    // scikit-learn >= 1.6 (set(labels) >= present labels); per-label rows and averages from 1.2.1.
    const superset = report(y_pred, y_true, { labels: [2, 1, 0, 7] });
    // JavaScript enumerates integer-like keys in ascending order, whatever the labels order.
    expect(Object.keys(superset)).toEqual(["0", "1", "2", "7", "accuracy", "macro avg", "weighted avg"]);
    expectClose(superset, {
      accuracy: 0.3333333333333333,
      "macro avg": { precision: 0.16666666666666666, recall: 0.25, "f1-score": 0.2, support: 6 },
      "weighted avg": { precision: 0.2222222222222222, recall: 0.3333333333333333, "f1-score": 0.26666666666666666, support: 6 },
    });
    const subset = report(y_pred, y_true, { labels: [0, 1] });
    expect(subset.accuracy).toBeUndefined();
    // Hand-derived: label 0 tp 2, predicted 3, true 2; label 1 tp 0, predicted 2, true 2.
    expectClose(subset["micro avg"], { precision: 0.4, recall: 0.5, "f1-score": 4 / 9, support: 4 });
  });

  it("handles one class only", () => {
    expectClose(report([1, 1], [1, 1]), { "1": { precision: 1, recall: 1, "f1-score": 1, support: 2 }, accuracy: 1 });
  });

  it("statistics give the accuracy line, and nothing when it is a micro avg", () => {
    const w = [0.5, 2, 0.7, 0.5, 9, 0.4];
    for (const a of [{}, { sample_weight: w }, { labels: [2, 1, 0] }]) {
      const s = metric.statistics!(y_pred, y_true, args(a));
      expect(s.finalize(sumRows(s)).accuracy).toBeCloseTo(report(y_pred, y_true, a).accuracy as number, 12);
    }
    const s = metric.statistics!(y_pred, y_true, args({ labels: [0, 1] }));
    expect(s.finalize(sumRows(s))).toEqual({});
  });

  it("refuses inputs it cannot score, naming the field", () => {
    fails(() => report([], []), /no examples/, "predictions");
    fails(() => report([0], [0, 1]), /pair up/, "references");
    fails(() => report(y_pred, y_true, { target_names: ["a", "b"] }), /target_names has 2 names/, "args.target_names");
    fails(() => report([0, 1, "x"], [0, 1, 1]), /predictions\[2\]/, "predictions", 2);
    expect(metric.argsSchema.safeParse({ digits: 2 }).success).toBe(false);
    expect(metric.argsSchema.safeParse({ output_dict: true }).success).toBe(false);
  });

  it("meets the registry contract (card, defaults, range)", () => {
    expect(readFileSync(path.join(import.meta.dirname, "card.md"), "utf8").length).toBeGreaterThan(100);
    expect(args()).toEqual(metric.defaultArgs);
    const v = report([0, 1, 1, 0], [0, 1, 0, 0])[metric.primary] as number;
    expect(v).toBe(0.75);
  });
});
