/**
 * Label handling and per-label counts shared by the classification metrics, so they follow
 * scikit-learn exactly: labels are the sorted union of references and predictions (`unique_labels`),
 * strings and numbers never mix, and every count is weighted by `sample_weight`.
 */
import { sumRows } from "./sum-rows";
import { assertSameLength, MetricInputError } from "./types";

export type Label = number | string;

// UTF-16 code units sort astral characters (surrogates) before U+E000–U+FFFF; numpy sorts by code
// point. Moving the two ranges past each other gives code-point order without decoding.
function codeUnitRank(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c + 0x2000;
  if (c >= 0xe000) return c - 0x800;
  return c;
}

/** numpy's order for `unique_labels`: numbers ascending, strings by code point. */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = codeUnitRank(x.charCodeAt(i)) - codeUnitRank(y.charCodeAt(i));
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export function formatLabel(l: Label): string {
  return typeof l === "string" ? JSON.stringify(l) : String(l);
}

/** Rejects an empty input: every classification metric is undefined on zero examples. */
export function assertNonEmpty(predictions: readonly unknown[]): void {
  if (predictions.length === 0) {
    throw new MetricInputError("no examples to score: predictions and references are empty", { field: "predictions" });
  }
}

/** `sample_weight` pairs with the examples one to one. */
export function checkSampleWeight(weights: readonly number[] | undefined, n: number): void {
  if (weights && weights.length !== n) {
    throw new MetricInputError(`sample_weight has ${weights.length} weights but there are ${n} examples; they must pair up one to one`, {
      field: "args.sample_weight",
    });
  }
}

/**
 * scikit-learn refuses "a mix of label input types (string and number)": names the first example
 * (or `labels` entry) whose type differs from the first reference's.
 */
export function checkLabelTypes(predictions: readonly Label[], references: readonly Label[], labels?: readonly Label[]): void {
  const first = references.length ? references[0] : predictions[0];
  if (first === undefined) return;
  const kind = typeof first;
  const bad = (field: string, i: number, l: Label) =>
    new MetricInputError(
      `${field}[${i}] is a ${typeof l} label (${formatLabel(l)}) but references[0] is a ${kind} (${formatLabel(first)}); labels must be all numbers or all strings`,
      { index: field === "args.labels" ? undefined : i, field },
    );
  for (let i = 0; i < references.length; i++) if (typeof references[i] !== kind) throw bad("references", i, references[i]);
  for (let i = 0; i < predictions.length; i++) if (typeof predictions[i] !== kind) throw bad("predictions", i, predictions[i]);
  if (labels) for (let i = 0; i < labels.length; i++) if (typeof labels[i] !== kind) throw bad("args.labels", i, labels[i]);
}

/** The checks every label-pair metric starts with: pairing, non-empty, weights, label types. */
export function checkClassificationInput(
  predictions: readonly Label[],
  references: readonly Label[],
  opts: { sample_weight?: readonly number[]; labels?: readonly Label[] } = {},
): void {
  assertSameLength(predictions, references);
  assertNonEmpty(predictions);
  checkSampleWeight(opts.sample_weight, predictions.length);
  checkLabelTypes(predictions, references, opts.labels);
}

/** scikit-learn's `unique_labels(y_true, y_pred)`: the sorted union. */
export function uniqueLabels(predictions: readonly Label[], references: readonly Label[]): Label[] {
  return [...new Set<Label>([...references, ...predictions])].sort(compareLabels);
}

/**
 * Weighted confusion matrix (rows: reference, columns: prediction) over `labels`, in that order;
 * examples whose reference or prediction is not in `labels` are left out, as scikit-learn does.
 */
export function confusionCounts(
  predictions: readonly Label[],
  references: readonly Label[],
  labels: readonly Label[],
  sampleWeight?: readonly number[],
): number[][] {
  const index = new Map(labels.map((l, i) => [l, i]));
  const cm = labels.map(() => new Array<number>(labels.length).fill(0));
  for (let i = 0; i < predictions.length; i++) {
    const t = index.get(references[i]);
    const p = index.get(predictions[i]);
    if (t === undefined || p === undefined) continue;
    cm[t][p] += sampleWeight ? sampleWeight[i] : 1;
  }
  return cm;
}

// ---------------------------------------------------------------------------------------------
// precision / recall / F1: scikit-learn's precision_recall_fscore_support (>= 1.3)

export type Average = "binary" | "macro" | "micro" | "weighted";

export interface PrfArgs {
  /** `null` gives one value per label (in `labels` order), as evaluate's list output. */
  average: Average | null;
  /** The positive class when `average` is "binary". */
  pos_label: Label;
  /** Labels to include (and their order for `average: null`); default: sorted union of the data. */
  labels?: Label[];
  sample_weight?: number[];
  /** Value used when a denominator is zero; scikit-learn's "warn" gives 0 (and a warning). */
  zero_division: 0 | 1 | "warn";
}

export type PrfWhich = "precision" | "recall" | "f1";

interface PrfPlan {
  /** The labels scored, in output order. */
  columns: Label[];
  /** Labels came from the data: a resample without a label leaves it out, as scikit-learn would. */
  dataDerived: boolean;
}

