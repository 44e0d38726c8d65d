import { parquetWriteBuffer } from "hyparquet-writer";
import type { DemoRepo } from "../demo-content";
import { frontMatter } from "../dataset-card";
import { SUMMARIZE_FIRST_WORDS_ID, SUMMARIZE_LEAD_ID, TRANSLATE_COPY_ID, TRANSLATE_LEXICON_ID, WMT_CONFIG, WMT_DATASET_ID, XSUM_DATASET_ID } from "./models";
import type { TranslationPair, WmtSplits, XsumRow } from "./source-data";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Arrow in-memory size of a string column without nulls: its UTF-8 bytes plus (n + 1) int32 offsets. */
const arrowStringBytes = (values: readonly string[]) => values.reduce((sum, v) => sum + utf8(v).length, 0) + (values.length + 1) * 4;

const STRING = { type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" } as const;

/** `createdBy` is pinned so the bytes do not change with hyparquet-writer's version. */
const CREATED_BY = "evalhub-seed";

const XSUM_FEATURES = [
  { name: "document", dtype: "string" },
  { name: "summary", dtype: "string" },
  { name: "id", dtype: "string" },
];

/** Column order and types of the Hub's `xsum` (document, summary, id), one row group per split. */
function xsumParquet(rows: readonly XsumRow[]): Uint8Array {
  const features = Object.fromEntries(XSUM_FEATURES.map((f) => [f.name, { dtype: f.dtype, _type: "Value" }]));
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: XSUM_FEATURES.map((f) => ({ name: f.name, data: rows.map((r) => r[f.name as keyof XsumRow]), type: "STRING" as const })),
      rowGroupSize: Math.max(rows.length, 1),
      createdBy: CREATED_BY,
      kvMetadata: [{ key: "huggingface", value: JSON.stringify({ info: { features } }) }],
    }),
  );
}

/** One `translation` struct column {ro, en}, as `datasets` stores a Translation feature. */
function wmtParquet(rows: readonly TranslationPair[]): Uint8Array {
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [{ name: "translation", data: rows.map((r) => ({ ro: r.translation.ro, en: r.translation.en })) }],
      schema: [
        { name: "schema", num_children: 1 },
        { name: "translation", repetition_type: "OPTIONAL", num_children: 2 },
        { name: "ro", ...STRING },
        { name: "en", ...STRING },
      ],
      rowGroupSize: Math.max(rows.length, 1),
      createdBy: CREATED_BY,
      kvMetadata: [{ key: "huggingface", value: JSON.stringify({ info: { features: { translation: { languages: ["ro", "en"], _type: "Translation" } } } }) }],
    }),
  );
}

const models = (ids: string[]) => ids.map((id) => `[\`${id}\`](https://huggingface.co/${id})`).join(" and ");

export function buildXsumDatasetRepo(rows: readonly XsumRow[], sourceText: string): DemoRepo {
  const parquet = xsumParquet(rows);
  const numBytes = ["document", "summary", "id"].reduce((sum, c) => sum + arrowStringBytes(rows.map((r) => r[c as keyof XsumRow])), 0);
  const yaml = {
    license: "other",
    task_categories: ["summarization"],
    task_ids: ["news-articles-summarization"],
    language: ["en"],
    size_categories: ["n<1K"],
    pretty_name: "XSum sample (EvalHub demo)",
    configs: [{ config_name: "default", data_files: [{ split: "validation", path: "data/validation-*" }] }],
    dataset_info: {
      features: XSUM_FEATURES,
      splits: [{ name: "validation", num_bytes: numBytes, num_examples: rows.length }],
      download_size: parquet.length,
      dataset_size: numBytes,
    },
    "train-eval-index": [
      {
        config: "default",
        task: "summarization",
        task_id: "summarization",
        splits: { eval_split: "validation" },
        col_mapping: { document: "text", summary: "target" },
        metrics: [{ type: "rouge", name: "ROUGE" }],
      },
    ],
  };
  const body = `
# XSum sample (EvalHub demo)

${rows.length} BBC News articles with their one-sentence XSum summaries, the sample that
Hugging Face \`transformers\` ships as a test fixture. One split, \`validation\`, in file order.

Columns (as in the Hub's \`xsum\`): \`document\` (the article, one paragraph per line),
\`summary\` (the reference summary), \`id\` (the row's position in the fixture file, as a string:
the fixture carries no BBC article ids).

XSum summaries are written to be abstractive (the article's first sentence was removed from the
document and became the summary), so copying sentences from the document scores low. This
repository exists to demonstrate summarization evaluation offline with
${models([SUMMARIZE_LEAD_ID, SUMMARIZE_FIRST_WORDS_ID])}; ten rows say little about real models.

## Source

\`\`\`text
${sourceText.trim()}
\`\`\`

## Licensing

The file is an Apache-2.0 test fixture of huggingface/transformers. The articles are BBC News
texts collected for research by the XSum authors; their own terms apply to any other use.

## Citation

\`\`\`bibtex
@inproceedings{narayan2018dont,
  title = {Don't Give Me the Details, Just the Summary! Topic-Aware Convolutional Neural Networks for Extreme Summarization},
  author = {Narayan, Shashi and Cohen, Shay B. and Lapata, Mirella},
  booktitle = {Proceedings of the 2018 Conference on Empirical Methods in Natural Language Processing},
  year = {2018}
}
\`\`\`
`;
  return {
    type: "dataset",
    name: XSUM_DATASET_ID,
    files: [
      { path: "README.md", content: utf8(frontMatter(yaml) + body) },
      { path: "data/validation-00000-of-00001.parquet", content: parquet },
    ],
    summary: `XSum summarization sample, ${rows.length} validation rows`,
  };
}

