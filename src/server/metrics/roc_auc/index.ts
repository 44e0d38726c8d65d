import { z } from "zod";
import { checkLabelTypes, compareLabels, formatLabel, type Label } from "../classification-counts";
import { LabelListSchema, SampleWeightSchema } from "../prf-args";
import { LabelSchema, NumberSchema } from "../schemas";
import { assertSameLength, MetricInputError, type MetricDefinition } from "../types";

/** A score for the positive class (binary), or one probability per class (multiclass). */
export type RocAucPrediction = number | number[];

export interface RocAucArgs {
  /** Multiclass averaging: "macro" (default), "weighted", "micro" (ovr only) or null (ovr only: one per class). */
  average: "macro" | "weighted" | "micro" | null;
  sample_weight?: number[];
  /** Standardised partial AUC over FPR in [0, max_fpr] (McClish correction); binary only. */
  max_fpr?: number | null;
  /** Multiclass strategy; "raise" (scikit-learn's default) refuses multiclass input. */
  multi_class: "raise" | "ovr" | "ovo";
  /** Classes indexing the probability columns (sorted); default: the sorted reference labels. */
  labels?: Label[];
}

const ONE_CLASS = "Only one class present in y_true. ROC AUC score is not defined in that case.";

/**
 * scikit-learn's `roc_curve` + `auc`: points at each distinct score (ties form one step, i.e. count
 * ½ as in the Mann–Whitney U statistic), trapezoidal area, optional McClish-standardised partial AUC.
 */
function binaryAuc(positive: readonly boolean[], score: readonly number[], weight: readonly number[] | undefined, maxFpr: number | null | undefined, what: string): number {
  if (!positive.includes(true) || !positive.includes(false)) throw new MetricInputError(`${ONE_CLASS} (${what})`, { field: "references" });
  // Zero-weight examples do not move the curve (scikit-learn drops them).
  const idx = [...score.keys()].filter((i) => !weight || weight[i] !== 0).sort((a, b) => score[b] - score[a]);
  const fps = [0];
  const tps = [0];
  let tp = 0;
  let fp = 0;
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    const w = weight ? weight[i] : 1;
    if (positive[i]) tp += w;
    else fp += w;
    if (j === idx.length - 1 || score[idx[j + 1]] !== score[i]) {
      tps.push(tp);
      fps.push(fp);
    }
  }
  if (tp === 0 || fp === 0) {
    throw new MetricInputError(`ROC AUC is not defined: no ${tp === 0 ? "positive" : "negative"} example has a non-zero sample_weight (${what})`, {
      field: "args.sample_weight",
    });
  }
  let fpr = fps.map((x) => x / fp);
  let tpr = tps.map((x) => x / tp);
  if (maxFpr !== undefined && maxFpr !== null && maxFpr !== 1) {
    // First point past max_fpr; interpolate the curve there and cut.
    let stop = fpr.findIndex((x) => x > maxFpr);
    if (stop < 0) stop = fpr.length - 1;
    const [x0, x1, y0, y1] = [fpr[stop - 1], fpr[stop], tpr[stop - 1], tpr[stop]];
    const yAt = x1 === x0 ? y1 : y0 + ((maxFpr - x0) * (y1 - y0)) / (x1 - x0);
    tpr = [...tpr.slice(0, stop), yAt];
    fpr = [...fpr.slice(0, stop), maxFpr];
    const partial = trapezoid(fpr, tpr);
    const minArea = 0.5 * maxFpr * maxFpr;
    return 0.5 * (1 + (partial - minArea) / (maxFpr - minArea));
  }
  return trapezoid(fpr, tpr);
}

function trapezoid(x: readonly number[], y: readonly number[]): number {
  let area = 0;
  for (let k = 1; k < x.length; k++) area += ((x[k] - x[k - 1]) * (y[k] + y[k - 1])) / 2;
  return area;
}

function checkShapes(predictions: readonly RocAucPrediction[]): number | null {
  const first = predictions[0];
  const width = Array.isArray(first) ? first.length : null;
  predictions.forEach((p, i) => {
    if (Array.isArray(p) !== (width !== null)) {
      throw new MetricInputError(
        `predictions[${i}] is ${Array.isArray(p) ? "a list of scores" : "a single score"} but predictions[0] is ${width === null ? "a single score" : "a list"}; use one shape for every example`,
        { index: i, field: "predictions" },
      );
    }
    if (Array.isArray(p) && p.length !== width) {
      throw new MetricInputError(`predictions[${i}] has ${p.length} class scores but predictions[0] has ${width}`, { index: i, field: "predictions" });
    }
  });
  return width;
}

