import { readFile } from "node:fs/promises";
import type { DemoRepo } from "../demo-content";
import { buildQaModelCard, buildSquadTinyCard, buildSquadV2SampleCard } from "./cards";
import { buildQaOnnx } from "./onnx-qa";
import { squadArrowNumBytes, writeSquadParquet } from "./parquet-squad";
import { loadSquadTinySplits, loadSquadV2Sample, SQUAD_SOURCE_URL, SQUAD_SPLIT_SEED, type SquadRow } from "./squad";
import { buildQaTokenizerConfig, buildQaTokenizerJson, QA_MAX_LENGTH } from "./tokenizer";
import { prepareQaTraining, QA_MODEL_SPECS, trainQaModel, type TrainedQaModel } from "./train-qa";

export const SQUAD_TINY_ID = "evalhub-demo/squad-tiny";
export const SQUAD_V2_SAMPLE_ID = "evalhub-demo/squad-v2-sample";
export { QA_MODEL_SPECS } from "./train-qa";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const json = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`);
const parquetPath = (split: string) => `data/${split}-00000-of-00001.parquet`;

function splitFiles(splits: Record<string, SquadRow[]>) {
  return Object.entries(splits).map(([name, rows]) => {
    const parquet = writeSquadParquet(rows);
    return { info: { name, numBytes: squadArrowNumBytes(rows), numExamples: rows.length, downloadBytes: parquet.length }, file: { path: parquetPath(name), content: parquet } };
  });
}

export function buildQaModelRepo(model: TrainedQaModel, opts: { datasetId: string }): DemoRepo {
  const { spec, vocab } = model;
  const config = {
    architectures: ["BertForQuestionAnswering"],
    model_type: "bert",
    vocab_size: vocab.tokens.length,
    max_position_embeddings: QA_MAX_LENGTH,
    type_vocab_size: 2,
    pad_token_id: vocab.ids.get("[PAD]"),
  };
  return {
    type: "model",
    name: spec.name,
    files: [
      {
        path: "README.md",
        content: utf8(buildQaModelCard({ spec, datasetId: opts.datasetId, vocabSize: vocab.tokens.length, trainQuestions: model.trainQuestions, splitSeed: SQUAD_SPLIT_SEED })),
      },
      { path: "config.json", content: json(config) },
      { path: "tokenizer.json", content: json(buildQaTokenizerJson(vocab)) },
      { path: "tokenizer_config.json", content: json(buildQaTokenizerConfig()) },
      { path: "onnx/model.onnx", content: buildQaOnnx(model.tables, model.weights, { overlap: spec.overlap, questionTypes: spec.questionTypes, docString: spec.blurb }) },
    ],
    summary: `extractive QA, ${spec.blurb}`,
  };
}

/** The two QA models, trained on the squad-tiny train split (exported for tests that need their own numbers). */
export function trainQaDemoModels(): TrainedQaModel[] {
  const shared = prepareQaTraining(loadSquadTinySplits());
  return QA_MODEL_SPECS.map((spec) => trainQaModel(spec, shared));
}

/**
 * The question-answering demo: `evalhub-demo/squad-tiny` (SQuAD v1.1 "Super Bowl 50", split by
 * paragraph into train/validation), `evalhub-demo/squad-v2-sample` (14 SQuAD 2.0 rows, 6
 * unanswerable) and two tiny QA models of clearly different quality trained on squad-tiny's train
 * split. Pure function of data/squad-tiny/: same bytes on every run.
 */
export async function buildQaDemoRepos(): Promise<DemoRepo[]> {
  const splits = loadSquadTinySplits();
  const v2 = loadSquadV2Sample();
  const sourceText = await readFile(SQUAD_SOURCE_URL, "utf8");
  const shared = prepareQaTraining(splits);
  const models = QA_MODEL_SPECS.map((spec) => trainQaModel(spec, shared));
  const tiny = splitFiles({ train: splits.train, validation: splits.validation });
  const sample = splitFiles({ validation: v2 });
  const paragraphs = (rows: SquadRow[]) => new Set(rows.map((r) => r.context)).size;
  return [
    {
      type: "dataset",
      name: SQUAD_TINY_ID,
      files: [
        {
          path: "README.md",
          content: utf8(
            buildSquadTinyCard({
              datasetId: SQUAD_TINY_ID,
              splits: tiny.map((t) => t.info),
              paragraphs: { train: paragraphs(splits.train), validation: paragraphs(splits.validation) },
              splitSeed: SQUAD_SPLIT_SEED,
              sourceText,
              modelIds: models.map((m) => m.spec.name),
            }),
          ),
        },
        ...tiny.map((t) => t.file),
      ],
      summary: `SQuAD v1.1 "Super Bowl 50", ${splits.train.length} train (for the demo models) / ${splits.validation.length} validation questions, split by paragraph`,
    },
    {
      type: "dataset",
      name: SQUAD_V2_SAMPLE_ID,
      files: [
        { path: "README.md", content: utf8(buildSquadV2SampleCard({ splits: sample.map((t) => t.info), unanswerable: v2.filter((r) => r.answers.text.length === 0).length, sourceText })) },
        ...sample.map((t) => t.file),
      ],
      summary: `SQuAD 2.0 sample, ${v2.length} validation questions (${v2.filter((r) => r.answers.text.length === 0).length} unanswerable)`,
    },
    ...models.map((m) => buildQaModelRepo(m, { datasetId: SQUAD_TINY_ID })),
  ];
}
