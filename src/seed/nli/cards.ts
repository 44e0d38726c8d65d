import { frontMatter, type SplitInfo } from "../dataset-card";
import { QNLI_LABELS } from "./qnli-data";
import type { QnliModelSpec } from "./qnli-model";
import type { NliSentimentSpec } from "./nli-sentiment";

const sourceHead = (sourceText: string) => sourceText.split(/\n\s*\n/)[0]!.trim();

const SQUAD_CITATION = `@inproceedings{rajpurkar2016squad,
  title = {{SQuAD}: 100,000+ Questions for Machine Comprehension of Text},
  author = {Rajpurkar, Pranav and Zhang, Jian and Lopyrev, Konstantin and Liang, Percy},
  booktitle = {Proceedings of the 2016 Conference on Empirical Methods in Natural Language Processing},
  pages = {2383--2392},
  year = {2016}
}

@inproceedings{wang2019glue,
  title = {{GLUE}: A Multi-Task Benchmark and Analysis Platform for Natural Language Understanding},
  author = {Wang, Alex and Singh, Amanpreet and Michael, Julian and Hill, Felix and Levy, Omer and Bowman, Samuel R.},
  booktitle = {International Conference on Learning Representations},
  year = {2019}
}`;

export type QnliDatasetCardOptions = {
  datasetId: string;
  splits: SplitInfo[];
  sourceText: string;
  modelIds: readonly string[];
  splitSeed: number;
  validationParagraphs: number;
};

export function buildQnliDatasetCardYaml(opts: QnliDatasetCardOptions): Record<string, unknown> {
  return {
    license: "cc-by-sa-4.0",
    task_categories: ["text-classification"],
    task_ids: ["natural-language-inference"],
    language: ["en"],
    size_categories: ["1K<n<10K"],
    source_datasets: ["extended|squad"],
    pretty_name: "QNLI from SQuAD (EvalHub demo)",
    configs: [{ config_name: "default", data_files: opts.splits.map((s) => ({ split: s.name, path: `data/${s.name}-*` })) }],
    dataset_info: {
      features: [
        { name: "question", dtype: "string" },
        { name: "sentence", dtype: "string" },
        { name: "label", dtype: { class_label: { names: Object.fromEntries(QNLI_LABELS.map((name, id) => [String(id), name])) } } },
      ],
      splits: opts.splits.map((s) => ({ name: s.name, num_bytes: s.numBytes, num_examples: s.numExamples })),
      download_size: opts.splits.reduce((sum, s) => sum + s.downloadBytes, 0),
      dataset_size: opts.splits.reduce((sum, s) => sum + s.numBytes, 0),
    },
    "train-eval-index": [
      {
        config: "default",
        task: "text-classification",
        task_id: "natural_language_inference",
        splits: { train_split: "train", eval_split: "validation" },
        col_mapping: { question: "text1", sentence: "text2", label: "target" },
        metrics: [
          { type: "accuracy", name: "Accuracy" },
          { type: "f1", name: "F1 macro", args: { average: "macro" } },
        ],
      },
    ],
  };
}

export function buildQnliDatasetCard(opts: QnliDatasetCardOptions): string {
  const count = (name: string) => opts.splits.find((s) => s.name === name)?.numExamples ?? 0;
  const body = `
# QNLI from SQuAD (EvalHub demo)

A small sentence-pair classification dataset in the style of GLUE QNLI: does \`sentence\` contain
the answer to \`question\`? (\`entailment\`) or not? (\`not_entailment\`). It is built from the
first article of the SQuAD v1.1 development set ("Super Bowl 50", 54 paragraphs, 810 questions):

- each paragraph is split into sentences at end punctuation;
- each question is paired with the sentence holding its first answer (\`entailment\`) and with a
  randomly chosen other sentence of the same paragraph that holds none of its answers
  (\`not_entailment\`), so the two labels are exactly balanced;
- questions whose answer crosses a sentence boundary, or whose paragraph offers no such other
  sentence, are left out;
- whole paragraphs are assigned to a split (seed ${opts.splitSeed}; ${opts.validationParagraphs} paragraphs for
  \`validation\`), so no validation question or sentence occurs in \`train\`.

| split | rows | used for |
|---|---|---|
| \`train\` | ${count("train")} | training the EvalHub demo models only |
| \`validation\` | ${count("validation")} | evaluation only; no demo model saw these rows |

Columns: \`question\` and \`sentence\` (strings), \`label\` (ClassLabel: ${QNLI_LABELS.map((l, i) => `${i} = \`${l}\``).join(", ")}, GLUE QNLI's order).

