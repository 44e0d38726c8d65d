/**
 * Binary logistic regression on a handful of dense features, fitted by Newton's method
 * (iteratively reweighted least squares) with a small L2 penalty. With so few features Newton
 * converges in a few steps to the unique optimum, so the result does not depend on a learning
 * rate, an initialisation or a random order: rebuilding gives the same weights.
 */

export type LogisticModel = {
  /** One weight per raw (unstandardised) feature. */
  weights: number[];
  bias: number;
};

export type TrainLogisticOptions = {
  /** Feature rows, one per example. */
  features: readonly (readonly number[])[];
  /** 1 for the positive class. */
  targets: readonly (0 | 1)[];
  /** L2 penalty on the standardised weights (not on the bias). */
  l2?: number;
  iterations?: number;
};

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let c = r + 1; c < n; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

export function trainLogistic(opts: TrainLogisticOptions): LogisticModel {
  const { features, targets } = opts;
  const n = features.length;
  const f = features[0]?.length ?? 0;
  const l2 = opts.l2 ?? 1e-2;
  // Standardise so the penalty treats features of different scales alike; folded back at the end.
  const mean = Array.from({ length: f }, (_, k) => features.reduce((s, x) => s + x[k]!, 0) / n);
  const sd = Array.from({ length: f }, (_, k) => Math.sqrt(features.reduce((s, x) => s + (x[k]! - mean[k]!) ** 2, 0) / n) || 1);
  const rows = features.map((x) => [1, ...x.map((v, k) => (v - mean[k]!) / sd[k]!)]);
  const w = new Array<number>(f + 1).fill(0);
  for (let it = 0; it < (opts.iterations ?? 25); it++) {
    const grad = new Array<number>(f + 1).fill(0);
    const hess = Array.from({ length: f + 1 }, () => new Array<number>(f + 1).fill(0));
    rows.forEach((z, i) => {
      const p = sigmoid(z.reduce((s, v, k) => s + v * w[k]!, 0));
      const r = p * (1 - p);
      for (let a = 0; a <= f; a++) {
        grad[a]! += (p - targets[i]!) * z[a]!;
        for (let b = 0; b <= f; b++) hess[a]![b]! += r * z[a]! * z[b]!;
      }
    });
    for (let a = 1; a <= f; a++) {
      grad[a]! += l2 * w[a]!;
      hess[a]![a]! += l2;
    }
    const step = solve(hess, grad);
    step.forEach((s, k) => (w[k]! -= s));
    if (Math.max(...step.map(Math.abs)) < 1e-12) break;
  }
  const weights = w.slice(1).map((v, k) => v / sd[k]!);
  const bias = w[0]! - weights.reduce((s, v, k) => s + v * mean[k]!, 0);
  return { weights, bias };
}
