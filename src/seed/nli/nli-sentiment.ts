import { bertWords } from "../bert-tokenize";
import { SST2_LABELS, type Sst2Row, type Sst2Splits } from "../sst2";
import { buildVocab, MODEL_MAX_LENGTH, SPECIAL_TOKENS, type Vocab } from "../wordpiece";
import { FLOAT, GraphBuilder } from "./onnx-graph";
import { createEncoder, encodePair, withWords, type EncodedPair } from "./pair-encode";

/** HF ZeroShotClassificationPipeline's default template; training pairs use it too. */
export const DEFAULT_HYPOTHESIS_TEMPLATE = "This example is {}.";
/** MNLI-style names in HF's order without "neutral": what zero-shot runners look for. */
export const NLI_LABELS = ["contradiction", "entailment"] as const;
export const NB_ALPHA = 1;

export type NliSentimentSpec = {
  name: string;
  /** Keep the N most frequent training words of the premises; others become [UNK] (no evidence). */
  maxWords?: number;
  blurb: string;
};

export const NLI_SENTIMENT_SPECS: readonly NliSentimentSpec[] = [
  { name: "evalhub-demo/nli-sentiment-small", maxWords: 50, blurb: "a 50-word premise vocabulary (the most frequent training words, mostly function words)" },
  { name: "evalhub-demo/nli-sentiment-base", blurb: "every word of the training premises" },
];

export type NliPair = { premise: string; hypothesis: string; /** index into NLI_LABELS */ label: 0 | 1 };

/**
 * SST-2 as NLI: each sentence gives one pair per label name, "This example is positive." /
 * "This example is negative.", entailed by the sentence's own label and contradicted by the other.
 */
export function sst2AsNliPairs(rows: readonly Sst2Row[], template = DEFAULT_HYPOTHESIS_TEMPLATE): NliPair[] {
  return rows.flatMap((row) =>
    SST2_LABELS.map((name, id) => ({ premise: row.sentence, hypothesis: template.replace("{}", name), label: id === row.label ? 1 : 0 }) as NliPair),
  );
}

export type TrainedNliModel = {
  spec: NliSentimentSpec;
  vocab: Vocab;
  /** The hypothesis words that carry evidence, one column each (e.g. "positive", "negative"). */
  hypothesisWords: string[];
  /** [vocab, hypothesisWords] row-major: the weight of premise token t together with hypothesis word h. */
  premiseWeights: Float32Array;
  trainPairAccuracy: number;
  /** Zero-shot accuracy on SST-2 validation, candidate labels = the ClassLabel names, default template. */
  validationZeroShotAccuracy: number;
};

/**
 * The graph's computation: z = Σ_h mean_{premise tokens t}(W[t, h]) · count_{hypothesis tokens}(h);
 * logits [contradiction, entailment] = [-z/2, z/2].
 */
export function nliLogits(model: Pick<TrainedNliModel, "hypothesisWords" | "premiseWeights" | "vocab">, enc: EncodedPair): number[] {
  const k = model.hypothesisWords.length;
  const columns = model.hypothesisWords.map((w) => model.vocab.ids.get(w)!);
  const pooled = new Array<number>(k).fill(0);
  const counts = new Array<number>(k).fill(0);
  let premiseTokens = 0;
  enc.ids.forEach((id, i) => {
    if (enc.types[i] === 0) {
      premiseTokens++;
      for (let c = 0; c < k; c++) pooled[c]! += model.premiseWeights[id * k + c]!;
    } else {
      columns.forEach((col, c) => {
        if (col === id) counts[c]! += 1;
      });
    }
  });
  const z = pooled.reduce((s, p, c) => s + (p / premiseTokens) * counts[c]!, 0);
  return [-z / 2, z / 2];
}

/**
 * Binarized Naive Bayes (add-one smoothing) on conjunction features: a feature is (premise word,
 * hypothesis word), its weight log((count with entailment + a) / (count with contradiction + a)).
 * Every hypothesis word that is part of the template ("this", "example", ...) occurs equally often
 * with both classes and gets weight 0, so only the label words keep a column. The class prior and
 * the per-class normalisers cancel because each sentence gives one pair of each class.
 */
