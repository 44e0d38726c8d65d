import { parquetWriteBuffer } from "hyparquet-writer";
import { frontMatter } from "../dataset-card";
import type { Sst2Row } from "../sst2";
import { promptFor, ZERO_SHOT_CLASSES } from "./vocab";

/** One row of the zero-shot dataset, in the original tool's standard columns. */
export type ZeroShotRow = {
  /** Row index in the original GLUE SST-2 validation file. */
  idx: number;
  text: string;
  classes: string[];
  /** Index of the correct entry of `classes`. */
  target: number;
};

export const toZeroShotRow = (row: Sst2Row): ZeroShotRow => ({
  idx: row.idx,
  text: promptFor(row.sentence),
  classes: [...ZERO_SHOT_CLASSES],
  target: row.label,
});

const HF_FEATURES = {
  info: {
    features: {
      idx: { dtype: "int32", _type: "Value" },
      text: { dtype: "string", _type: "Value" },
      classes: { feature: { dtype: "string", _type: "Value" }, _type: "Sequence" },
      target: { dtype: "int64", _type: "Value" },
    },
  },
} as const;

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]["schema"]>[number];

/**
 * idx INT32, text UTF8, classes as a 3-level LIST of UTF8 (what pyarrow writes for list<string>),
 * target INT64, with the `huggingface` features metadata `datasets` adds. `createdBy` is pinned so
 * the bytes do not depend on hyparquet-writer's version.
 */
export function writeZeroShotParquet(rows: readonly ZeroShotRow[]): Uint8Array {
  const schema: SchemaElement[] = [
    { name: "schema", num_children: 4 },
    { name: "idx", type: "INT32", repetition_type: "OPTIONAL" },
    { name: "text", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    { name: "classes", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    { name: "element", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
    { name: "target", type: "INT64", repetition_type: "OPTIONAL" },
  ];
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "idx", data: Int32Array.from(rows, (r) => r.idx) },
      { name: "text", data: rows.map((r) => r.text) },
      { name: "classes", data: rows.map((r) => r.classes) },
      { name: "target", data: BigInt64Array.from(rows, (r) => BigInt(r.target)) },
    ],
    schema,
    rowGroupSize: Math.max(rows.length, 1),
    createdBy: "evalhub-seed",
    kvMetadata: [{ key: "huggingface", value: JSON.stringify(HF_FEATURES) }],
  });
  return new Uint8Array(buffer);
}

/** Arrow in-memory size as `datasets` reports it (int32 + string + list<string> + int64, no nulls). */
export function zeroShotArrowNumBytes(rows: readonly ZeroShotRow[]): number {
  const encoder = new TextEncoder();
  const n = rows.length;
  let text = 0;
  let classes = 0;
  let elements = 0;
  for (const row of rows) {
    text += encoder.encode(row.text).length;
    for (const c of row.classes) classes += encoder.encode(c).length;
    elements += row.classes.length;
  }
  return n * 4 + (text + (n + 1) * 4) + ((n + 1) * 4 + classes + (elements + 1) * 4) + n * 8;
}

export type ZeroShotCardOptions = {
  datasetId: string;
  /** The dataset the rows were taken from (its validation split). */
  sourceDatasetId: string;
  rows: readonly ZeroShotRow[];
  parquetBytes: number;
  modelIds: readonly string[];
  splitSeed: number;
};

export function buildZeroShotDatasetCard(opts: ZeroShotCardOptions): string {
  const numBytes = zeroShotArrowNumBytes(opts.rows);
  const yaml = {
    license: "other",
    task_categories: ["text-generation", "text-classification"],
    task_ids: ["sentiment-classification"],
    language: ["en"],
    size_categories: ["n<1K"],
    pretty_name: "SST-2 zero-shot prompts (EvalHub demo)",
    configs: [{ config_name: "default", data_files: [{ split: "validation", path: "data/validation-*" }] }],
    dataset_info: {
      features: [
        { name: "idx", dtype: "int32" },
        { name: "text", dtype: "string" },
        { name: "classes", sequence: "string" },
        { name: "target", dtype: "int64" },
      ],
      splits: [{ name: "validation", num_bytes: numBytes, num_examples: opts.rows.length }],
      download_size: opts.parquetBytes,
      dataset_size: numBytes,
    },
    "train-eval-index": [
      {
        config: "default",
        task: "text-generation",
        task_id: "text_zero_shot_classification",
        splits: { eval_split: "validation" },
        col_mapping: { text: "text", classes: "classes", target: "target" },
        metrics: [{ type: "accuracy", name: "Accuracy" }],
      },
    ],
  };
  const example = opts.rows[0]!;
  const body = `
# SST-2 zero-shot prompts (EvalHub demo)

The \`validation\` split of [\`${opts.sourceDatasetId}\`](https://huggingface.co/datasets/${opts.sourceDatasetId})
(${opts.rows.length} English movie-review sentences, re-split from GLUE SST-2 validation with seed
${opts.splitSeed}) rewritten for zero-shot classification with a causal language model, in the
columns of the original "Evaluation on the Hub" \`text_zero_shot_classification\` task:

| column | content |
|---|---|
| \`text\` | the prompt: \`Review: <sentence>\\nSentiment:\` |
| \`classes\` | the candidate completions, always \`[" negative", " positive"]\` (with the leading space) |
| \`target\` | index of the correct completion (0 = negative, 1 = positive, the SST-2 label) |
| \`idx\` | the row's index in the original GLUE SST-2 validation file |

Each class is appended to the prompt, the model's log-probabilities of the class's tokens are
summed, and the best-scoring class is compared with \`target\` (accuracy). For example:

\`\`\`text
${example.text}${example.classes[example.target]}
\`\`\`

There is no \`train\` split: the demo language models
(${opts.modelIds.map((id) => `\`${id}\``).join(", ")}) were trained on the \`train\` split of
\`${opts.sourceDatasetId}\` written in this same prompt format, and never saw these rows. Do not
compare the numbers with published SST-2 results.

## Source and licensing

The sentences and labels are those of \`${opts.sourceDatasetId}\`: the Stanford Sentiment Treebank
(Socher et al., 2013) as distributed in GLUE (Wang et al., 2019). Neither states a formal
licence (the Hugging Face \`glue\` card lists it as "other"); cite both works when you use this data
(see the citations in the \`${opts.sourceDatasetId}\` card). The prompt template is EvalHub's.
`;
  return frontMatter(yaml) + body;
}
