import type { Sst2Row } from "../sst2";
import { BOS_ID, EOS_ID, LM_SPECIAL_TOKENS, lmEncode, promptFor, TEMPLATE_WORDS, UNK_ID, ZERO_SHOT_CLASSES, type LmVocab } from "./vocab";

/**
 * A causal LM small enough to write by hand and train by counting:
 *
 *   logits[t] = bigram[context(x_t)] + Σ_{u ≤ t} evidence[x_u] · projection
 *
 * - `bigram` [K, V]: log P(next | class of the current token), a class-based bigram in which the
 *   K − 1 most frequent context tokens have their own row and all others share the last one.
 * - `evidence` [V, 2]: a centred Naive Bayes log-likelihood ratio per word, (−d/2, +d/2) with
 *   d = log P(w | positive) − log P(w | negative). Its running sum over the tokens so far is the
 *   sentence's NB score, and `projection` [2, V] adds it to the logits of "negative" / "positive".
 *
 * Both terms depend only on tokens at positions ≤ t, so the model is causal without attention.
 */
export type CausalLmWeights = {
  vocabSize: number;
  numContextClasses: number;
  /** Context class of each token id [V]. */
  contextClass: Int32Array;
  /** Row-major [K, V] log-probabilities. */
  bigram: Float32Array;
  /** Row-major [V, 2]: evidence for (negative, positive). */
  evidence: Float32Array;
  /** Row-major [2, V]: 1 at (0, "negative") and (1, "positive"), 0 elsewhere. */
  projection: Float32Array;
};

export type TrainCausalLmOptions = {
  vocab: LmVocab;
  rows: readonly Sst2Row[];
  /** Number of bigram context classes (the last one is shared by the rarer tokens). */
  contextClasses: number;
  /** Add-alpha smoothing of the Naive Bayes word counts (1 = Laplace, not tuned). */
  alpha?: number;
  /** Dirichlet prior strength that backs the bigram off to the (add-one) unigram (not tuned). */
  beta?: number;
};

const LABEL_WORDS = ZERO_SHOT_CLASSES.map((c) => c.trim());

/** `<s>` prompt completion `</s>`: the text the LM is trained on, for one labelled sentence. */
export function trainingSequence(vocab: LmVocab, row: Sst2Row): number[] {
  return [...lmEncode(vocab, promptFor(row.sentence) + ZERO_SHOT_CLASSES[row.label]), EOS_ID];
}