/** scikit-learn's `_check_set_wise_labels`: which labels are scored for this `average`. */
function planPrf(predictions: readonly Label[], references: readonly Label[], args: PrfArgs): PrfPlan {
  checkClassificationInput(predictions, references, args);
  const present = uniqueLabels(predictions, references);
  if (args.average === "binary") {
    if (present.length > 2) {
      throw new MetricInputError(
        `average="binary" needs at most two labels, got ${present.length} (${present.map(formatLabel).join(", ")}); the target is multiclass, so choose average null, "micro", "macro" or "weighted"`,
        { field: "args.average" },
      );
    }
    // With a single label present, scikit-learn scores pos_label anyway (all counts zero).
    if (present.length === 2 && !present.includes(args.pos_label)) {
      throw new MetricInputError(
        `pos_label=${formatLabel(args.pos_label)} is not a valid label; it should be one of ${present.map(formatLabel).join(", ")}`,
        { field: "args.pos_label" },
      );
    }
    return { columns: [args.pos_label], dataDerived: false };
  }
  if (args.labels) return { columns: [...args.labels], dataDerived: false };
  return { columns: present, dataDerived: true };
}

const PRF_WIDTH = 4; // per label: weighted tp, weighted predicted, weighted true, unweighted "seen"

function prfRows(predictions: readonly Label[], references: readonly Label[], plan: PrfPlan, weights?: readonly number[]): Float64Array {
  const index = new Map(plan.columns.map((l, i) => [l, i]));
  const width = PRF_WIDTH * plan.columns.length;
  const data = new Float64Array(predictions.length * width);
  for (let i = 0; i < predictions.length; i++) {
    const w = weights ? weights[i] : 1;
    const p = index.get(predictions[i]);
    const t = index.get(references[i]);
    const row = i * width;
    if (p !== undefined) {
      data[row + PRF_WIDTH * p + 1] = w;
      data[row + PRF_WIDTH * p + 3] = 1;
    }
    if (t !== undefined) {
      data[row + PRF_WIDTH * t + 2] = w;
      data[row + PRF_WIDTH * t + 3] = 1;
    }
    if (p !== undefined && p === t) data[row + PRF_WIDTH * p] = w;
  }
  return data;
}

/** Precision, recall or F1 from summed rows: one number, or one per label when `average` is null. */
function prfFromSums(plan: PrfPlan, sums: Float64Array, args: PrfArgs, which: PrfWhich): number | number[] {
  const tp: number[] = [];
  const pred: number[] = [];
  const tru: number[] = [];
  plan.columns.forEach((_, k) => {
    // Weights can be zero, so presence is counted unweighted (scikit-learn's unique_labels ignores weights).
    if (plan.dataDerived && sums[PRF_WIDTH * k + 3] === 0) return;
    tp.push(sums[PRF_WIDTH * k]);
    pred.push(sums[PRF_WIDTH * k + 1]);
    tru.push(sums[PRF_WIDTH * k + 2]);
  });
  if (tp.length === 0) return NaN;
  const zero = args.zero_division === 1 ? 1 : 0;
  const div = (n: number, d: number) => (d === 0 ? zero : n / d);
  // scikit-learn >= 1.3: F1 = 2·tp / (2·tp + fp + fn), zero_division only when that denominator is 0.
  const score = (t: number, p: number, r: number) => (which === "precision" ? div(t, p) : which === "recall" ? div(t, r) : div(2 * t, p + r));
  if (args.average === "micro") return score(sum(tp), sum(pred), sum(tru));
  const scores = tp.map((t, k) => score(t, pred[k], tru[k]));
  if (args.average === null) return scores;
  if (args.average === "binary") return scores[0];
  const total = sum(tru);
  // scikit-learn's _nanaverage: when every support is zero, the weights are ignored.
  if (args.average === "macro" || total === 0) return sum(scores) / scores.length;
  return sum(scores.map((s, k) => s * tru[k])) / total;
}

/** Per-example rows over the scored labels; `finalize` gives the scalar (empty for `average: null`). */
export function prfStatistics(predictions: readonly Label[], references: readonly Label[], args: PrfArgs, which: PrfWhich) {
  const plan = planPrf(predictions, references, args);
  return {
    width: PRF_WIDTH * plan.columns.length,
    data: prfRows(predictions, references, plan, args.sample_weight),
    finalize(sums: Float64Array): Record<string, number> {
      const v = prfFromSums(plan, sums, args, which);
      return typeof v === "number" ? { [which]: v } : {};
    },
  };
}

/** Precision / recall / F1 on the whole input: a number, or a per-label list for `average: null`. */
export function prfScore(predictions: readonly Label[], references: readonly Label[], args: PrfArgs, which: PrfWhich): number | number[] {
  const plan = planPrf(predictions, references, args);
  const data = prfRows(predictions, references, plan, args.sample_weight);
  const sums = sumRows({ width: PRF_WIDTH * plan.columns.length, data });
  return prfFromSums(plan, sums, args, which);
}

/**
 * Precision, recall and F1 over explicit `labels` for any averaging, counted once
 * (classification_report's per-label rows and its average rows).
 */
export function prfTable(
  predictions: readonly Label[],
  references: readonly Label[],
  labels: readonly Label[],
  args: Pick<PrfArgs, "sample_weight" | "zero_division">,
) {
  const plan: PrfPlan = { columns: [...labels], dataDerived: false };
  const sums = sumRows({ width: PRF_WIDTH * labels.length, data: prfRows(predictions, references, plan, args.sample_weight) });
  const scores = (average: Average | null) => {
    const full: PrfArgs = { ...args, average, pos_label: 1, labels: [...labels] };
    return { precision: prfFromSums(plan, sums, full, "precision"), recall: prfFromSums(plan, sums, full, "recall"), f1: prfFromSums(plan, sums, full, "f1") };
  };
  return {
    /** Weighted count of references per label. */
    support: labels.map((_, k) => sums[PRF_WIDTH * k + 2]),
    perLabel: () => scores(null) as { precision: number[]; recall: number[]; f1: number[] },
    averaged: (average: "micro" | "macro" | "weighted") => scores(average) as { precision: number; recall: number; f1: number },
  };
}

export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