This repository exists to demonstrate EvalHub offline (${opts.modelIds.map((id) => `\`${id}\``).join(", ")}).
It is far smaller and easier than GLUE QNLI: do not compare its numbers with published QNLI results.

## Source

\`\`\`text
${sourceHead(opts.sourceText)}
\`\`\`

## Licensing

SQuAD is released under CC BY-SA 4.0; this derived dataset is shared under the same licence.

## Citation

\`\`\`bibtex
${SQUAD_CITATION}
\`\`\`
`;
  return frontMatter(buildQnliDatasetCardYaml(opts)) + body;
}

export type QnliModelCardOptions = {
  spec: QnliModelSpec;
  datasetId: string;
  vocabSize: number;
  trainExamples: number;
  maxLength: number;
};

const FEATURE_TEXT = {
  matched: "the summed weight of the question tokens that also occur among the sentence tokens",
  matchedFraction: "that sum divided by the summed weight of all question tokens (the share of the question found in the sentence)",
  logSentenceLength: "log(1 + number of sentence tokens)",
} as const;

export function buildQnliModelCard(opts: QnliModelCardOptions): string {
  const { spec, datasetId } = opts;
  const yaml = {
    license: "cc-by-sa-4.0",
    library_name: "transformers.js",
    pipeline_tag: "text-classification",
    language: ["en"],
    datasets: [datasetId],
    tags: ["text-classification", "natural-language-inference", "sentence-pair", "evalhub-demo"],
  };
  const body = `
# ${spec.name.split("/").pop()}

A deliberately tiny question/sentence pair classifier (\`entailment\` = the sentence answers the
question, \`not_entailment\` otherwise) for the EvalHub demo: ${spec.blurb}. Give it the question
as the first text and the sentence as the second:

\`\`\`js
import { AutoModelForSequenceClassification, AutoTokenizer } from "@huggingface/transformers";
const tokenizer = await AutoTokenizer.from_pretrained("${spec.name}");
const model = await AutoModelForSequenceClassification.from_pretrained("${spec.name}", { dtype: "fp32" });
const inputs = tokenizer(["Who won Super Bowl 50?"], { text_pair: ["The Denver Broncos won Super Bowl 50."], padding: true });
const { logits } = await model(inputs);
\`\`\`

## Model

There is no neural network inside: the ONNX graph (opset 13; inputs \`input_ids\`, \`attention_mask\`,
\`token_type_ids\`) compares the two segments token by token. With \`Equal\` on every pair of
positions and \`ReduceMax\` over the sentence positions (\`token_type_ids\` = 1) it finds which
question tokens (\`token_type_ids\` = 0) also occur in the sentence. Each question token has a
fixed weight (${spec.weighting === "idf" ? "its smoothed inverse document frequency over the training sentences" : "1"};
0 for special tokens and \`[UNK]\`). From these it computes ${spec.features.length === 1 ? "one feature" : `${spec.features.length} features`}:

${spec.features.map((f) => `- ${FEATURE_TEXT[f]}`).join("\n")}

and a logistic regression over them gives the logits (\`[z/2, -z/2]\`, so the softmax is the
regression's probability). The tokenizer is BERT-style (lower-casing, punctuation split, WordPiece)
with a whole-word vocabulary of ${opts.vocabSize} tokens including 5 special tokens${spec.maxWords === undefined ? "" : ` (the ${spec.maxWords} most frequent training words)`};
any other word becomes \`[UNK]\` and never counts as a match. Inputs longer than ${opts.maxLength} tokens are truncated.

## Training

- Data: the \`train\` split of [\`${datasetId}\`](https://huggingface.co/datasets/${datasetId}) (${opts.trainExamples} pairs).
  The \`validation\` split was not used for training, vocabulary, weights or any choice of settings.
- Logistic regression fitted by Newton's method with a small L2 penalty (0.01 on standardised
  features); deterministic, so rebuilding gives identical bytes.

## Limitations

It measures word overlap, nothing more: a sentence that repeats the question's words without
answering it looks like an answer, and a paraphrased answer looks like a miss. It exists to
exercise evaluation tooling, not to answer questions.

## Data attribution

Trained on data derived from SQuAD v1.1 (Rajpurkar et al., 2016; CC BY-SA 4.0); see the dataset card.
`;
  return frontMatter(yaml) + body;
}

export type NliModelCardOptions = {
  spec: NliSentimentSpec;
  datasetId: string;
  vocabSize: number;
  trainSentences: number;
  hypothesisWords: readonly string[];
  template: string;
  alpha: number;
  splitSeed: number;
  /**
   * Zero-shot accuracy on the dataset's `validation` split as the seed code's own forward pass
   * measures it: written into the card as a self-reported `model-index` result, the way authors
   * report their numbers (EvalHub imports it and shows it beside its own, verified, run).
   */
  validationAccuracy?: number;
};

