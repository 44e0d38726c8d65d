/** Weights of a linear classifier: logits = x · weight + bias, `weight` row-major [features][labels]. */
export interface LinearWeights {
  numFeatures: number;
  numLabels: number;
  weight: Float64Array;
  bias: Float64Array;
}

export interface SoftmaxTrainingOptions {
  /** Full-batch gradient steps (deterministic: no shuffling, no random initialisation). */
  iterations?: number;
  learningRate?: number;
  /** L2 penalty on the (standardised) weights, not on the bias. */
  l2?: number;
}

/**
 * Multinomial logistic regression by full-batch gradient descent on standardised features, with the
 * standardisation folded back into the weights, so the returned classifier reads raw features.
 * Starts from zero weights: same data, same numbers, every run.
 */
export function trainSoftmaxRegression(
  features: readonly (readonly number[])[],
  labels: readonly number[],
  numLabels: number,
  opts: SoftmaxTrainingOptions = {},
): LinearWeights {
  const iterations = opts.iterations ?? 2000;
  const lr = opts.learningRate ?? 0.5;
  const l2 = opts.l2 ?? 1e-4;
  const n = features.length;
  const d = features[0]?.length ?? 0;
  if (n === 0 || labels.length !== n) throw new Error(`trainSoftmaxRegression: ${n} feature rows, ${labels.length} labels`);
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (const row of features) for (let j = 0; j < d; j++) mean[j] += row[j]! / n;
  for (const row of features) for (let j = 0; j < d; j++) scale[j] += (row[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const z = new Float64Array(n * d);
  features.forEach((row, i) => row.forEach((v, j) => (z[i * d + j] = (v - mean[j]!) / scale[j]!)));

  const w = new Float64Array(d * numLabels);
  const b = new Float64Array(numLabels);
  const gw = new Float64Array(d * numLabels);
  const gb = new Float64Array(numLabels);
  const p = new Float64Array(numLabels);
  for (let it = 0; it < iterations; it++) {
    gw.fill(0);
    gb.fill(0);
    for (let i = 0; i < n; i++) {
      const x = i * d;
      let max = -Infinity;
      for (let k = 0; k < numLabels; k++) {
        let s = b[k]!;
        for (let j = 0; j < d; j++) s += z[x + j]! * w[j * numLabels + k]!;
        p[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < numLabels; k++) sum += p[k] = Math.exp(p[k]! - max);
      for (let k = 0; k < numLabels; k++) {
        const err = (p[k]! / sum - (labels[i] === k ? 1 : 0)) / n;
        gb[k] += err;
        for (let j = 0; j < d; j++) gw[j * numLabels + k] += err * z[x + j]!;
      }
    }
    for (let k = 0; k < numLabels; k++) b[k] -= lr * gb[k]!;
    for (let i = 0; i < w.length; i++) w[i] -= lr * (gw[i]! + l2 * w[i]!);
  }
  // logits = ((x - mean) / scale) · w + b = x · (w / scale) + (b - Σ mean·w / scale)
  const weight = new Float64Array(d * numLabels);
  const bias = Float64Array.from(b);
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < numLabels; k++) {
      weight[j * numLabels + k] = w[j * numLabels + k]! / scale[j]!;
      bias[k] -= (mean[j]! * w[j * numLabels + k]!) / scale[j]!;
    }
  }
  return { numFeatures: d, numLabels, weight, bias };
}

/** Raw logits of the linear classifier (what the ONNX graph computes after its feature pooling). */
export function linearLogits(model: LinearWeights, x: readonly number[]): number[] {
  const out = Array.from(model.bias);
  for (let j = 0; j < model.numFeatures; j++) for (let k = 0; k < model.numLabels; k++) out[k] += x[j]! * model.weight[j * model.numLabels + k]!;
  return out;
}
