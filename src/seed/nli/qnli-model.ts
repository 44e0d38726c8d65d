import { buildVocab, SPECIAL_TOKENS, type Vocab } from "../wordpiece";
import { trainLogistic, type LogisticModel } from "./logistic";
import { FLOAT, GraphBuilder } from "./onnx-graph";
import { createEncoder, encodePair, type EncodedPair } from "./pair-encode";
import { QNLI_LABELS, type QnliRow, type QnliSplits } from "./qnli-data";

/** Long enough that no question + sentence pair of the demo data is truncated (longest: ~110). */
export const QNLI_MAX_LENGTH = 256;
const EPS = 1e-6;

export type OverlapFeature = "matched" | "matchedFraction" | "logSentenceLength";

export type QnliModelSpec = {
  name: string;
  /** Keep the N most frequent training words; every other word becomes [UNK] and never matches. */
  maxWords?: number;
  /** How much a question token counts when found in the sentence. */
  weighting: "uniform" | "idf";
  features: readonly OverlapFeature[];
  blurb: string;
};

export const QNLI_MODEL_SPECS: readonly QnliModelSpec[] = [
  {
    name: "evalhub-demo/qnli-overlap-small",
    maxWords: 100,
    weighting: "uniform",
    features: ["matched"],
    blurb: "one feature: how many question tokens also occur in the sentence, with a 100-word vocabulary",
  },
  {
    name: "evalhub-demo/qnli-overlap-base",
    weighting: "idf",
    features: ["matched", "matchedFraction", "logSentenceLength"],
    blurb: "IDF-weighted question-token overlap, its share of the question, and sentence length, with the full training vocabulary",
  },
];

export type TrainedQnliModel = {
  spec: QnliModelSpec;
  vocab: Vocab;
  /** Per token id: what a question token counts for (0 for special tokens and [UNK]). */
  tokenWeights: Float32Array;
  logistic: LogisticModel;
  trainAccuracy: number;
  validationAccuracy: number;
};

export const encodeQnli = (encode: (text: string) => number[], row: Pick<QnliRow, "question" | "sentence">): EncodedPair =>
  encodePair(encode, row.question, row.sentence, QNLI_MAX_LENGTH);

/**
 * The features exactly as the ONNX graph computes them (see `buildQnliOnnx`): a question token
 * (type 0) is "matched" if the same id occurs among the sentence tokens (type 1).
 */
export function overlapFeatures(spec: QnliModelSpec, tokenWeights: Float32Array, enc: EncodedPair): number[] {
  const sentenceIds = new Set(enc.ids.filter((_, i) => enc.types[i] === 1));
  let matched = 0;
  let total = 0;
  enc.ids.forEach((id, i) => {
    if (enc.types[i] !== 0) return;
    const w = tokenWeights[id]!;
    total += w;
    if (sentenceIds.has(id)) matched += w;
  });
  const sentenceLength = enc.types.filter((t) => t === 1).length;
  const values: Record<OverlapFeature, number> = {
    matched,
    matchedFraction: matched / (total + EPS),
    logSentenceLength: Math.log(sentenceLength + 1),
  };
  return spec.features.map((f) => values[f]);
}

/** Logits [entailment, not_entailment] = [z/2, -z/2], so softmax gives sigmoid(z) for entailment. */
export function qnliLogits(model: Pick<TrainedQnliModel, "spec" | "tokenWeights" | "logistic">, enc: EncodedPair): number[] {
  const x = overlapFeatures(model.spec, model.tokenWeights, enc);
  const z = x.reduce((s, v, k) => s + v * model.logistic.weights[k]!, model.logistic.bias);
  return [z / 2, -z / 2];
}

function tokenWeightsFor(spec: QnliModelSpec, vocab: Vocab, encode: (text: string) => number[], trainSentences: readonly string[]): Float32Array {
  const weights = new Float32Array(vocab.tokens.length);
  const unk = vocab.ids.get("[UNK]")!;
  const evidence = (id: number) => id >= SPECIAL_TOKENS.length && id !== unk;
  if (spec.weighting === "uniform") {
    vocab.tokens.forEach((_, id) => (weights[id] = evidence(id) ? 1 : 0));
    return weights;
  }
  // Smoothed IDF over the distinct training sentences: rare (content) words count, "the" does not.
  const df = new Float64Array(vocab.tokens.length);
  for (const s of trainSentences) for (const id of new Set(encode(s))) df[id]! += 1;
  const n = trainSentences.length;
  vocab.tokens.forEach((_, id) => (weights[id] = evidence(id) ? Math.log((n + 1) / (df[id]! + 1)) : 0));
  return weights;
}