/** The card's self-reported claim: what the author measured, with no `verified` flag or token. */
function selfReportedModelIndex(opts: NliModelCardOptions) {
  if (opts.validationAccuracy === undefined) return {};
  const result = {
    task: { type: "zero-shot-classification", name: "Zero-shot classification" },
    dataset: { name: "SST-2 (EvalHub demo)", type: opts.datasetId, config: "default", split: "validation" },
    metrics: [{ type: "accuracy", value: Math.round(opts.validationAccuracy * 10_000) / 10_000, name: "Accuracy" }],
  };
  return { "model-index": [{ name: opts.spec.name.split("/").pop(), results: [result] }] };
}

export function buildNliModelCard(opts: NliModelCardOptions): string {
  const { spec, datasetId } = opts;
  const yaml = {
    license: "apache-2.0",
    library_name: "transformers.js",
    pipeline_tag: "zero-shot-classification",
    language: ["en"],
    datasets: [datasetId],
    tags: ["zero-shot-classification", "natural-language-inference", "evalhub-demo"],
    ...selfReportedModelIndex(opts),
  };
  const words = opts.hypothesisWords.map((w) => `"${w}"`).join(" and ");
  const body = `
# ${spec.name.split("/").pop()}

A deliberately tiny NLI-style model (\`contradiction\` / \`entailment\`) for zero-shot sentiment
classification in the EvalHub demo, with ${spec.blurb}. Use it like any NLI model in a
zero-shot-classification pipeline:

\`\`\`js
import { pipeline } from "@huggingface/transformers";
const classify = await pipeline("zero-shot-classification", "${spec.name}", { dtype: "fp32" });
await classify("a charming and often affecting journey", ["negative", "positive"]);
\`\`\`

## Model

The premise is the text, the hypothesis is \`${opts.template}\` with a candidate label. The ONNX
graph (opset 13; inputs \`input_ids\`, \`attention_mask\`, \`token_type_ids\`) is a bilinear bag of
words: the premise tokens (\`token_type_ids\` = 0) look up one weight per hypothesis word
(${words}), averaged over the premise; the hypothesis tokens (\`token_type_ids\` = 1) give
an indicator of which of those words the hypothesis contains; the product, summed, is the
evidence *z* for entailment, and the logits are \`[-z/2, z/2]\` for \`[contradiction, entailment]\`.
A hypothesis without one of those words gets *z* = 0 (no opinion), so the model only knows the
candidate labels ${words}.

The tokenizer is BERT-style (lower-casing, punctuation split, WordPiece) with a whole-word
vocabulary of ${opts.vocabSize} tokens including 5 special tokens${spec.maxWords === undefined ? "" : ` (the ${spec.maxWords} most frequent training words plus the words of the hypotheses)`};
any other word becomes \`[UNK]\` and carries no evidence.

## Training

- Data: the \`train\` split of [\`${datasetId}\`](https://huggingface.co/datasets/${datasetId})
  (${opts.trainSentences} sentences, re-split from GLUE SST-2 validation with seed ${opts.splitSeed}), turned into
  NLI pairs: every sentence is the premise of two pairs, \`${opts.template.replace("{}", "positive")}\` and
  \`${opts.template.replace("{}", "negative")}\`; the one naming the sentence's label is \`entailment\`, the other
  \`contradiction\`. The \`validation\` split was not used for training, vocabulary or any choice of settings.
- Weights: binarized Naive Bayes with add-one smoothing (alpha = ${opts.alpha}) over conjunction features
  (premise word, hypothesis word). Template words occur with both classes equally and get weight 0,
  which is why only ${words} keep a column.
- Deterministic: rebuilding from the same data gives identical bytes.

${opts.validationAccuracy === undefined ? "" : `## Results

Zero-shot accuracy on the \`validation\` split of \`${datasetId}\` (candidate labels \`negative\` and
\`positive\`, the template above), measured by the build script's own forward pass: ${(Math.round(opts.validationAccuracy * 10_000) / 10_000).toFixed(4)}.
This is the model's self-reported figure (the card's \`model-index\`); EvalHub's own run of the
ONNX graph is shown beside it on the leaderboard.

`}## Limitations

This is a sentiment bag of words dressed as an NLI model: it ignores word order and negation, and
it has no idea what any other candidate label means. It exists to exercise evaluation tooling.

## Data attribution

The training sentences come from the Stanford Sentiment Treebank (Socher et al., 2013) as
distributed in GLUE (Wang et al., 2019); see the dataset card for the source and citations.
`;
  return frontMatter(yaml) + body;
}