function multiclassAuc(probs: readonly number[][], references: readonly Label[], present: Label[], args: RocAucArgs): number | number[] {
  const { average, sample_weight: weight } = args;
  const width = probs[0].length;
  if (args.max_fpr !== undefined && args.max_fpr !== null && args.max_fpr !== 1) {
    throw new MetricInputError(`partial AUC (max_fpr=${args.max_fpr}) is not available for multiclass input; leave max_fpr unset`, { field: "args.max_fpr" });
  }
  if (args.multi_class === "raise") {
    throw new MetricInputError(
      `references have ${present.length} classes and predictions are probability lists: multiclass ROC AUC needs multi_class "ovr" (one-vs-rest) or "ovo" (one-vs-one)`,
      { field: "args.multi_class" },
    );
  }
  probs.forEach((row, i) => {
    const s = row.reduce((a, b) => a + b, 0);
    // numpy.allclose(1, s): |1 - s| <= 1e-8 + 1e-5·|s|
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
      throw new MetricInputError(`predictions[${i}] sums to ${s}: multiclass ROC AUC needs class probabilities that sum to 1`, { index: i, field: "predictions" });
    }
  });
  if (average === null && args.multi_class === "ovo") throw new MetricInputError(`average=null is not implemented for multi_class "ovo"`, { field: "args.average" });
  if (average === "micro" && args.multi_class === "ovo") throw new MetricInputError(`average "micro" needs multi_class "ovr"`, { field: "args.average" });
  let classes = present;
  if (args.labels) {
    const sorted = [...args.labels].sort(compareLabels);
    if (sorted.some((l, k) => l !== args.labels![k])) throw new MetricInputError(`labels must be in sorted order (${sorted.map(formatLabel).join(", ")})`, { field: "args.labels" });
    if (args.labels.length !== width) {
      throw new MetricInputError(`${args.labels.length} labels given but predictions have ${width} class probabilities`, { field: "args.labels" });
    }
    const known = new Set(args.labels);
    const i = references.findIndex((r) => !known.has(r));
    if (i >= 0) throw new MetricInputError(`references[${i}] (${formatLabel(references[i])}) is not in labels`, { index: i, field: "references" });
    classes = args.labels;
  } else if (present.length !== width) {
    throw new MetricInputError(
      `references have ${present.length} classes (${present.map(formatLabel).join(", ")}) but predictions have ${width} class probabilities; set labels to name the columns`,
      { field: "predictions" },
    );
  }
  const col = (c: number) => probs.map((row) => row[c]);
  if (args.multi_class === "ovo") {
    if (weight) throw new MetricInputError(`sample_weight is not supported for multi_class "ovo"`, { field: "args.sample_weight" });
    const code = references.map((r) => classes.indexOf(r));
    const seen = [...new Set(code)].sort((a, b) => a - b);
    let total = 0;
    let norm = 0;
    for (let x = 0; x < seen.length; x++) {
      for (let y = x + 1; y < seen.length; y++) {
        const [a, b] = [seen[x], seen[y]];
        const rows = code.flatMap((c, i) => (c === a || c === b ? [i] : []));
        const aucA = binaryAuc(rows.map((i) => code[i] === a), rows.map((i) => probs[i][a]), undefined, null, `classes ${formatLabel(classes[a])} vs ${formatLabel(classes[b])}`);
        const aucB = binaryAuc(rows.map((i) => code[i] === b), rows.map((i) => probs[i][b]), undefined, null, `classes ${formatLabel(classes[b])} vs ${formatLabel(classes[a])}`);
        // Weighted: each pair by its prevalence (share of examples in either class).
        const w = average === "weighted" ? rows.length / references.length : 1;
        total += (w * (aucA + aucB)) / 2;
        norm += w;
      }
    }
    return total / norm;
  }
  const onehot = classes.map((c) => references.map((r) => r === c));
  if (average === "micro") {
    const flatTrue = references.flatMap((_, i) => classes.map((__, c) => onehot[c][i]));
    const flatScore = probs.flatMap((row) => row);
    const flatWeight = weight && references.flatMap((_, i) => classes.map(() => weight[i]));
    return binaryAuc(flatTrue, flatScore, flatWeight, null, "micro average");
  }
  const scores = classes.map((c, k) => binaryAuc(onehot[k], col(k), weight, null, `class ${formatLabel(c)} vs rest`));
  if (average === null) return scores;
  if (average === "macro") return scores.reduce((a, b) => a + b, 0) / scores.length;
  const support = onehot.map((isC) => isC.reduce((a, t, i) => a + (t ? (weight ? weight[i] : 1) : 0), 0));
  const norm = support.reduce((a, b) => a + b, 0);
  if (Math.abs(norm) <= 1e-8) return 0;
  return scores.reduce((a, s, k) => a + (support[k] === 0 ? 0 : s * support[k]), 0) / norm;
}

