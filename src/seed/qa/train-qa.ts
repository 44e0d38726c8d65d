import { scoreSquadV1 } from "@/server/metrics/squad";
import type { Vocab } from "../wordpiece";
import { fitLinear, type FitGroups } from "./fit-linear";
import { buildTables, qaLogits, sequenceFeatures, type QaSequence, type QaTables, type QaWeights, type SequenceFeatures } from "./features";
import type { SquadRow, SquadSplits } from "./squad";
import { buildQaVocab, encodeQaText, type EncodedText } from "./tokenizer";

/** One demo model: the recipe is shared, the feature groups it may use differ. */
export type QaModelSpec = {
  name: string;
  /** "Context token also occurs in the question" features, spread to neighbouring tokens by a learned kernel. */
  overlap: boolean;
  /** Question-word indicators (when, who, how many, ...) times token shape. */
  questionTypes: boolean;
  /** One line for the card and the demo listing. */
  blurb: string;
};

export const QA_MODEL_SPECS: readonly QaModelSpec[] = [
  {
    name: "evalhub-demo/qa-overlap-small",
    overlap: false,
    questionTypes: false,
    blurb: "per-token answer-boundary priors and token shape only (ignores the question)",
  },
  {
    name: "evalhub-demo/qa-overlap-base",
    overlap: true,
    questionTypes: true,
    blurb: "priors plus question-word overlap around each token and question type × token shape",
  },
];

/** Questions longer than this many tokens are cut (HF's `max_question_len` default is 64). */
export const MAX_QUESTION_TOKENS = 64;
export const MAX_ANSWER_TOKENS = 15;
/** Share of train questions the no-answer score is set to abstain on (there are no unanswerable train questions to learn it from). */
export const NULL_RATE = 0.05;
export const NULL_COVERAGE_WEIGHT = 4;
const FOLDS = 4;
const PRIOR_SMOOTHING = 2;

/** One train or validation question encoded as the model sees it, without windows. */
export type QaExample = {
  row: SquadRow;
  paragraph: number;
  seq: QaSequence;
  /** Character span of each token's word (null for question/special tokens). */
  spans: ({ start: number; end: number } | null)[];
  contextStart: number;
  contextEnd: number;
  /** Gold token positions of the first answer; -1 when it cannot be located. */
  gold: [number, number];
  /** Weight-independent features (computed once: both models share the tokenizer and idf). */
  features: SequenceFeatures;
};

export function encodeExample(vocab: Vocab, row: SquadRow, paragraph = 0, encodedContext?: EncodedText): QaExample {
  const q = encodeQaText(vocab, row.question).ids.slice(0, MAX_QUESTION_TOKENS);
  const c = encodedContext ?? encodeQaText(vocab, row.context);
  const cls = vocab.ids.get("[CLS]")!;
  const sep = vocab.ids.get("[SEP]")!;
  const ids = [cls, ...q, sep, ...c.ids, sep];
  const tokenTypes = ids.map((_, i) => (i <= q.length + 1 ? 0 : 1));
  const contextStart = q.length + 2;
  const spans = ids.map((_, i) => (i >= contextStart && i < contextStart + c.ids.length ? c.spans[i - contextStart]! : null));
  let gold: [number, number] = [-1, -1];
  if (row.answers.text.length > 0) {
    const s = row.answers.answer_start[0]!;
    const e = s + row.answers.text[0]!.length;
    let start = -1;
    let end = -1;
    for (let i = contextStart; i < contextStart + c.ids.length; i++) {
      if (start < 0 && spans[i]!.end > s) start = i;
      if (spans[i]!.start < e) end = i;
    }
    if (start >= 0 && end >= start) gold = [start, end];
  }
  return { row, paragraph, seq: { ids, tokenTypes }, spans, contextStart, contextEnd: contextStart + c.ids.length, gold, features: EMPTY_FEATURES };
}

const EMPTY_FEATURES: SequenceFeatures = { overlap: new Float64Array(0), qtype: new Float64Array(0), coverage: 0 };

