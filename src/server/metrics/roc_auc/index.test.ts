import { expectClose, fails } from "../testing";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MetricInputError } from "../types";
import { rocAuc as metric } from ".";

// Expected values produced here with scikit-learn 1.2.1 (Debian python3-sklearn) unless noted.
const args = (a: Record<string, unknown> = {}) => metric.argsSchema.parse(a);
const auc = (p: (number | number[])[], r: (number | string)[], a: Record<string, unknown> = {}) => metric.compute(p, r, args(a)).roc_auc;
const refs = [1, 0, 1, 1, 0, 0];
const scores = [0.5, 0.2, 0.99, 0.3, 0.1, 0.7];
const sw = [1, 2, 0.5, 1, 3, 0.25];
const probs = [
  [0.3, 0.5, 0.2],
  [0.7, 0.2, 0.1],
  [0.005, 0.99, 0.005],
  [0.2, 0.3, 0.5],
  [0.1, 0.1, 0.8],
  [0.1, 0.7, 0.2],
];
const classes = [1, 0, 1, 2, 2, 0];
/** Four probability columns; class 3 never occurs in `classes`. */
const four = [
  [0.3, 0.5, 0.1, 0.1],
  [0.7, 0.2, 0.05, 0.05],
  [0.005, 0.99, 0.0025, 0.0025],
  [0.2, 0.3, 0.4, 0.1],
  [0.1, 0.1, 0.7, 0.1],
  [0.1, 0.7, 0.1, 0.1],
];

/** Mann–Whitney: share of (positive, negative) pairs ranked correctly, ties counting ½. */
function mannWhitney(score: number[], positive: boolean[]): number {
  let u = 0;
  let pairs = 0;
  score.forEach((s, i) => {
    if (!positive[i]) return;
    score.forEach((t, j) => {
      if (positive[j]) return;
      pairs++;
      u += s > t ? 1 : s === t ? 0.5 : 0;
    });
  });
  return u / pairs;
}

