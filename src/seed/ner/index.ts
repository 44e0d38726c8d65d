import { readFile } from "node:fs/promises";
import type { DemoRepo } from "../demo-content";
import { readSst2Dev } from "../sst2";
import type { Vocab } from "../wordpiece";
import { buildConllDatasetCard, buildNerModelCard } from "./cards";
import { CONLL_LABELS, CONLL_SOURCE_URL, readConllSample, type ConllRow } from "./conll";
import { buildNerConfig, buildNerModel, buildNerTokenizerConfig, buildNerTokenizerJson, commonWordList, NER_MAX_LENGTH, NER_MODEL_SPECS } from "./ner-model";
import { buildTokenClassifierOnnx } from "./onnx-token-classifier";
import { conllArrowNumBytes, writeConllParquet } from "./parquet";

export { CONLL_LABELS, readConllSample, type ConllRow } from "./conll";
export { buildNerModel, commonWordList, NER_MAX_LENGTH, NER_MODEL_SPECS, type NerModel, type NerModelSpec } from "./ner-model";

export const NER_DATASET_ID = "evalhub-demo/conll-ner";
export const NER_EVAL_SPLIT = "validation";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const json = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`);

export type TokenClassifierRepoOptions = {
  name: string;
  vocab: Vocab;
  /** Row-major [vocab size, labels.length]: each token id's logits. */
  logits: Float32Array;
  labels: readonly string[];
  cased: boolean;
  maxLength: number;
  readme: string;
};

/** A per-token lookup tagger in transformers.js layout (also used by tests to build crafted models). */
export function buildTokenClassifierRepo(opts: TokenClassifierRepoOptions): DemoRepo {
  const weights = { vocabSize: opts.vocab.tokens.length, numLabels: opts.labels.length, logits: opts.logits };
  return {
    type: "model",
    name: opts.name,
    files: [
      { path: "README.md", content: utf8(opts.readme) },
      { path: "config.json", content: json(buildNerConfig({ vocabSize: weights.vocabSize, labels: opts.labels, maxLength: opts.maxLength })) },
      { path: "tokenizer.json", content: json(buildNerTokenizerJson(opts.vocab, opts.cased)) },
      { path: "tokenizer_config.json", content: json(buildNerTokenizerConfig(opts.cased, opts.maxLength)) },
      { path: "onnx/model.onnx", content: buildTokenClassifierOnnx(weights, { docString: `${opts.name}: per-token logit lookup` }) },
    ],
  };
}

export function buildConllDatasetRepo(opts: { datasetId: string; rows: readonly ConllRow[]; sourceText: string; modelIds: readonly string[] }): DemoRepo {
  const parquet = writeConllParquet(opts.rows);
  const numEntities = opts.rows.reduce((sum, r) => sum + r.ner_tags.filter((id) => CONLL_LABELS[id]!.startsWith("B-")).length, 0);
  const readme = buildConllDatasetCard({
    datasetId: opts.datasetId,
    split: { name: NER_EVAL_SPLIT, numBytes: conllArrowNumBytes(opts.rows), numExamples: opts.rows.length, downloadBytes: parquet.length, numEntities },
    sourceText: opts.sourceText,
    modelIds: opts.modelIds,
  });
  return {
    type: "dataset",
    name: opts.datasetId,
    files: [
      { path: "README.md", content: utf8(readme) },
      { path: `data/${NER_EVAL_SPLIT}-00000-of-00001.parquet`, content: parquet },
    ],
    summary: `CoNLL-2003 NER sample, ${opts.rows.length} sentences in one ${NER_EVAL_SPLIT} split (no model is trained on it)`,
  };
}

/**
 * The NER part of the demo: the CoNLL-2003 sample as `evalhub-demo/conll-ner` and two untrained,
 * lexicon-based taggers of clearly different quality. Pure function of files under data/.
 */
export async function buildNerDemoRepos(opts: { datasetId?: string } = {}): Promise<DemoRepo[]> {
  const datasetId = opts.datasetId ?? NER_DATASET_ID;
  const rows = readConllSample();
  const sourceText = await readFile(CONLL_SOURCE_URL, "utf8");
  const commonWords = commonWordList(readSst2Dev().map((r) => r.sentence));
  const models = NER_MODEL_SPECS.map((spec) => buildNerModel(spec, commonWords));
  return [
    buildConllDatasetRepo({ datasetId, rows, sourceText, modelIds: models.map((m) => m.spec.name) }),
    ...models.map((model) => ({
      ...buildTokenClassifierRepo({
        name: model.spec.name,
        vocab: model.vocab,
        logits: model.logits,
        labels: CONLL_LABELS,
        cased: model.spec.cased,
        maxLength: NER_MAX_LENGTH,
        readme: buildNerModelCard({ model, datasetId, maxLength: NER_MAX_LENGTH }),
      }),
      summary: `lexicon NER tagger, ${model.spec.blurb}`,
    })),
  ];
}