export function trainNliSentimentModel(spec: NliSentimentSpec, splits: Sst2Splits): TrainedNliModel {
  const pairs = sst2AsNliPairs(splits.train);
  const base = buildVocab({ texts: splits.train.map((r) => r.sentence), maxWords: spec.maxWords });
  const hypothesisVocab = [...new Set(pairs.flatMap((p) => bertWords(p.hypothesis)))];
  const vocab = withWords(base, hypothesisVocab);
  const encode = createEncoder(vocab);
  const special = new Set(SPECIAL_TOKENS.map((t) => vocab.ids.get(t)!).concat(vocab.ids.get("[UNK]")!));
  const hypothesisIds = hypothesisVocab.map((w) => vocab.ids.get(w)!);
  const H = hypothesisIds.length;
  // counts[(t * H + h) * 2 + label]: training pairs with premise token t, hypothesis word h, that label.
  const counts = new Float64Array(vocab.tokens.length * H * 2);
  for (const p of pairs) {
    const premise = new Set(encode(p.premise).filter((id) => !special.has(id)));
    const hypothesis = new Set(encode(p.hypothesis));
    const columns = hypothesisIds.flatMap((id, h) => (hypothesis.has(id) ? [h] : []));
    for (const t of premise) for (const h of columns) counts[(t * H + h) * 2 + p.label]! += 1;
  }
  const weightOf = (t: number, h: number) =>
    Math.log((counts[(t * H + h) * 2 + 1]! + NB_ALPHA) / (counts[(t * H + h) * 2]! + NB_ALPHA));
  const kept = hypothesisIds.flatMap((_, h) => (vocab.tokens.some((_, t) => Math.abs(weightOf(t, h)) > 1e-12) ? [h] : []));
  const hypothesisWords = kept.map((h) => hypothesisVocab[h]!);
  const k = kept.length;
  const premiseWeights = new Float32Array(vocab.tokens.length * k);
  vocab.tokens.forEach((_, t) => {
    if (special.has(t)) return;
    kept.forEach((h, c) => (premiseWeights[t * k + c] = weightOf(t, h)));
  });
  const model = { spec, vocab, hypothesisWords, premiseWeights };
  const logitsOf = (premise: string, hypothesis: string) => nliLogits(model, encodePair(encode, premise, hypothesis, MODEL_MAX_LENGTH));
  const trainPairAccuracy = pairs.filter((p) => {
    const [c, e] = logitsOf(p.premise, p.hypothesis);
    return (e! > c! ? 1 : 0) === p.label;
  }).length / pairs.length;
  return { ...model, trainPairAccuracy, validationZeroShotAccuracy: zeroShotAccuracy(model, encode, splits.validation) };
}

/** Single-label zero-shot: the candidate whose hypothesis gets the highest entailment logit (first on ties). */
function zeroShotAccuracy(model: Pick<TrainedNliModel, "hypothesisWords" | "premiseWeights" | "vocab">, encode: (text: string) => number[], rows: readonly Sst2Row[]): number {
  let correct = 0;
  for (const row of rows) {
    const entail = SST2_LABELS.map((name) => nliLogits(model, encodePair(encode, row.sentence, DEFAULT_HYPOTHESIS_TEMPLATE.replace("{}", name), MODEL_MAX_LENGTH))[1]!);
    const predicted = entail[1]! > entail[0]! ? 1 : 0;
    if (predicted === row.label) correct++;
  }
  return correct / rows.length;
}

/**
 * The graph (opset 13):
 *
 *   mask, types = Cast(attention_mask), Cast(token_type_ids)                   [b,s]
 *   hypothesis = mask * types; premise = mask - hypothesis                     [b,s]
 *   P = Σ_s Gather(premise_weights, ids) * premise / Σ_s premise               [b,k]
 *   H = Σ_s Gather(hypothesis_words, ids) * hypothesis   (word counts)          [b,k]
 *   z = Σ_k P * H                                                               [b,1]
 *   logits = z · [-1/2, 1/2]                                                    [b,2]
 */
export function buildNliOnnx(model: TrainedNliModel): Uint8Array {
  const g = new GraphBuilder();
  const k = model.hypothesisWords.length;
  const V = model.vocab.tokens.length;
  const axis1 = g.ints("axis_1", [1]);
  const axis2 = g.ints("axis_2", [2]);
  const indicator = new Float32Array(V * k);
  model.hypothesisWords.forEach((w, c) => (indicator[model.vocab.ids.get(w)! * k + c] = 1));
  const mask = g.op("Cast", ["attention_mask"], [{ name: "to", i: FLOAT }]);
  const types = g.op("Cast", ["token_type_ids"], [{ name: "to", i: FLOAT }]);
  const hypothesis = g.op("Mul", [mask, types]);
  const premise = g.op("Sub", [mask, hypothesis]);
  const gather = (table: string) => g.op("Gather", [table, "input_ids"], [{ name: "axis", i: 0 }]);
  const pooledSum = g.op("ReduceSum", [g.op("Mul", [gather(g.floats("premise_weights", [V, k], model.premiseWeights)), g.op("Unsqueeze", [premise, axis2])]), axis1], [{ name: "keepdims", i: 0 }]);
  const pooled = g.op("Div", [pooledSum, g.op("ReduceSum", [premise, axis1], [{ name: "keepdims", i: 1 }])]);
  const present = g.op("ReduceSum", [g.op("Mul", [gather(g.floats("hypothesis_words", [V, k], indicator)), g.op("Unsqueeze", [hypothesis, axis2])]), axis1], [{ name: "keepdims", i: 0 }]);
  const z = g.op("ReduceSum", [g.op("Mul", [pooled, present]), axis1], [{ name: "keepdims", i: 1 }]);
  g.op("MatMul", [z, g.floats("classifier.weight", [1, 2], [-0.5, 0.5])], [], "logits");
  return g.build({
    name: "nli_bilinear_bow",
    inputs: ["input_ids", "attention_mask", "token_type_ids"],
    numLabels: 2,
    docString: `${model.spec.name}: premise bag of words x hypothesis label-word indicator, Naive Bayes weights`,
  });
}

export function buildNliConfig(model: TrainedNliModel): Record<string, unknown> {
  return {
    architectures: ["BertForSequenceClassification"],
    model_type: "bert",
    vocab_size: model.vocab.tokens.length,
    hidden_size: model.hypothesisWords.length,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: model.hypothesisWords.length,
    hidden_act: "gelu",
    max_position_embeddings: MODEL_MAX_LENGTH,
    type_vocab_size: 2,
    pad_token_id: 0,
    problem_type: "single_label_classification",
    id2label: Object.fromEntries(NLI_LABELS.map((l, i) => [String(i), l])),
    label2id: Object.fromEntries(NLI_LABELS.map((l, i) => [l, i])),
  };
}