export function trainQnliModel(spec: QnliModelSpec, splits: QnliSplits): TrainedQnliModel {
  const texts = [...new Set(splits.train.flatMap((r) => [r.question, r.sentence]))];
  const vocab = buildVocab({ texts, maxWords: spec.maxWords });
  const trainSentences = [...new Set(splits.train.map((r) => r.sentence))];
  const encode = createEncoder(vocab);
  const tokenWeights = tokenWeightsFor(spec, vocab, encode, trainSentences);
  const logistic = trainLogistic({
    features: splits.train.map((r) => overlapFeatures(spec, tokenWeights, encodeQnli(encode, r))),
    targets: splits.train.map((r) => (r.label === 0 ? 1 : 0)),
  });
  // The graph stores float32 weights: evaluate (and publish) exactly those.
  const stored: LogisticModel = { weights: logistic.weights.map(Math.fround), bias: Math.fround(logistic.bias) };
  const model = { spec, vocab, tokenWeights, logistic: stored };
  const accuracy = (rows: QnliRow[]) =>
    rows.filter((r) => {
      const [e, n] = qnliLogits(model, encodeQnli(encode, r));
      return (e! >= n! ? 0 : 1) === r.label;
    }).length / rows.length;
  return { ...model, trainAccuracy: accuracy(splits.train), validationAccuracy: accuracy(splits.validation) };
}

/**
 * The graph (opset 13):
 *
 *   mask, types = Cast(attention_mask), Cast(token_type_ids)            [b,s]
 *   sentence = mask * types; question = mask - sentence                  [b,s]
 *   weight = Gather(token_weights, input_ids) * question                 [b,s]
 *   same = Cast(Equal(input_ids[:,:,None], input_ids[:,None,:]))         [b,s,s]
 *   found = ReduceMax(same * sentence[:,None,:], axis 2)                 [b,s]
 *   matched = Σ weight * found;  total = Σ weight;  length = Σ sentence  [b,1]
 *   features = Concat(matched, matched / (total + 1e-6), log(length + 1)) (the spec's subset)
 *   logits = features · W + b                                            [b,2]
 *
 * Padding has mask 0, so it is neither a question token nor a sentence token.
 */
export function buildQnliOnnx(model: TrainedQnliModel): Uint8Array {
  const g = new GraphBuilder();
  const axis1 = g.ints("axis_1", [1]);
  const axis2 = g.ints("axis_2", [2]);
  const mask = g.op("Cast", ["attention_mask"], [{ name: "to", i: FLOAT }]);
  const types = g.op("Cast", ["token_type_ids"], [{ name: "to", i: FLOAT }]);
  const sentence = g.op("Mul", [mask, types]);
  const question = g.op("Sub", [mask, sentence]);
  const tokenWeights = g.floats("token_weights", [model.tokenWeights.length], model.tokenWeights);
  const weight = g.op("Mul", [g.op("Gather", [tokenWeights, "input_ids"], [{ name: "axis", i: 0 }]), question]);
  const same = g.op("Cast", [g.op("Equal", [g.op("Unsqueeze", ["input_ids", axis2]), g.op("Unsqueeze", ["input_ids", axis1])])], [{ name: "to", i: FLOAT }]);
  const found = g.op("ReduceMax", [g.op("Mul", [same, g.op("Unsqueeze", [sentence, axis1])])], [{ name: "axes", ints: [2] }, { name: "keepdims", i: 0 }]);
  const sum = (x: string) => g.op("ReduceSum", [x, axis1], [{ name: "keepdims", i: 1 }]);
  const matched = sum(g.op("Mul", [weight, found]));
  const parts: Record<OverlapFeature, () => string> = {
    matched: () => matched,
    matchedFraction: () => g.op("Div", [matched, g.op("Add", [sum(weight), g.floats("eps", [], [EPS])])]),
    logSentenceLength: () => g.op("Log", [g.op("Add", [sum(sentence), g.floats("one", [], [1])])]),
  };
  const features = model.spec.features.map((f) => parts[f]());
  const stacked = features.length === 1 ? features[0]! : g.op("Concat", features, [{ name: "axis", i: 1 }]);
  const w = model.logistic.weights;
  const W = g.floats("classifier.weight", [w.length, 2], w.flatMap((v) => [v / 2, -v / 2]));
  const b = g.floats("classifier.bias", [2], [model.logistic.bias / 2, -model.logistic.bias / 2]);
  g.op("Add", [g.op("MatMul", [stacked, W]), b], [], "logits");
  return g.build({
    name: "qnli_overlap",
    inputs: ["input_ids", "attention_mask", "token_type_ids"],
    numLabels: 2,
    docString: `${model.spec.name}: question/sentence token overlap features, logistic regression`,
  });
}

/** BERT-shaped config so transformers.js picks BertForSequenceClassification (no transformer layers inside). */
export function buildQnliConfig(model: TrainedQnliModel): Record<string, unknown> {
  return {
    architectures: ["BertForSequenceClassification"],
    model_type: "bert",
    vocab_size: model.vocab.tokens.length,
    hidden_size: model.spec.features.length,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: model.spec.features.length,
    hidden_act: "gelu",
    max_position_embeddings: QNLI_MAX_LENGTH,
    type_vocab_size: 2,
    pad_token_id: 0,
    problem_type: "single_label_classification",
    id2label: Object.fromEntries(QNLI_LABELS.map((l, i) => [String(i), l])),
    label2id: Object.fromEntries(QNLI_LABELS.map((l, i) => [l, i])),
  };
}
