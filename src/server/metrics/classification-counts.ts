/**
 * Per-label confusion counts, shared by precision / recall / F1 so they follow scikit-learn's
 * `precision_recall_fscore_support` exactly (labels = sorted union of y_true and y_pred).
 */
export type Label = number | string;

export interface LabelCounts {
  labels: Label[];
  tp: number[];
  /** predicted count per label (tp + fp) */
  pred: number[];
  /** true count per label (tp + fn) */
  true: number[];
}

export function labelCounts(predictions: readonly Label[], references: readonly Label[]): LabelCounts {
  if (predictions.length !== references.length) {
    throw new Error(`predictions (${predictions.length}) and references (${references.length}) differ in length`);
  }
  const set = new Set<Label>([...references, ...predictions]);
  const labels = [...set].sort((a, b) =>
    typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
  const index = new Map(labels.map((l, i) => [l, i]));
  const tp = new Array(labels.length).fill(0);
  const pred = new Array(labels.length).fill(0);
  const tru = new Array(labels.length).fill(0);
  for (let i = 0; i < predictions.length; i++) {
    const p = index.get(predictions[i])!;
    const t = index.get(references[i])!;
    pred[p]++;
    tru[t]++;
    if (p === t) tp[p]++;
  }
  return { labels, tp, pred, true: tru };
}

export type Average = "binary" | "macro" | "micro" | "weighted";

export interface PrfArgs {
  average: Average;
  pos_label: Label;
  /** Value used when a denominator is zero (scikit-learn's "warn" behaves as 0). */
  zero_division: 0 | 1;
}

type Which = "precision" | "recall" | "f1";

function safeDiv(n: number, d: number, zero: number): number {
  return d === 0 ? zero : n / d;
}

export function precisionRecallF1(
  predictions: readonly Label[],
  references: readonly Label[],
  args: PrfArgs,
  which: Which,
): number {
  return prfFromCounts(labelCounts(predictions, references), args, which);
}

/** Per-example rows [tp_0, pred_0, true_0, tp_1, ...] over the sorted label set of the whole input. */
export function prfStatistics(predictions: readonly Label[], references: readonly Label[], args: PrfArgs, which: Which) {
  const { labels } = labelCounts(predictions, references);
  const index = new Map(labels.map((l, i) => [l, i]));
  const width = 3 * labels.length;
  const data = new Float64Array(predictions.length * width);
  for (let i = 0; i < predictions.length; i++) {
    const p = index.get(predictions[i])!;
    const t = index.get(references[i])!;
    data[i * width + 3 * p + 1] = 1;
    data[i * width + 3 * t + 2] = 1;
    if (p === t) data[i * width + 3 * p] = 1;
  }
  const finalize = (sums: Float64Array): Record<string, number> => {
    const c: LabelCounts = { labels: [], tp: [], pred: [], true: [] };
    labels.forEach((l, k) => {
      // Labels absent from a resample drop out, exactly as scikit-learn would not see them.
      if (sums[3 * k + 1] === 0 && sums[3 * k + 2] === 0) return;
      c.labels.push(l);
      c.tp.push(sums[3 * k]);
      c.pred.push(sums[3 * k + 1]);
      c.true.push(sums[3 * k + 2]);
    });
    return { [which]: c.labels.length ? prfFromCounts(c, args, which) : args.zero_division };
  };
  return { width, data, finalize };
}

function prfFromCounts(c: LabelCounts, args: PrfArgs, which: Which): number {
  const perLabel = (tp: number, pred: number, tru: number): number => {
    const p = safeDiv(tp, pred, args.zero_division);
    const r = safeDiv(tp, tru, args.zero_division);
    if (which === "precision") return p;
    if (which === "recall") return r;
    // scikit-learn >= 1.3: F = 2tp / (2tp + fp + fn); zero_division only when that denominator is 0.
    return safeDiv(2 * tp, pred + tru, args.zero_division);
  };
  if (args.average === "micro") {
    const tp = sum(c.tp);
    return perLabel(tp, sum(c.pred), sum(c.true));
  }
  if (args.average === "binary") {
    const i = c.labels.indexOf(args.pos_label);
    if (c.labels.length > 2) {
      throw new Error(`average="binary" needs at most two labels, got ${c.labels.length}; choose macro, micro or weighted`);
    }
    if (i < 0) {
      throw new Error(`pos_label=${String(args.pos_label)} is not a valid label; it should be one of ${c.labels.join(", ")}`);
    }
    return perLabel(c.tp[i], c.pred[i], c.true[i]);
  }
  const scores = c.labels.map((_, i) => perLabel(c.tp[i], c.pred[i], c.true[i]));
  if (args.average === "macro") return sum(scores) / scores.length;
  const total = sum(c.true);
  if (total === 0) return args.zero_division;
  return sum(scores.map((s, i) => (s * c.true[i]) / total));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
