import { bertEncode } from "./bert-tokenize";
import { buildBowOnnx } from "./onnx-classifier";
import { SST2_LABELS, type Sst2Splits } from "./sst2";
import { bowAccuracy, trainNaiveBayes, type BowWeights } from "./train";
import { buildVocab, MODEL_MAX_LENGTH, SPECIAL_TOKENS, type Vocab } from "./wordpiece";

/** One demo model: the recipe is shared, only the vocabulary size differs. */
export type BowModelSpec = {
  name: string;
  /** Keep the N most frequent training words; every other word becomes [UNK] (weight 0). */
  maxWords?: number;
  /** One line for the card and the demo listing. */
  blurb: string;
};

/**
 * Three strengths: the vocabulary cap is the only knob, so the demo's leaderboard differences
 * have one obvious cause. Validation accuracies (measured, pinned in bow-model.test.ts): 0.5875, 0.6525, 0.7275.
 */
export const BOW_MODEL_SPECS: readonly BowModelSpec[] = [
  { name: "evalhub-demo/sst2-bow-tiny", maxWords: 50, blurb: "50-word vocabulary (the most frequent training words, mostly function words)" },
  { name: "evalhub-demo/sst2-bow-small", maxWords: 300, blurb: "300-word vocabulary" },
  { name: "evalhub-demo/sst2-bow-base", blurb: "every word of the training split" },
];

export const NB_ALPHA = 1;

export type TrainedBowModel = {
  spec: BowModelSpec;
  vocab: Vocab;
  weights: BowWeights;
  /** Accuracy of our own TS forward pass; reported and tested, never written into a card. */
  trainAccuracy: number;
  validationAccuracy: number;
};

/** Token ids exactly as transformers.js will produce them for this model's tokenizer.json. */
export function encodeForModel(vocab: Vocab, text: string): number[] {
  return bertEncode(text, { vocab: vocab.ids, maxLength: MODEL_MAX_LENGTH });
}

export function trainBowModel(spec: BowModelSpec, splits: Sst2Splits): TrainedBowModel {
  const vocab = buildVocab({ texts: splits.train.map((r) => r.sentence), maxWords: spec.maxWords });
  const encode = (rows: Sst2Splits["train"]) => rows.map((r) => encodeForModel(vocab, r.sentence));
  const trainInputs = encode(splits.train);
  const weights = trainNaiveBayes({
    inputs: trainInputs,
    labels: splits.train.map((r) => r.label),
    vocabSize: vocab.tokens.length,
    numLabels: SST2_LABELS.length,
    ignoreIds: SPECIAL_TOKENS.map((_, id) => id),
    alpha: NB_ALPHA,
  });
  return {
    spec,
    vocab,
    weights,
    trainAccuracy: bowAccuracy(weights, trainInputs, splits.train.map((r) => r.label)),
    validationAccuracy: bowAccuracy(weights, encode(splits.validation), splits.validation.map((r) => r.label)),
  };
}

/**
 * A BERT-shaped config so transformers.js picks BertForSequenceClassification; the numbers describe
 * the real graph (hidden size = embedding width, no transformer layers), not a full BERT.
 */
export function buildBowConfig(model: TrainedBowModel): Record<string, unknown> {
  const labels = [...SST2_LABELS];
  return {
    architectures: ["BertForSequenceClassification"],
    model_type: "bert",
    vocab_size: model.weights.vocabSize,
    hidden_size: model.weights.numLabels,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: model.weights.numLabels,
    hidden_act: "gelu",
    max_position_embeddings: MODEL_MAX_LENGTH,
    type_vocab_size: 2,
    pad_token_id: 0,
    problem_type: "single_label_classification",
    id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])),
    label2id: Object.fromEntries(labels.map((l, i) => [l, i])),
  };
}

export function bowOnnx(model: TrainedBowModel): Uint8Array {
  return buildBowOnnx(model.weights, { docString: `${model.spec.name}: mean-pooled bag of words, Naive Bayes weights` });
}
