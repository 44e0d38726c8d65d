import { stringify } from "yaml";
import { SST2_LABELS } from "./sst2";

export type SplitInfo = {
  name: string;
  /** Arrow in-memory size, as `datasets` computes it. */
  numBytes: number;
  numExamples: number;
  /** Size of the split's parquet file(s). */
  downloadBytes: number;
};

export type DatasetCardOptions = {
  datasetId: string;
  splits: SplitInfo[];
  /** The SOURCE.txt of the SST-2 copy; its first paragraph (repo, path, commit, licence) is quoted. */
  sourceText: string;
  /** Used for the model list in the body; models are trained on `train` only. */
  modelIds: readonly string[];
  splitSeed: number;
};

/**
 * Front matter in the exact shape `datasets.push_to_hub` writes (`configs`, `dataset_info`) plus
 * the AutoTrain-era `train-eval-index`, which EvalHub reads to preconfigure a one-click evaluation.
 */
export function buildDatasetCardYaml(opts: DatasetCardOptions): Record<string, unknown> {
  const downloadSize = opts.splits.reduce((sum, s) => sum + s.downloadBytes, 0);
  const datasetSize = opts.splits.reduce((sum, s) => sum + s.numBytes, 0);
  return {
    license: "other",
    task_categories: ["text-classification"],
    task_ids: ["sentiment-classification"],
    language: ["en"],
    size_categories: ["n<1K"],
    pretty_name: "SST-2 (EvalHub demo split)",
    configs: [
      {
        config_name: "default",
        data_files: opts.splits.map((s) => ({ split: s.name, path: `data/${s.name}-*` })),
      },
    ],
    dataset_info: {
      features: [
        { name: "idx", dtype: "int32" },
        { name: "sentence", dtype: "string" },
        {
          name: "label",
          dtype: { class_label: { names: Object.fromEntries(SST2_LABELS.map((name, id) => [String(id), name])) } },
        },
      ],
      splits: opts.splits.map((s) => ({ name: s.name, num_bytes: s.numBytes, num_examples: s.numExamples })),
      download_size: downloadSize,
      dataset_size: datasetSize,
    },
    "train-eval-index": [
      {
        config: "default",
        task: "text-classification",
        task_id: "binary_classification",
        splits: { train_split: "train", eval_split: "validation" },
        col_mapping: { sentence: "text", label: "target" },
        metrics: [
          { type: "accuracy", name: "Accuracy" },
          { type: "precision", name: "Precision", args: { average: "binary" } },
          { type: "recall", name: "Recall", args: { average: "binary" } },
          { type: "f1", name: "F1 binary", args: { average: "binary" } },
          { type: "f1", name: "F1 macro", args: { average: "macro" } },
        ],
      },
    ],
  };
}

/** `---\n<yaml>---\n` laid out like huggingface_hub's card writer (PyYAML: flush lists, single quotes). */
export function frontMatter(data: Record<string, unknown>): string {
  return `---\n${stringify(data, { singleQuote: true, lineWidth: 0, indentSeq: false })}---\n`;
}

export function buildDatasetCard(opts: DatasetCardOptions): string {
  const count = (name: string) => opts.splits.find((s) => s.name === name)?.numExamples ?? 0;
  const body = `
# SST-2 (EvalHub demo split)

Binary sentiment classification of English movie-review sentences (0 = negative, 1 = positive),
taken from the validation split of GLUE SST-2 (${count("train") + count("validation")} sentences) and
re-split with a fixed seed (${opts.splitSeed}, stratified by label) into two parts:

| split | rows | used for |
|---|---|---|
| \`train\` | ${count("train")} | training the EvalHub demo models only |
| \`validation\` | ${count("validation")} | evaluation only; no demo model saw these rows |

Columns: \`idx\` is the row's index in the original GLUE SST-2 validation file (so the same
sentence can be found in \`glue/sst2\`), \`sentence\` is the lower-cased, tokenised sentence as
GLUE distributes it (without its trailing space), \`label\` is a ClassLabel (\`negative\`, \`positive\`).

This repository exists to demonstrate EvalHub offline: evaluating the demo models
(${opts.modelIds.map((id) => `\`${id}\``).join(", ")}) on \`validation\` should give clearly
different scores. Because the original SST-2 training data is not used, do not compare these
numbers with published SST-2 results.

## Source

\`\`\`text
${opts.sourceText.split(/\n\s*\n/)[0]!.trim()}
\`\`\`

## Licensing

GLUE and the Stanford Sentiment Treebank state no formal licence; the Hugging Face \`glue\` card
lists it as "other". Cite both works below when you use this data.

## Citation

\`\`\`bibtex
@inproceedings{socher2013recursive,
  title = {Recursive Deep Models for Semantic Compositionality Over a Sentiment Treebank},
  author = {Socher, Richard and Perelygin, Alex and Wu, Jean and Chuang, Jason and Manning, Christopher D. and Ng, Andrew and Potts, Christopher},
  booktitle = {Proceedings of the 2013 Conference on Empirical Methods in Natural Language Processing},
  pages = {1631--1642},
  year = {2013}
}

@inproceedings{wang2019glue,
  title = {{GLUE}: A Multi-Task Benchmark and Analysis Platform for Natural Language Understanding},
  author = {Wang, Alex and Singh, Amanpreet and Michael, Julian and Hill, Felix and Levy, Omer and Bowman, Samuel R.},
  booktitle = {International Conference on Learning Representations},
  year = {2019}
}
\`\`\`
`;
  return frontMatter(buildDatasetCardYaml(opts)) + body;
}