const README = "evaluate metrics/roc_auc README (exact values: scikit-learn 1.2.1)";
const probs = [
  [0.3, 0.5, 0.2],
  [0.7, 0.2, 0.1],
  [0.005, 0.99, 0.005],
  [0.2, 0.3, 0.5],
  [0.1, 0.1, 0.8],
  [0.1, 0.7, 0.2],
];

export const rocAuc: MetricDefinition<RocAucPrediction, Label, RocAucArgs> = {
  id: "roc_auc",
  name: "ROC AUC",
  description: "Area under the ROC curve: the probability that a random positive example is scored above a random negative one (ties count half).",
  tasks: ["text-classification", "image-classification", "zero-shot-classification"],
  higherIsBetter: true,
  range: [0, 1],
  primary: "roc_auc",
  predictionSchema: z.union([NumberSchema, z.array(NumberSchema).min(1)]),
  referenceSchema: LabelSchema,
  argsSchema: z
    .object({
      average: z.enum(["macro", "weighted", "micro"]).nullable().default("macro"),
      sample_weight: SampleWeightSchema.optional(),
      max_fpr: z.number().gt(0).lte(1).nullable().optional(),
      multi_class: z.enum(["raise", "ovr", "ovo"]).default("raise"),
      labels: LabelListSchema.optional(),
    })
    .strict() as unknown as z.ZodType<RocAucArgs>,
  defaultArgs: { average: "macro", multi_class: "raise" },
  compute(predictions, references, args) {
    assertSameLength(predictions, references);
    if (predictions.length === 0) throw new MetricInputError("no examples to score: predictions and references are empty", { field: "predictions" });
    if (args.sample_weight && args.sample_weight.length !== predictions.length) {
      throw new MetricInputError(`sample_weight has ${args.sample_weight.length} weights but there are ${predictions.length} examples`, { field: "args.sample_weight" });
    }
    checkLabelTypes([], references, args.labels);
    const width = checkShapes(predictions);
    const present = [...new Set(references)].sort(compareLabels);
    if (width !== null && (present.length > 2 || width > 2)) {
      return { roc_auc: multiclassAuc(predictions as number[][], references, present, args) };
    }
    if (width !== null) {
      throw new MetricInputError(
        `references have ${present.length} class${present.length === 1 ? "" : "es"}: binary ROC AUC takes one score per example (the positive class's), not lists of ${width}`,
        { index: 0, field: "predictions" },
      );
    }
    if (present.length > 2) {
      throw new MetricInputError(
        `references have ${present.length} classes: multiclass ROC AUC takes a list of class probabilities per example, with multi_class "ovr" or "ovo"`,
        { index: 0, field: "predictions" },
      );
    }
    if (present.length < 2) throw new MetricInputError(ONE_CLASS, { field: "references" });
    // scikit-learn binarises with the greater label as the positive class.
    const pos = present[1];
    return { roc_auc: binaryAuc(references.map((r) => r === pos), predictions as number[], args.sample_weight, args.max_fpr, `positive class ${formatLabel(pos)}`) };
  },
  examples: [
    { predictions: [0.5, 0.2, 0.99, 0.3, 0.1, 0.7], references: [1, 0, 1, 1, 0, 0], expected: { roc_auc: 0.7777777777777779 }, source: README },
    { predictions: probs, references: [1, 0, 1, 2, 2, 0], args: { multi_class: "ovr" }, expected: { roc_auc: 0.8541666666666666 }, source: README },
    { predictions: [0.1, 0.4, 0.35, 0.8], references: [0, 0, 1, 1], expected: { roc_auc: 0.75 }, source: "sklearn.metrics.roc_auc_score docstring" },
    {
      predictions: probs,
      references: [1, 0, 1, 2, 2, 0],
      args: { multi_class: "ovo", average: "weighted" },
      expected: { roc_auc: 0.8541666666666665 },
      source: "scikit-learn 1.2.1 on the README's multiclass example",
    },
  ],
};
