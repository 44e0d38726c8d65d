/**
 * The demo models are mean-pooled bags of embeddings: logits = mean(E[ids]) · W + b, with the
 * embedding width equal to the number of labels and W = identity (see onnx-classifier.ts).
 *
 * Weights come from binarized multinomial Naive Bayes with add-one smoothing (Wang & Manning 2012,
 * "Baselines and Bigrams"): E[t, k] = log P(t | k) relative to an unseen word, b = log P(k).
 * NB is closed-form, so it is deterministic and instant. We measured logistic regression first
 * (full-batch GD/Adam, any L2): on 472 training sentences it overfits and tops out around 0.66
 * validation accuracy with the full vocabulary, against 0.73 for NB, and starting from the NB
 * weights and fine-tuning only lowered it.
 *
 * Mean pooling instead of a sum only rescales the evidence per sentence: with zero weight on
 * [CLS]/[SEP], argmax(mean) equals NB's argmax(sum) except when the tiny log-prior tips a close call.
 */

export type BowWeights = {
  vocabSize: number;
  numLabels: number;
  /** Row-major [vocabSize, numLabels], float32 because that is what the ONNX graph stores. */
  embeddings: Float32Array;
  bias: Float32Array;
};

export type TrainNaiveBayesOptions = {
  /** Token ids per training example, as the tokenizer produces them (with [CLS]/[SEP]). */
  inputs: readonly (readonly number[])[];
  labels: readonly number[];
  vocabSize: number;
  numLabels: number;
  /** Ids that never count as evidence (special tokens); their embedding rows stay zero. */
  ignoreIds: readonly number[];
  /** Additive (Laplace) smoothing; 1 is the textbook default, not tuned on validation. */
  alpha?: number;
};

export function trainNaiveBayes(opts: TrainNaiveBayesOptions): BowWeights {
  const { vocabSize: V, numLabels: L } = opts;
  const alpha = opts.alpha ?? 1;
  const ignore = new Set(opts.ignoreIds);
  const counts = new Float64Array(V * L);
  const docs = new Float64Array(L);
  opts.inputs.forEach((ids, i) => {
    const label = opts.labels[i]!;
    docs[label]! += 1;
    // Binarized: a word counts once per sentence; repeated words say little more about sentiment.
    for (const id of new Set(ids)) if (!ignore.has(id)) counts[id * L + label]! += 1;
  });
  const evidenceTokens = V - ignore.size;
  const totals = Array.from({ length: L }, (_, k) => {
    let sum = alpha * evidenceTokens;
    for (let t = 0; t < V; t++) sum += counts[t * L + k]!;
    return sum;
  });
  const embeddings = new Float32Array(V * L);
  for (let t = 0; t < V; t++) {
    if (ignore.has(t)) continue;
    // log((c + a) / total) - log(a / total) = log1p(c / a): an unseen word scores 0 for every label.
    for (let k = 0; k < L; k++) embeddings[t * L + k] = Math.log((counts[t * L + k]! + alpha) / alpha);
  }
  // The per-label normaliser log(a / total) is constant per label, so it folds into the bias
  // together with the prior; scaled by 1 because mean pooling keeps the bias outside the mean.
  const n = opts.inputs.length;
  const bias = Float32Array.from(totals, (total, k) => Math.log(docs[k]! / n) + Math.log(alpha / total));
  return { vocabSize: V, numLabels: L, embeddings, bias };
}

/**
 * The ONNX graph's computation on one unpadded sequence, from the float32 weights it stores.
 * Accumulates in float64; ORT accumulates in float32, so logits agree to ~1e-6, not bit for bit.
 */
export function bowLogits(weights: BowWeights, ids: readonly number[]): number[] {
  const L = weights.numLabels;
  const sum = new Array<number>(L).fill(0);
  for (const id of ids) {
    for (let k = 0; k < L; k++) sum[k]! += weights.embeddings[id * L + k]!;
  }
  return sum.map((s, k) => s / ids.length + weights.bias[k]!);
}

/** First index of the maximum, like transformers.js' top-1 (ties go to the lower label id). */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k]! > values[best]!) best = k;
  return best;
}

export function bowAccuracy(weights: BowWeights, inputs: readonly (readonly number[])[], labels: readonly number[]): number {
  let correct = 0;
  inputs.forEach((ids, i) => {
    if (argmax(bowLogits(weights, ids)) === labels[i]) correct++;
  });
  return correct / inputs.length;
}
