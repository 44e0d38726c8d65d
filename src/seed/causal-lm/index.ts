import type { DemoRepo } from "../demo-content";
import { splitParquetPath } from "../parquet";
import { loadSst2Splits, SST2_SPLIT_SEED, type Sst2Splits } from "../sst2";
import { buildZeroShotDatasetCard, toZeroShotRow, writeZeroShotParquet } from "./dataset";
import { buildCausalLmCard } from "./model-card";
import { buildCausalLmOnnx } from "./onnx";
import { trainCausalLm, type CausalLmWeights } from "./train";
import { BOS_ID, buildLmTokenizerConfig, buildLmTokenizerJson, buildLmVocab, EOS_ID, LM_MAX_LENGTH, PAD_ID, type LmVocab } from "./vocab";

export const SST2_ZERO_SHOT_ID = "evalhub-demo/sst2-zero-shot";
/** The SST-2 demo dataset the rows (validation) and the models' training text (train) come from. */
export const SST2_SOURCE_DATASET_ID = "evalhub-demo/sst2";
/** Bigram context classes; the same for both models so the vocabulary is the only difference. */
export const LM_CONTEXT_CLASSES = 32;

export type CausalLmSpec = {
  name: string;
  /** Keep the N most frequent training words (besides the template and class words). */
  maxWords?: number;
  blurb: string;
};

/**
 * Two strengths, one knob (the vocabulary). Zero-shot accuracy on sst2-zero-shot (measured through
 * transformers.js in tests/integration/causal-lm-scorer.test.ts): 0.60 and 0.7375.
 */
export const CAUSAL_LM_SPECS: readonly CausalLmSpec[] = [
  { name: "evalhub-demo/sst2-causal-lm-tiny", maxWords: 50, blurb: "a 50-word vocabulary, so most sentiment words are unknown to it" },
  { name: "evalhub-demo/sst2-causal-lm-base", blurb: "a vocabulary of every word of its training sentences" },
];

export type TrainedCausalLm = { spec: CausalLmSpec; vocab: LmVocab; weights: CausalLmWeights };

export function trainCausalLmSpec(spec: CausalLmSpec, splits: Sst2Splits): TrainedCausalLm {
  const vocab = buildLmVocab({ texts: splits.train.map((r) => r.sentence), maxWords: spec.maxWords });
  return { spec, vocab, weights: trainCausalLm({ vocab, rows: splits.train, contextClasses: LM_CONTEXT_CLASSES }) };
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const json = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`);

/** A GPT-2-shaped config so transformers.js builds a decoder-only model; the numbers describe the real graph. */
export function buildCausalLmConfig(model: TrainedCausalLm): Record<string, unknown> {
  return {
    architectures: ["GPT2LMHeadModel"],
    model_type: "gpt2",
    vocab_size: model.weights.vocabSize,
    n_positions: LM_MAX_LENGTH,
    n_ctx: LM_MAX_LENGTH,
    n_embd: 2,
    n_layer: 0,
    n_head: 1,
    bos_token_id: BOS_ID,
    eos_token_id: EOS_ID,
    pad_token_id: PAD_ID,
    use_cache: false,
    tie_word_embeddings: false,
  };
}

export function buildCausalLmRepo(model: TrainedCausalLm, opts: { trainExamples: number }): DemoRepo {
  const readme = buildCausalLmCard({
    spec: model.spec,
    evalDatasetId: SST2_ZERO_SHOT_ID,
    trainDatasetId: SST2_SOURCE_DATASET_ID,
    vocabSize: model.weights.vocabSize,
    contextClasses: model.weights.numContextClasses,
    trainExamples: opts.trainExamples,
    splitSeed: SST2_SPLIT_SEED,
  });
  return {
    type: "model",
    name: model.spec.name,
    files: [
      { path: "README.md", content: utf8(readme) },
      { path: "config.json", content: json(buildCausalLmConfig(model)) },
      { path: "generation_config.json", content: json({ bos_token_id: BOS_ID, eos_token_id: EOS_ID, pad_token_id: PAD_ID, use_cache: false }) },
      { path: "tokenizer.json", content: json(buildLmTokenizerJson(model.vocab)) },
      { path: "tokenizer_config.json", content: json(buildLmTokenizerConfig()) },
      { path: "onnx/model.onnx", content: buildCausalLmOnnx(model.weights, { docString: `${model.spec.name}: counting causal LM (class bigram + running Naive Bayes evidence)` }) },
    ],
    summary: `counting causal LM for zero-shot sentiment prompts, ${model.spec.blurb}`,
  };
}

export function buildZeroShotDatasetRepo(splits: Sst2Splits, modelIds: readonly string[]): DemoRepo {
  const rows = splits.validation.map(toZeroShotRow);
  const parquet = writeZeroShotParquet(rows);
  const readme = buildZeroShotDatasetCard({
    datasetId: SST2_ZERO_SHOT_ID,
    sourceDatasetId: SST2_SOURCE_DATASET_ID,
    rows,
    parquetBytes: parquet.length,
    modelIds,
    splitSeed: SST2_SPLIT_SEED,
  });
  return {
    type: "dataset",
    name: SST2_ZERO_SHOT_ID,
    files: [
      { path: "README.md", content: utf8(readme) },
      { path: splitParquetPath("validation"), content: parquet },
    ],
    summary: `SST-2 validation as zero-shot prompts (text, classes, target), ${rows.length} rows`,
  };
}

/**
 * The zero-shot dataset and the two causal LMs evaluated on it. Pure function of data/sst2: the
 * same bytes on every run.
 */
export async function buildCausalLmDemoRepos(): Promise<DemoRepo[]> {
  const splits = loadSst2Splits();
  const models = CAUSAL_LM_SPECS.map((spec) => trainCausalLmSpec(spec, splits));
  return [
    buildZeroShotDatasetRepo(splits, models.map((m) => m.spec.name)),
    ...models.map((m) => buildCausalLmRepo(m, { trainExamples: splits.train.length })),
  ];
}