/** idf over train paragraphs and train questions (a question word like "What" gets almost no weight). */
function computeIdf(vocab: Vocab, examples: readonly QaExample[]): Float64Array {
  const df = new Float64Array(vocab.tokens.length);
  const docs: number[][] = [];
  const seenContext = new Set<number>();
  for (const ex of examples) {
    docs.push(ex.seq.ids.slice(1, ex.contextStart - 1));
    if (!seenContext.has(ex.paragraph)) {
      seenContext.add(ex.paragraph);
      docs.push(ex.seq.ids.slice(ex.contextStart, ex.contextEnd));
    }
  }
  for (const doc of docs) for (const id of new Set(doc)) df[id]! += 1;
  const idf = new Float64Array(vocab.tokens.length);
  vocab.tokens.forEach((token, v) => {
    if (/^\[[A-Z]+\]$/.test(token) || token.startsWith("##")) return;
    idf[v] = Math.log((docs.length + 1) / (df[v]! + 1));
  });
  return idf;
}

/** log of the smoothed rate at which a token is the gold start (or end), relative to the overall rate. */
function countPriors(vocabSize: number, examples: readonly QaExample[], which: 0 | 1): Float64Array {
  const hits = new Float64Array(vocabSize);
  const seen = new Float64Array(vocabSize);
  let totalHits = 0;
  let totalSeen = 0;
  for (const ex of examples) {
    if (ex.gold[0] < 0) continue;
    for (let t = ex.contextStart; t < ex.contextEnd; t++) seen[ex.seq.ids[t]!]! += 1;
    hits[ex.seq.ids[ex.gold[which]]!]! += 1;
    totalHits += 1;
    totalSeen += ex.contextEnd - ex.contextStart;
  }
  const base = totalHits / Math.max(totalSeen, 1);
  const prior = new Float64Array(vocabSize);
  for (let v = 0; v < vocabSize; v++) {
    prior[v] = Math.log((hits[v]! + PRIOR_SMOOTHING * base) / (seen[v]! + PRIOR_SMOOTHING) / base);
  }
  return prior;
}

export type SpanPrediction = { text: string; start: number; end: number; logitSum: number; nullLogitSum: number };

/** Best span as the runner picks it (start ≤ end, at most MAX_ANSWER_TOKENS, context tokens only), whole words. */
export function predictQaExample(tables: QaTables, weights: QaWeights, ex: QaExample): SpanPrediction {
  const f = ex.features;
  const s = qaLogits(tables, weights, ex.seq, 0, f);
  const e = qaLogits(tables, weights, ex.seq, 1, f);
  let best = -Infinity;
  let bi = ex.contextStart;
  let bj = ex.contextStart;
  for (let i = ex.contextStart; i < ex.contextEnd; i++) {
    for (let j = i; j < Math.min(ex.contextEnd, i + MAX_ANSWER_TOKENS); j++) {
      if (s[i]! + e[j]! > best) {
        best = s[i]! + e[j]!;
        bi = i;
        bj = j;
      }
    }
  }
  const start = ex.spans[bi]!.start;
  const end = ex.spans[bj]!.end;
  return { text: ex.row.context.slice(start, end), start, end, logitSum: best, nullLogitSum: s[0]! + e[0]! };
}

/** SQuAD v1.1 scores of our own TS forward pass on whole contexts (no windows): for tests and reports, never for cards. */
export function squadF1(tables: QaTables, weights: QaWeights, examples: readonly QaExample[]): { exact_match: number; f1: number } {
  let em = 0;
  let f1 = 0;
  for (const ex of examples) {
    const score = scoreSquadV1(predictQaExample(tables, weights, ex).text, ex.row.answers.text);
    em += score.em;
    f1 += score.f1;
  }
  return { exact_match: (100 * em) / examples.length, f1: (100 * f1) / examples.length };
}

export type TrainedQaModel = {
  spec: QaModelSpec;
  vocab: Vocab;
  tables: QaTables;
  weights: QaWeights;
  trainQuestions: number;
};

