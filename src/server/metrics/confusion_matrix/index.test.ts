import { expectClose, fails } from "../testing";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MetricInputError } from "../types";
import { confusionMatrix as metric } from ".";

// Expected matrices produced here with scikit-learn 1.2.1 (Debian python3-sklearn).
const args = (a: Record<string, unknown> = {}) => metric.argsSchema.parse(a);
const cm = (p: (number | string)[], r: (number | string)[], a: Record<string, unknown> = {}) => metric.compute(p, r, args(a)).confusion_matrix;
const refs = [0, 1, 2, 0, 1, 2];
const preds = [0, 1, 1, 2, 1, 0];
const sw = [0.5, 2, 0.7, 0.5, 9, 0.4];

describe("confusion_matrix", () => {
  it("reproduces every card example", () => {
    for (const ex of metric.examples) expectClose(metric.compute(ex.predictions, ex.references, args(ex.args)), ex.expected, ex.source);
  });

  it("equals scikit-learn with normalize, labels and sample_weight", () => {
    expectClose(cm(preds, refs, { normalize: "all" }), [[1 / 6, 0, 1 / 6], [0, 1 / 3, 0], [1 / 6, 1 / 6, 0]]);
    expectClose(cm([0, 0, 2, 2, 0, 2], [2, 0, 2, 2, 0, 1]), [[2, 0, 0], [0, 0, 1], [1, 0, 2]]);
    expectClose(cm(preds, refs, { labels: [2, 0, 5], sample_weight: sw }), [[0, 0.4, 0], [0.5, 0.5, 0], [0, 0, 0]]);
    expectClose(cm(preds, refs, { labels: [2, 0, 5], sample_weight: sw, normalize: "true" }), [[0, 1, 0], [0.5, 0.5, 0], [0, 0, 0]]);
    expectClose(cm(preds, refs, { labels: [2, 0, 5], sample_weight: sw, normalize: "pred" }), [[0, 0.4444444444444445, 0], [1, 0.5555555555555556, 0], [0, 0, 0]]);
    // tn, fp, fn, tp from the scikit-learn docstring
    expect(cm([1, 1, 1, 0], [0, 1, 0, 1])).toEqual([[0, 2], [1, 1]]);
  });

  it("gives a 1×1 matrix when one class only is present", () => {
    expect(cm([1, 1, 1], [1, 1, 1])).toEqual([[3]]);
    expect(cm([1, 1, 1], [1, 1, 1], { normalize: "true" })).toEqual([[1]]);
  });

  it("refuses inputs it cannot score, naming the field", () => {
    fails(() => cm([], []), /no examples/, "predictions");
    fails(() => cm([0, 1], [0, 1, 1]), /pair up/, "references");
    fails(() => cm(preds, refs, { labels: [7, 8] }), /at least one label/, "args.labels");
    fails(() => cm(preds, refs, { labels: ["a"] }), /all numbers or all strings/, "args.labels");
    fails(() => cm(preds, refs, { sample_weight: [1] }), /sample_weight/, "args.sample_weight");
    expect(metric.argsSchema.safeParse({ normalize: "rows" }).success).toBe(false);
    expect(metric.argsSchema.safeParse({ average: "macro" }).success).toBe(false);
    expect(metric.statistics).toBeUndefined();
  });

  it("meets the registry contract (card, defaults)", () => {
    expect(readFileSync(path.join(import.meta.dirname, "card.md"), "utf8").length).toBeGreaterThan(100);
    expect(args()).toEqual(metric.defaultArgs);
    expect(cm([0, 1, 1, 0], [0, 1, 0, 0])).toEqual([[2, 1], [0, 1]]);
  });
});