export function buildWmtDatasetRepo(splits: WmtSplits, sourceText: string): DemoRepo {
  const parts = (["train", "test"] as const).map((name) => {
    const rows = splits[name];
    const numBytes = arrowStringBytes(rows.map((r) => r.translation.ro)) + arrowStringBytes(rows.map((r) => r.translation.en));
    return { name, rows, numBytes, parquet: wmtParquet(rows) };
  });
  const yaml = {
    license: "other",
    task_categories: ["translation"],
    language: ["en", "ro"],
    size_categories: ["n<1K"],
    pretty_name: "WMT16 en-ro sample (EvalHub demo)",
    configs: [{ config_name: WMT_CONFIG, data_files: parts.map((p) => ({ split: p.name, path: `${WMT_CONFIG}/${p.name}-*` })) }],
    dataset_info: {
      config_name: WMT_CONFIG,
      features: [{ name: "translation", dtype: { translation: { languages: ["ro", "en"] } } }],
      splits: parts.map((p) => ({ name: p.name, num_bytes: p.numBytes, num_examples: p.rows.length })),
      download_size: parts.reduce((sum, p) => sum + p.parquet.length, 0),
      dataset_size: parts.reduce((sum, p) => sum + p.numBytes, 0),
    },
    "train-eval-index": [
      {
        config: WMT_CONFIG,
        task: "translation",
        task_id: "translation",
        splits: { train_split: "train", eval_split: "test" },
        col_mapping: { "translation.en": "source", "translation.ro": "target" },
        metrics: [
          { type: "sacrebleu", name: "SacreBLEU" },
          { type: "chrf", name: "chrF" },
        ],
      },
    ],
  };
  const [train, test] = parts;
  const body = `
# WMT16 en-ro sample (EvalHub demo)

English-Romanian news translation: the ${train!.rows.length + test!.rows.length} paragraph-level segments (WMT16
newstest-style) that Hugging Face \`transformers\` ships as its \`wmt_en_ro\` test fixture, laid out
like the Hub's \`wmt16\` (config \`${WMT_CONFIG}\`, one \`translation\` column holding \`{ro, en}\`; EvalHub reads
it as \`translation.en\` and \`translation.ro\`).

| split | rows | used for |
|---|---|---|
| \`train\` | ${train!.rows.length} | the segments at even positions of the fixture (0, 2, ..., 18): training the demo lexicon model only |
| \`test\` | ${test!.rows.length} | the segments at odd positions (1, 3, ..., 19): evaluation only; no demo model was trained on them |

Interleaving keeps both halves on the same news stories (Syria, US polls, UK politics), so the
lexicon learned from \`train\` has a fair chance on \`test\`. The demo models
${models([TRANSLATE_LEXICON_ID, TRANSLATE_COPY_ID])} translate English into Romanian; ${test!.rows.length} segments
(about 1,000 words) give rough BLEU/chrF numbers, fit for a demo and not for comparing real systems.

## Source

\`\`\`text
${sourceText.trim()}
\`\`\`

## Licensing

The file is an Apache-2.0 test fixture of huggingface/transformers; the texts come from the WMT16
shared task's news test data, whose own terms apply to any other use.

## Citation

\`\`\`bibtex
@inproceedings{bojar2016findings,
  title = {Findings of the 2016 Conference on Machine Translation},
  author = {Bojar, Ond{\\v{r}}ej and others},
  booktitle = {Proceedings of the First Conference on Machine Translation},
  year = {2016}
}
\`\`\`
`;
  return {
    type: "dataset",
    name: WMT_DATASET_ID,
    files: [
      { path: "README.md", content: utf8(frontMatter(yaml) + body) },
      ...parts.map((p) => ({ path: `${WMT_CONFIG}/${p.name}-00000-of-00001.parquet`, content: p.parquet })),
    ],
    summary: `WMT16 en-ro news sample, ${train!.rows.length} train (for the lexicon model) / ${test!.rows.length} test (for evaluation)`,
  };
}
