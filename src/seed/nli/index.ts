import { readFile } from "node:fs/promises";
import type { DemoRepo } from "../demo-content";
import { splitParquetPath } from "../parquet";
import { loadSst2Splits, SST2_SPLIT_SEED } from "../sst2";
import { buildTokenizerConfig, buildTokenizerJson, MODEL_MAX_LENGTH } from "../wordpiece";
import { buildNliModelCard, buildQnliDatasetCard, buildQnliModelCard } from "./cards";
import { buildNliConfig, buildNliOnnx, DEFAULT_HYPOTHESIS_TEMPLATE, NB_ALPHA, NLI_SENTIMENT_SPECS, trainNliSentimentModel, type TrainedNliModel } from "./nli-sentiment";
import { loadQnliSplits, QNLI_SOURCE_URL, QNLI_SPLIT_SEED, QNLI_VALIDATION_PARAGRAPHS, type QnliSplits } from "./qnli-data";
import { buildQnliConfig, buildQnliOnnx, QNLI_MAX_LENGTH, QNLI_MODEL_SPECS, trainQnliModel, type TrainedQnliModel } from "./qnli-model";
import { qnliArrowNumBytes, writeQnliParquet } from "./qnli-parquet";

export const QNLI_DATASET_ID = "evalhub-demo/qnli-squad";
/**
 * The SST-2 demo dataset (`DEFAULT_DEMO_DATASET_ID` in demo-content.ts, which imports this module:
 * the id is repeated rather than imported to keep the module graph free of cycles).
 */
export const SST2_DEMO_DATASET_ID = "evalhub-demo/sst2";
export const QNLI_MODEL_IDS = QNLI_MODEL_SPECS.map((s) => s.name);
export const NLI_SENTIMENT_MODEL_IDS = NLI_SENTIMENT_SPECS.map((s) => s.name);

export { DEFAULT_HYPOTHESIS_TEMPLATE } from "./nli-sentiment";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const json = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`);

export function buildQnliDatasetRepo(opts: { datasetId: string; splits: QnliSplits; sourceText: string; modelIds: readonly string[] }): DemoRepo {
  const parts = (["train", "validation"] as const).map((name) => ({ name, rows: opts.splits[name], parquet: writeQnliParquet(opts.splits[name]) }));
  const readme = buildQnliDatasetCard({
    datasetId: opts.datasetId,
    splits: parts.map((p) => ({ name: p.name, numBytes: qnliArrowNumBytes(p.rows), numExamples: p.rows.length, downloadBytes: p.parquet.length })),
    sourceText: opts.sourceText,
    modelIds: opts.modelIds,
    splitSeed: QNLI_SPLIT_SEED,
    validationParagraphs: QNLI_VALIDATION_PARAGRAPHS,
  });
  return {
    type: "dataset",
    name: opts.datasetId,
    files: [{ path: "README.md", content: utf8(readme) }, ...parts.map((p) => ({ path: splitParquetPath(p.name), content: p.parquet }))],
    summary: `QNLI-style question/sentence pairs from SQuAD v1.1, ${opts.splits.train.length} train / ${opts.splits.validation.length} validation`,
  };
}

export function buildQnliModelRepo(model: TrainedQnliModel, opts: { datasetId: string; trainExamples: number }): DemoRepo {
  const readme = buildQnliModelCard({
    spec: model.spec,
    datasetId: opts.datasetId,
    vocabSize: model.vocab.tokens.length,
    trainExamples: opts.trainExamples,
    maxLength: QNLI_MAX_LENGTH,
  });
  return {
    type: "model",
    name: model.spec.name,
    files: [
      { path: "README.md", content: utf8(readme) },
      { path: "config.json", content: json(buildQnliConfig(model)) },
      { path: "tokenizer.json", content: json(buildTokenizerJson(model.vocab)) },
      { path: "tokenizer_config.json", content: json({ ...buildTokenizerConfig(), model_max_length: QNLI_MAX_LENGTH }) },
      { path: "onnx/model.onnx", content: buildQnliOnnx(model) },
    ],
    summary: `question/sentence overlap classifier, ${model.spec.blurb}`,
  };
}

export function buildNliModelRepo(model: TrainedNliModel, opts: { datasetId: string; trainSentences: number }): DemoRepo {
  const readme = buildNliModelCard({
    spec: model.spec,
    datasetId: opts.datasetId,
    vocabSize: model.vocab.tokens.length,
    trainSentences: opts.trainSentences,
    hypothesisWords: model.hypothesisWords,
    template: DEFAULT_HYPOTHESIS_TEMPLATE,
    alpha: NB_ALPHA,
    splitSeed: SST2_SPLIT_SEED,
    validationAccuracy: model.validationZeroShotAccuracy,
  });
  return {
    type: "model",
    name: model.spec.name,
    files: [
      { path: "README.md", content: utf8(readme) },
      { path: "config.json", content: json(buildNliConfig(model)) },
      { path: "tokenizer.json", content: json(buildTokenizerJson(model.vocab)) },
      { path: "tokenizer_config.json", content: json({ ...buildTokenizerConfig(), model_max_length: MODEL_MAX_LENGTH }) },
      { path: "onnx/model.onnx", content: buildNliOnnx(model) },
    ],
    summary: `NLI-style zero-shot sentiment model, ${model.spec.blurb}`,
  };
}

export type BuildNliDemoOptions = {
  /** The SST-2 demo dataset the zero-shot models are trained on (its `train` split) and point at. */
  sst2DatasetId?: string;
  qnliDatasetId?: string;
};

/**
 * The sentence-pair part of the demo: the QNLI-style dataset built from SQuAD with two pair
 * classifiers of clearly different accuracy, and two NLI-style models for zero-shot classification
 * of the SST-2 demo dataset (which `buildDemoContent` provides). Pure function of data/: same bytes
 * on every run.
 */
export async function buildNliDemoRepos(opts: BuildNliDemoOptions = {}): Promise<DemoRepo[]> {
  const qnliDatasetId = opts.qnliDatasetId ?? QNLI_DATASET_ID;
  const sst2DatasetId = opts.sst2DatasetId ?? SST2_DEMO_DATASET_ID;
  const qnliSplits = loadQnliSplits();
  const sourceText = await readFile(QNLI_SOURCE_URL, "utf8");
  const qnliModels = QNLI_MODEL_SPECS.map((spec) => trainQnliModel(spec, qnliSplits));
  const sst2Splits = loadSst2Splits();
  const nliModels = NLI_SENTIMENT_SPECS.map((spec) => trainNliSentimentModel(spec, sst2Splits));
  return [
    buildQnliDatasetRepo({ datasetId: qnliDatasetId, splits: qnliSplits, sourceText, modelIds: QNLI_MODEL_IDS }),
    ...qnliModels.map((m) => buildQnliModelRepo(m, { datasetId: qnliDatasetId, trainExamples: qnliSplits.train.length })),
    ...nliModels.map((m) => buildNliModelRepo(m, { datasetId: sst2DatasetId, trainSentences: sst2Splits.train.length })),
  ];
}
