import { readFile } from "node:fs/promises";
import { BOW_MODEL_SPECS, bowOnnx, buildBowConfig, NB_ALPHA, trainBowModel, type TrainedBowModel } from "./bow-model";
import { buildCausalLmDemoRepos } from "./causal-lm";
import { buildDatasetCard } from "./dataset-card";
import { buildGenerationDemoRepos } from "./generation";
import { buildImageDemoRepos } from "./image";
import { buildNerDemoRepos } from "./ner";
import { buildNliDemoRepos } from "./nli";
import { buildQaDemoRepos } from "./qa";
import { buildBowModelCard, buildTinyDistilbertCard } from "./model-cards";
import { sst2ArrowNumBytes, splitParquetPath, writeSst2Parquet } from "./parquet";
import { loadSst2Splits, SST2_SOURCE_URL, SST2_SPLIT_SEED, type Sst2Splits } from "./sst2";
import { buildTokenizerConfig, buildTokenizerJson } from "./wordpiece";

/** A repository to create in a hub store, with every file of its first commit. */
export type DemoRepo = {
  type: "model" | "dataset";
  name: string;
  files: { path: string; content: Uint8Array }[];
  /** One line for logs and the demo's listing. */
  summary?: string;
};

export type BuildDemoContentOptions = {
  /** Id of the dataset repo; the models' cards point at it. */
  datasetId?: string;
};

export const DEFAULT_DEMO_DATASET_ID = "evalhub-demo/sst2";
export const TINY_DISTILBERT_ID = "evalhub-demo/tiny-distilbert-sst2";

/** The third-party model's files as copied into the repository (see its SOURCE.txt). */
const TINY_DISTILBERT_DIR = new URL("../../data/tiny-distilbert-sst2-onnx/", import.meta.url);
const TINY_DISTILBERT_FILES = ["config.json", "tokenizer.json", "onnx/model.onnx", "SOURCE.txt"];

/**
 * The tokenizer configuration is written here rather than copied: the only public copy found comes
 * from a repository with no licence, and these settings are the standard DistilBERT uncased ones.
 */
const TINY_DISTILBERT_TOKENIZER_CONFIG = {
  do_lower_case: true,
  unk_token: "[UNK]",
  sep_token: "[SEP]",
  pad_token: "[PAD]",
  cls_token: "[CLS]",
  mask_token: "[MASK]",
  tokenize_chinese_chars: true,
  strip_accents: null,
  tokenizer_class: "DistilBertTokenizer",
  model_max_length: 512,
};

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Two-space JSON with a trailing newline, like `save_pretrained`; key order is insertion order. */
const json = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`);

export function buildDatasetRepo(opts: {
  datasetId: string;
  splits: Sst2Splits;
  sourceText: string;
  modelIds: readonly string[];
}): DemoRepo {
  const parts = (["train", "validation"] as const).map((name) => {
    const rows = opts.splits[name];
    const parquet = writeSst2Parquet(rows);
    return { name, rows, parquet };
  });
  const readme = buildDatasetCard({
    datasetId: opts.datasetId,
    splits: parts.map((p) => ({
      name: p.name,
      numBytes: sst2ArrowNumBytes(p.rows),
      numExamples: p.rows.length,
      downloadBytes: p.parquet.length,
    })),
    sourceText: opts.sourceText,
    modelIds: opts.modelIds,
    splitSeed: SST2_SPLIT_SEED,
  });
  return {
    type: "dataset",
    name: opts.datasetId,
    files: [{ path: "README.md", content: utf8(readme) }, ...parts.map((p) => ({ path: splitParquetPath(p.name), content: p.parquet }))],
    summary: `SST-2 sentiment, ${opts.splits.train.length} train (for the demo models) / ${opts.splits.validation.length} validation (for evaluation)`,
  };
}

export function buildBowModelRepo(model: TrainedBowModel, opts: { datasetId: string; trainExamples: number }): DemoRepo {
  const readme = buildBowModelCard({
    spec: model.spec,
    datasetId: opts.datasetId,
    vocabSize: model.vocab.tokens.length,
    trainExamples: opts.trainExamples,
    alpha: NB_ALPHA,
    splitSeed: SST2_SPLIT_SEED,
  });
  return {
    type: "model",
    name: model.spec.name,
    files: [
      { path: "README.md", content: utf8(readme) },
      { path: "config.json", content: json(buildBowConfig(model)) },
      { path: "tokenizer.json", content: json(buildTokenizerJson(model.vocab)) },
      { path: "tokenizer_config.json", content: json(buildTokenizerConfig()) },
      { path: "onnx/model.onnx", content: bowOnnx(model) },
    ],
    summary: `bag-of-words sentiment classifier, ${model.spec.blurb}`,
  };
}

export async function buildTinyDistilbertRepo(opts: { datasetId: string }): Promise<DemoRepo> {
  const files = await Promise.all(
    TINY_DISTILBERT_FILES.map(async (path) => ({ path, content: new Uint8Array(await readFile(new URL(path, TINY_DISTILBERT_DIR))) })),
  );
  const sourceText = new TextDecoder().decode(files.find((f) => f.path === "SOURCE.txt")!.content);
  const readme = buildTinyDistilbertCard({ datasetId: opts.datasetId, sourceText });
  return {
    type: "model",
    name: TINY_DISTILBERT_ID,
    files: [{ path: "README.md", content: utf8(readme) }, ...files, { path: "tokenizer_config.json", content: json(TINY_DISTILBERT_TOKENIZER_CONFIG) }],
    summary: "third-party tiny DistilBERT with random weights (near-constant output)",
  };
}

/**
 * Everything the demo hub starts with: the SST-2 dataset repo, three bag-of-words models of
 * clearly different quality trained on its `train` split, a third-party transformer model, and
 * for every other task family a dataset with at least two tiny models of different quality
 * (NER, QA, NLI pairs and zero-shot, causal-LM choice, images; summarization and translation
 * models are served by the inference stub). Pure function of the files under data/: same bytes on
 * every run, built in a few seconds.
 */
export async function buildDemoContent(opts: BuildDemoContentOptions = {}): Promise<DemoRepo[]> {
  const datasetId = opts.datasetId ?? DEFAULT_DEMO_DATASET_ID;
  const splits = loadSst2Splits();
  const sourceText = await readFile(SST2_SOURCE_URL, "utf8");
  const models = BOW_MODEL_SPECS.map((spec) => trainBowModel(spec, splits));
  return [
    buildDatasetRepo({ datasetId, splits, sourceText, modelIds: [...models.map((m) => m.spec.name), TINY_DISTILBERT_ID] }),
    ...models.map((m) => buildBowModelRepo(m, { datasetId, trainExamples: splits.train.length })),
    await buildTinyDistilbertRepo({ datasetId }),
    ...(await buildNliDemoRepos({ sst2DatasetId: datasetId })),
    ...(await buildCausalLmDemoRepos()),
    ...(await buildNerDemoRepos()),
    ...(await buildQaDemoRepos()),
    ...(await buildImageDemoRepos()),
    ...(await buildGenerationDemoRepos()),
  ];
}