export type SharedQaTraining = { vocab: Vocab; tables: QaTables; train: QaExample[]; validation: QaExample[] };

/** The tokenizer, idf and encoded examples both models share (built once). */
export function prepareQaTraining(splits: SquadSplits): SharedQaTraining {
  const paragraphs = new Map<string, number>();
  const paragraphOf = (row: SquadRow) => paragraphs.get(row.context) ?? paragraphs.set(row.context, paragraphs.size).get(row.context)!;
  const vocab = buildQaVocab([...new Set(splits.train.map((r) => r.context)), ...splits.train.map((r) => r.question)]);
  const contexts = new Map<string, EncodedText>();
  const encode = (r: SquadRow) => {
    const c = contexts.get(r.context) ?? contexts.set(r.context, encodeQaText(vocab, r.context)).get(r.context)!;
    return encodeExample(vocab, r, paragraphOf(r), c);
  };
  const train = splits.train.map(encode);
  const validation = splits.validation.map(encode);
  const tables = buildTables(vocab, computeIdf(vocab, train));
  for (const ex of [...train, ...validation]) ex.features = sequenceFeatures(tables, ex.seq);
  return { vocab, tables, train, validation };
}

export function trainQaModel(spec: QaModelSpec, shared: SharedQaTraining): TrainedQaModel {
  const { vocab, tables, train } = shared;
  const V = vocab.tokens.length;
  const groups: FitGroups = { overlap: spec.overlap, questionTypes: spec.questionTypes };
  const fitted = ([0, 1] as const).map((which) => {
    // The prior feature a question is trained with comes from the other folds' paragraphs, or it
    // would already "know" the answer and the fit would trust it too much.
    const foldPriors = Array.from({ length: FOLDS }, (_, fold) => countPriors(V, train.filter((ex) => ex.paragraph % FOLDS !== fold), which));
    const priorFeature = train.map((ex) => {
      const table = foldPriors[ex.paragraph % FOLDS]!;
      return Float64Array.from(ex.seq.ids.slice(ex.contextStart, ex.contextEnd), (id) => table[id]!);
    });
    const linear = fitLinear(tables, train, priorFeature, which, groups);
    const prior = countPriors(V, train, which).map((p) => p * linear.a);
    return { ...linear, prior, foldPriors: foldPriors.map((table) => table.map((p) => p * linear.a)) };
  });
  const weights: QaWeights = {
    prior: [fitted[0]!.prior, fitted[1]!.prior],
    kernel: [fitted[0]!.kernel, fitted[1]!.kernel],
    interact: [fitted[0]!.interact, fitted[1]!.interact],
    classBias: [fitted[0]!.classBias, fitted[1]!.classBias],
    nullBias: 0,
    nullCoverage: spec.overlap ? NULL_COVERAGE_WEIGHT : 0,
  };
  // Calibrated with the out-of-fold priors: in-sample priors already point at the train answers,
  // so spans would look more confident than they will on unseen paragraphs.
  const foldWeights = Array.from({ length: FOLDS }, (_, fold): QaWeights => ({ ...weights, prior: [fitted[0]!.foldPriors[fold]!, fitted[1]!.foldPriors[fold]!] }));
  weights.nullBias = calibrateNullBias(tables, (ex) => foldWeights[ex.paragraph % FOLDS]!, train);
  return {
    spec,
    vocab,
    tables,
    weights,
    trainQuestions: train.length,
  };
}

/**
 * [CLS] wins when 2·null > best start+end logit sum. There are no unanswerable train questions,
 * so the bias is set to abstain on NULL_RATE of the train questions (the lowest-scoring ones).
 */
function calibrateNullBias(tables: QaTables, weightsFor: (ex: QaExample) => QaWeights, train: readonly QaExample[]): number {
  const margins = train
    .map((ex) => {
      const pred = predictQaExample(tables, { ...weightsFor(ex), nullBias: 0 }, ex);
      return pred.logitSum / 2 - pred.nullLogitSum / 2;
    })
    .sort((a, b) => a - b);
  return margins[Math.floor(NULL_RATE * margins.length)]!;
}