describe("roc_auc", () => {
  it("reproduces every card example", () => {
    for (const ex of metric.examples) expectClose(metric.compute(ex.predictions, ex.references, args(ex.args)), ex.expected, ex.source);
  });

  it("binary: equals scikit-learn with ties, sample_weight, max_fpr and other label sets", () => {
    const ties = { p: [0.5, 0.5, 0.5, 0.9, 0.1, 0.1, 0.9, 0.3], r: [0, 0, 1, 1, 0, 1, 1, 0] };
    expect(auc(ties.p, ties.r)).toBeCloseTo(0.71875, 12);
    expect(auc(scores, refs, { sample_weight: sw })).toBeCloseTo(0.9619047619047618, 12);
    expect(auc(scores, refs, { sample_weight: [1, 0, 1, 1, 0, 1] })).toBeCloseTo(0.3333333333333333, 12);
    for (const [m, v] of [[0.1, 0.6491228070175439], [0.25, 0.6190476190476191], [0.5, 0.7037037037037037], [0.8, 0.7685185185185186], [1, 0.7777777777777779]]) {
      expect(auc(scores, refs, { max_fpr: m })).toBeCloseTo(v, 12);
    }
    expect(auc(ties.p, ties.r, { max_fpr: 0.3 })).toBeCloseTo(0.75, 12);
    expect(auc(scores, refs, { max_fpr: 0.4, sample_weight: sw })).toBeCloseTo(0.9404761904761905, 12);
    // The greater label is positive: strings sort "a" < "b", numbers -1 < 1.
    expect(auc(scores, ["b", "a", "b", "b", "a", "a"])).toBeCloseTo(0.7777777777777779, 12);
    expect(auc([0.2, 0.4, 0.5, 0.9], [-1, 1, -1, 1])).toBeCloseTo(0.75, 12);
  });

  it("binary: equals the Mann–Whitney U statistic with ties counted ½", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + Math.floor(rand() * 60);
      const r = Array.from({ length: n }, (_, i) => (i < 2 ? i : rand() < 0.4 ? 1 : 0));
      const p = r.map((y) => Math.round((rand() + 0.3 * y) * 8) / 8); // coarse grid: many ties
      expect(auc(p, r)).toBeCloseTo(mannWhitney(p, r.map((y) => y === 1)), 12);
    }
  });

  it("multiclass: equals scikit-learn for ovr and ovo with every average", () => {
    expect(auc(probs, classes, { multi_class: "ovr", average: "weighted" })).toBeCloseTo(0.8541666666666666, 12);
    expectClose(auc(probs, classes, { multi_class: "ovr", average: null }), [0.6875, 0.875, 1]);
    expect(auc(probs, classes, { multi_class: "ovr", average: "micro" })).toBeCloseTo(0.8472222222222222, 12);
    expect(auc(probs, classes, { multi_class: "ovr", sample_weight: sw })).toBeCloseTo(0.9675420875420876, 12);
    expect(auc(probs, classes, { multi_class: "ovr", average: "weighted", sample_weight: sw })).toBeCloseTo(0.9743108504398826, 12);
    expect(auc(probs, classes, { multi_class: "ovo" })).toBeCloseTo(0.8541666666666666, 12);
    expect(auc(probs, classes, { multi_class: "ovr", labels: [0, 1, 2] })).toBeCloseTo(0.8541666666666666, 12);
    // ovo skips a class absent from the references.
    expect(auc(four, classes, { multi_class: "ovo", labels: [0, 1, 2, 3] })).toBeCloseTo(0.8541666666666666, 12);
    expect(auc(four, classes, { multi_class: "ovo", labels: [0, 1, 2, 3], average: "weighted" })).toBeCloseTo(0.8541666666666665, 12);
    // Binary references with three probability columns take the multiclass path.
    expect(auc(probs, [0, 1, 0, 1, 1, 0], { multi_class: "ovo", labels: [0, 1, 2] })).toBeCloseTo(0.1388888888888889, 12);
  });

  it("refuses one class only, with scikit-learn's message", () => {
    fails(() => auc([0.1, 0.2, 0.3], [1, 1, 1]), /Only one class present in y_true\. ROC AUC score is not defined in that case\./, "references");
    fails(() => auc(four, classes, { multi_class: "ovr", labels: [0, 1, 2, 3] }), /Only one class present.*class 3 vs rest/, "references");
  });

  it("refuses inputs it cannot score, naming the field", () => {
    fails(() => auc([], []), /no examples/, "predictions");
    fails(() => auc([0.1, 0.2], [0, 1, 1]), /pair up/, "references");
    fails(() => auc(scores, refs, { sample_weight: [1] }), /sample_weight/, "args.sample_weight");
    fails(() => auc(probs, classes), /multi_class "ovr".*"ovo"/, "args.multi_class");
    fails(() => auc([0.1, 0.2, 0.3], [0, 1, 2]), /list of class probabilities/, "predictions");
    fails(() => auc([[0.5, 0.5], [0.5, 0.5]], [0, 1]), /one score per example/, "predictions");
    fails(() => auc([0.1, [0.2, 0.8]] as never, [0, 1]), /predictions\[1\]/, "predictions", 1);
    fails(() => auc([[0.2, 0.8, 0], [0.5, 0.5]], [0, 1]), /predictions\[1\] has 2/, "predictions", 1);
    fails(() => auc(probs.map((r) => r.map((x) => x * 2)), classes, { multi_class: "ovr" }), /sum to 1/, "predictions", 0);
    fails(() => auc(probs, classes, { multi_class: "ovo", sample_weight: sw }), /not supported/, "args.sample_weight");
    fails(() => auc(probs, classes, { multi_class: "ovo", average: null }), /not implemented/, "args.average");
    fails(() => auc(probs, classes, { multi_class: "ovr", max_fpr: 0.5 }), /partial AUC/, "args.max_fpr");
    fails(() => auc(probs, classes, { multi_class: "ovr", labels: [2, 1, 0] }), /sorted order/, "args.labels");
    fails(() => auc(probs, classes, { multi_class: "ovr", labels: [0, 1, 3] }), /references\[3\]/, "references", 3);
    fails(() => auc(scores, refs, { sample_weight: [0, 0, 0, 0, 1, 1] }), /no positive example/, "args.sample_weight");
    expect(metric.argsSchema.safeParse({ max_fpr: 0 }).success).toBe(false);
    expect(metric.argsSchema.safeParse({ multi_class: "ova" }).success).toBe(false);
    expect(metric.argsSchema.safeParse({ pos_label: 1 }).success).toBe(false);
    expect(metric.predictionSchema.safeParse([]).success).toBe(false);
    expect(metric.statistics).toBeUndefined();
  });

  it("meets the registry contract (card, defaults, range)", () => {
    expect(readFileSync(path.join(import.meta.dirname, "card.md"), "utf8").length).toBeGreaterThan(100);
    expect(args()).toEqual(metric.defaultArgs);
    const v = auc([0, 1, 1, 0], [0, 1, 0, 0]) as number;
    expect(v).toBeCloseTo(5 / 6, 12);
  });
});
