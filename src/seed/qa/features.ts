import type { Vocab } from "../wordpiece";

/**
 * What the QA demo models compute, in plain TypeScript: the ONNX graph in onnx-qa.ts is the same
 * arithmetic, and training (train-qa.ts) fits the weights of exactly these features.
 *
 * For each context token t (token_type_ids 1):
 *   prior_start[tok_t]                          learned per-token "answers start here" log-rate
 *   Σ_d kernel_start[d] · x[t + d], d ∈ [-W, W]  x = "this token also occurs in the question" × idf
 *   Σ_c class[tok_t, c] · (bias[c] + Σ_k qtype[k] · interact[k, c])   token shape × question word
 * and the same with separate weights for the end. The [CLS] position scores "no answer":
 *   null = nullBias − nullCoverage · (idf-weighted share of question words found in the context).
 */

/** Question words that set a question-type indicator (an indicator is on if any of its words is in the question). */
export const QUESTION_TYPES: readonly { name: string; words: readonly string[] }[] = [
  { name: "when", words: ["When", "when"] },
  { name: "year", words: ["year", "years", "Year"] },
  { name: "who", words: ["Who", "who", "Whom", "whom", "Whose", "whose"] },
  { name: "how-many", words: ["many", "much"] },
  { name: "where", words: ["Where", "where"] },
  { name: "why", words: ["Why", "why"] },
  { name: "how", words: ["How", "how"] },
  { name: "what", words: ["What", "what", "Which", "which"] },
];

const MONTHS = new Set(["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]);

/** Shape classes of a token string (several can be on at once). */
export const TOKEN_CLASSES: readonly { name: string; test: (token: string) => boolean }[] = [
  { name: "capitalized", test: (t) => /^\p{Lu}/u.test(t) },
  { name: "number", test: (t) => /\p{N}/u.test(t) },
  { name: "continuation", test: (t) => t.startsWith("##") },
  { name: "punctuation", test: (t) => /^[\p{P}\p{S}]$/u.test(t) },
  { name: "lowercase", test: (t) => /^\p{Ll}/u.test(t) },
  { name: "month", test: (t) => MONTHS.has(t) },
];

export const K = QUESTION_TYPES.length;
export const C = TOKEN_CLASSES.length;
/** Half-width of the overlap kernel: question words up to W tokens away count. */
export const W = 8;
export const TAPS = 2 * W + 1;

/** Per-token tables fixed by the vocabulary and train statistics (not fitted by gradient descent). */
export type QaTables = {
  vocabSize: number;
  /** Weight of a token in the overlap features; 0 for special tokens. */
  idf: Float64Array;
  /** [V, C] 0/1 */
  tokenClass: Float64Array;
  /** [V, K] 0/1 */
  questionType: Float64Array;
  clsId: number;
};

/** Fitted weights; index 0 = start, 1 = end. */
export type QaWeights = {
  /** [V] each, already multiplied by their fitted coefficient. */
  prior: [Float64Array, Float64Array];
  /** [TAPS] each; tap i looks at offset i − W. All zero when the model has no overlap features. */
  kernel: [Float64Array, Float64Array];
  /** [K, C] each; all zero when the model has no question-type features. */
  interact: [Float64Array, Float64Array];
  /** [C] each. */
  classBias: [Float64Array, Float64Array];
  nullBias: number;
  nullCoverage: number;
};

export function buildTables(vocab: Vocab, idf: Float64Array): QaTables {
  const V = vocab.tokens.length;
  const tokenClass = new Float64Array(V * C);
  const questionType = new Float64Array(V * K);
  vocab.tokens.forEach((token, v) => {
    if (/^\[[A-Z]+\]$/.test(token)) return;
    TOKEN_CLASSES.forEach((cls, c) => (tokenClass[v * C + c] = cls.test(token) ? 1 : 0));
    QUESTION_TYPES.forEach((qt, k) => (questionType[v * K + k] = qt.words.includes(token) ? 1 : 0));
  });
  return { vocabSize: V, idf, tokenClass, questionType, clsId: vocab.ids.get("[CLS]")! };
}

/** One encoded input: `[CLS] question [SEP] context [SEP]`, token types 0 then 1, no padding. */
export type QaSequence = { ids: number[]; tokenTypes: number[] };

/** The features that do not depend on fitted weights. */
export type SequenceFeatures = {
  /** x[t]: idf of tok_t if it is a context token that also occurs in the question, else 0. */
  overlap: Float64Array;
  /** [K] question-type indicators. */
  qtype: Float64Array;
  /** Idf-weighted share of the question's tokens that also occur in the context. */
  coverage: number;
};

export function sequenceFeatures(tables: QaTables, seq: QaSequence): SequenceFeatures {
  const n = seq.ids.length;
  const question = new Set<number>();
  const context = new Set<number>();
  for (let t = 0; t < n; t++) (seq.tokenTypes[t] === 0 ? question : context).add(seq.ids[t]!);
  const overlap = new Float64Array(n);
  const qtype = new Float64Array(K);
  let covered = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const id = seq.ids[t]!;
    const w = tables.idf[id]!;
    if (seq.tokenTypes[t] === 1) {
      if (question.has(id)) overlap[t] = w;
    } else {
      for (let k = 0; k < K; k++) qtype[k] = Math.max(qtype[k]!, tables.questionType[id * K + k]!);
      total += w;
      if (context.has(id)) covered += w;
    }
  }
  return { overlap, qtype, coverage: covered / (total + 1e-6) };
}

/** Start (0) or end (1) logits of one sequence; position 0 ([CLS]) holds the no-answer score. */
export function qaLogits(tables: QaTables, weights: QaWeights, seq: QaSequence, which: 0 | 1, features = sequenceFeatures(tables, seq)): Float64Array {
  const n = seq.ids.length;
  const out = new Float64Array(n);
  const u = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let s = weights.classBias[which][c]!;
    for (let k = 0; k < K; k++) s += features.qtype[k]! * weights.interact[which][k * C + c]!;
    u[c] = s;
  }
  const kernel = weights.kernel[which];
  for (let t = 0; t < n; t++) {
    const id = seq.ids[t]!;
    let s = weights.prior[which][id]!;
    for (let c = 0; c < C; c++) s += tables.tokenClass[id * C + c]! * u[c]!;
    out[t] = s;
  }
  // Tap i at position t reads overlap[t + i - W] (what ONNX Conv with pads [W, W] computes).
  for (let p = 0; p < n; p++) {
    const x = features.overlap[p]!;
    if (x === 0) continue;
    for (let i = 0; i < TAPS; i++) {
      const t = p - i + W;
      if (t >= 0 && t < n) out[t]! += kernel[i]! * x;
    }
  }
  for (let t = 0; t < n; t++) if (seq.ids[t] === tables.clsId) out[t] = weights.nullBias - weights.nullCoverage * features.coverage;
  return out;
}