export function trainCausalLm(opts: TrainCausalLmOptions): CausalLmWeights {
  const { vocab, rows } = opts;
  const V = vocab.tokens.length;
  const K = Math.min(opts.contextClasses, V);
  const alpha = opts.alpha ?? 1;
  const beta = opts.beta ?? 1;
  const sequences = rows.map((r) => trainingSequence(vocab, r));

  // Context classes: the K - 1 most frequent tokens that precede something (ties by id).
  const contextCounts = new Float64Array(V);
  for (const seq of sequences) for (let i = 0; i + 1 < seq.length; i++) contextCounts[seq[i]!]! += 1;
  const byFrequency = Array.from({ length: V }, (_, id) => id).sort((a, b) => contextCounts[b]! - contextCounts[a]! || a - b);
  const contextClass = new Int32Array(V).fill(K - 1);
  byFrequency.slice(0, K - 1).forEach((id, k) => (contextClass[id] = k));

  const unigram = new Float64Array(V).fill(1);
  const pairs = new Float64Array(K * V);
  const rowTotals = new Float64Array(K);
  let unigramTotal = V;
  for (const seq of sequences) {
    for (let i = 0; i + 1 < seq.length; i++) {
      const k = contextClass[seq[i]!]!;
      const next = seq[i + 1]!;
      pairs[k * V + next]! += 1;
      rowTotals[k]! += 1;
      unigram[next]! += 1;
      unigramTotal += 1;
    }
  }
  const bigram = new Float32Array(K * V);
  for (let k = 0; k < K; k++) {
    for (let w = 0; w < V; w++) {
      const p = (pairs[k * V + w]! + (beta * unigram[w]!) / unigramTotal) / (rowTotals[k]! + beta);
      bigram[k * V + w] = Math.log(p);
    }
  }

  // Binarized multinomial Naive Bayes over the sentence words only (not the template).
  const ignore = new Set<number>([...LM_SPECIAL_TOKENS.map((_, id) => id), UNK_ID, ...TEMPLATE_WORDS.map((w) => vocab.ids.get(w)!)]);
  const counts = [new Float64Array(V), new Float64Array(V)];
  for (const row of rows) {
    for (const id of new Set(lmEncode(vocab, row.sentence, { addSpecialTokens: false }))) if (!ignore.has(id)) counts[row.label]![id]! += 1;
  }
  const totals = counts.map((c) => {
    let sum = 0;
    for (let id = 0; id < V; id++) if (!ignore.has(id)) sum += c[id]! + alpha;
    return sum;
  });
  const evidence = new Float32Array(V * 2);
  for (let id = 0; id < V; id++) {
    if (ignore.has(id)) continue;
    const d = Math.log((counts[1]![id]! + alpha) / totals[1]!) - Math.log((counts[0]![id]! + alpha) / totals[0]!);
    evidence[id * 2] = -d / 2;
    evidence[id * 2 + 1] = d / 2;
  }
  const projection = new Float32Array(2 * V);
  LABEL_WORDS.forEach((word, k) => (projection[k * V + vocab.ids.get(word)!] = 1));
  return { vocabSize: V, numContextClasses: K, contextClass, bigram, evidence, projection };
}

/**
 * The graph's computation for one unpadded sequence, in float64 from the float32 weights: logits
 * [ids.length][V]. ORT accumulates in float32, so results agree to ~1e-5, not bit for bit.
 */
export function causalLmLogits(w: CausalLmWeights, ids: readonly number[]): Float64Array[] {
  const V = w.vocabSize;
  const sum = [0, 0];
  return ids.map((id) => {
    sum[0]! += w.evidence[id * 2]!;
    sum[1]! += w.evidence[id * 2 + 1]!;
    const k = w.contextClass[id]!;
    const out = new Float64Array(V);
    for (let v = 0; v < V; v++) out[v] = w.bigram[k * V + v]! + sum[0]! * w.projection[v]! + sum[1]! * w.projection[V + v]!;
    return out;
  });
}

export function logSoftmaxAt(logits: Float64Array, index: number): number {
  let max = -Infinity;
  for (const l of logits) if (l > max) max = l;
  let sum = 0;
  for (const l of logits) sum += Math.exp(l - max);
  return logits[index]! - max - Math.log(sum);
}

/** Logits at the last position only: what scoring a one-token completion needs. */
export function lastPositionLogits(w: CausalLmWeights, ids: readonly number[]): Float64Array {
  const V = w.vocabSize;
  let neg = 0;
  let pos = 0;
  for (const id of ids) {
    neg += w.evidence[id * 2]!;
    pos += w.evidence[id * 2 + 1]!;
  }
  const k = w.contextClass[ids[ids.length - 1]!]!;
  const out = new Float64Array(V);
  for (let v = 0; v < V; v++) out[v] = w.bigram[k * V + v]! + neg * w.projection[v]! + pos * w.projection[V + v]!;
  return out;
}

/**
 * Zero-shot accuracy of the TS forward pass: argmax over the classes of the completion
 * log-probability (each class is one token), ties to the first class.
 */
export function zeroShotAccuracy(w: CausalLmWeights, vocab: LmVocab, rows: readonly Sst2Row[]): number {
  let correct = 0;
  for (const row of rows) {
    const logits = lastPositionLogits(w, lmEncode(vocab, promptFor(row.sentence)));
    const scores = LABEL_WORDS.map((word) => logSoftmaxAt(logits, vocab.ids.get(word)!));
    if ((scores[1]! > scores[0]! ? 1 : 0) === row.label) correct++;
  }
  return correct / rows.length;
}
