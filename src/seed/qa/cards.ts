import { frontMatter } from "../dataset-card";
import type { SplitInfo } from "../dataset-card";
import { LBFGS_ITERATIONS } from "./fit-linear";
import { MAX_ANSWER_TOKENS, MAX_QUESTION_TOKENS, NULL_RATE, type QaModelSpec } from "./train-qa";
import { QUESTION_TYPES, TOKEN_CLASSES, W } from "./features";
import { QA_MAX_LENGTH } from "./tokenizer";

const SQUAD_FEATURES = [
  { name: "id", dtype: "string" },
  { name: "title", dtype: "string" },
  { name: "context", dtype: "string" },
  { name: "question", dtype: "string" },
  { name: "answers", sequence: [{ name: "text", dtype: "string" }, { name: "answer_start", dtype: "int32" }] },
];

/** AutoTrain-era evaluation entry; the nested answers column is flattened to dotted names (see original-evaluator.md §2). */
function trainEvalIndex(splits: { train_split?: string; eval_split: string }, metric: "squad" | "squad_v2") {
  return [
    {
      config: "default",
      task: "question-answering",
      task_id: "extractive_question_answering",
      splits,
      col_mapping: { context: "context", question: "question", "answers.text": "answers.text", "answers.answer_start": "answers.answer_start" },
      metrics: [{ type: metric, name: metric === "squad" ? "SQuAD" : "SQuAD v2" }],
    },
  ];
}

function datasetYaml(opts: { prettyName: string; splits: SplitInfo[]; evalIndex: unknown[] }): Record<string, unknown> {
  return {
    license: "cc-by-sa-4.0",
    task_categories: ["question-answering"],
    task_ids: ["extractive-qa"],
    language: ["en"],
    size_categories: ["n<1K"],
    pretty_name: opts.prettyName,
    configs: [{ config_name: "default", data_files: opts.splits.map((s) => ({ split: s.name, path: `data/${s.name}-*` })) }],
    dataset_info: {
      features: SQUAD_FEATURES,
      splits: opts.splits.map((s) => ({ name: s.name, num_bytes: s.numBytes, num_examples: s.numExamples })),
      download_size: opts.splits.reduce((sum, s) => sum + s.downloadBytes, 0),
      dataset_size: opts.splits.reduce((sum, s) => sum + s.numBytes, 0),
    },
    "train-eval-index": opts.evalIndex,
  };
}

const SQUAD_CITATION = `@inproceedings{rajpurkar2016squad,
  title = {{SQuAD}: 100,000+ Questions for Machine Comprehension of Text},
  author = {Rajpurkar, Pranav and Zhang, Jian and Lopyrev, Konstantin and Liang, Percy},
  booktitle = {Proceedings of the 2016 Conference on Empirical Methods in Natural Language Processing},
  pages = {2383--2392},
  year = {2016}
}`;

const SQUAD2_CITATION = `@inproceedings{rajpurkar2018know,
  title = {Know What You Don't Know: Unanswerable Questions for {SQuAD}},
  author = {Rajpurkar, Pranav and Jia, Robin and Liang, Percy},
  booktitle = {Proceedings of the 56th Annual Meeting of the Association for Computational Linguistics},
  pages = {784--789},
  year = {2018}
}`;

const sourceBlock = (sourceText: string, heading: string) => {
  const start = sourceText.indexOf(heading);
  const section = sourceText.slice(start).split(/\n(?=\S[^\n]*\n=+\n)/)[0]!;
  return section.trim();
};

export function buildSquadTinyCard(opts: {
  datasetId: string;
  splits: SplitInfo[];
  paragraphs: { train: number; validation: number };
  splitSeed: number;
  sourceText: string;
  modelIds: readonly string[];
}): string {
  const count = (name: string) => opts.splits.find((s) => s.name === name)?.numExamples ?? 0;
  const body = `
# SQuAD tiny (EvalHub demo split)

Extractive question answering in English: each row is a question about a Wikipedia paragraph and
its answer spans (\`answers.text\` with character offsets \`answers.answer_start\` into
\`context\`). The rows are the first article of the SQuAD v1.1 development set, "Super Bowl 50"
(${count("train") + count("validation")} questions about 54 paragraphs), with the columns and
order of the Hugging Face \`squad\` dataset (same ids). Several answers per question are the
crowd-workers' alternative spans.

The questions were re-split **by paragraph** with a fixed seed (${opts.splitSeed}), so no paragraph
appears in both splits:

| split | questions | paragraphs | used for |
|---|---|---|---|
| \`train\` | ${count("train")} | ${opts.paragraphs.train} | training the EvalHub demo models only |
| \`validation\` | ${count("validation")} | ${opts.paragraphs.validation} | evaluation only; no demo model saw these paragraphs or questions |

It exists to demonstrate EvalHub offline: evaluating the demo models
(${opts.modelIds.map((id) => `\`${id}\``).join(", ")}) on \`validation\` with the SQuAD metric
should give clearly different scores. All paragraphs come from one article, so do not compare
these numbers with published SQuAD results.

## Source

\`\`\`text
${sourceBlock(opts.sourceText, "tiny-dev.json")}
\`\`\`

## Licensing

SQuAD is distributed under CC BY-SA 4.0; this derived copy is shared under the same licence.
The paragraphs are from the English Wikipedia article "Super Bowl 50" (CC BY-SA).

## Citation

\`\`\`bibtex
${SQUAD_CITATION}
\`\`\`
`;
  return (
    frontMatter(
      datasetYaml({
        prettyName: "SQuAD tiny (EvalHub demo split)",
        splits: opts.splits,
        evalIndex: trainEvalIndex({ train_split: "train", eval_split: "validation" }, "squad"),
      }),
    ) + body
  );
}

export function buildSquadV2SampleCard(opts: { splits: SplitInfo[]; unanswerable: number; sourceText: string }): string {
  const total = opts.splits[0]?.numExamples ?? 0;
  const body = `
# SQuAD v2 sample

The ${total} rows of SQuAD 2.0 development data that Hugging Face transformers uses as a test
fixture (the first questions about the "Normans" article), in the layout of the Hugging Face
\`squad_v2\` dataset. ${opts.unanswerable} of them are **unanswerable**: their \`answers.text\` and
\`answers.answer_start\` are empty lists, and a system should answer with the empty string. Use
the \`squad_v2\` metric, which scores abstentions and reports HasAns / NoAns results separately.

It is for trying EvalHub's SQuAD v2 support, not for ranking models: ${total} questions are far too
few for stable numbers.

## Source

\`\`\`text
${sourceBlock(opts.sourceText, "squad-v2-sample.json")}
\`\`\`

## Licensing

SQuAD 2.0 is distributed under CC BY-SA 4.0; the fixture file comes from an Apache-2.0 repository.

## Citation

\`\`\`bibtex
${SQUAD2_CITATION}
\`\`\`
`;
  return (
    frontMatter(
      datasetYaml({ prettyName: "SQuAD v2 sample", splits: opts.splits, evalIndex: trainEvalIndex({ eval_split: "validation" }, "squad_v2") }),
    ) + body
  );
}

export function buildQaModelCard(opts: {
  spec: QaModelSpec;
  datasetId: string;
  vocabSize: number;
  trainQuestions: number;
  splitSeed: number;
}): string {
  const { spec, datasetId } = opts;
  const yaml = {
    license: "cc-by-sa-4.0",
    library_name: "transformers.js",
    pipeline_tag: "question-answering",
    language: ["en"],
    datasets: [datasetId],
    tags: ["question-answering", "extractive-qa", "evalhub-demo"],
  };
  const features = [
    `- **Token priors**: for each vocabulary token, the smoothed log-rate at which it starts (and,
  separately, ends) a gold answer in the train split, relative to how often it occurs there.`,
    `- **Token shape**: ${TOKEN_CLASSES.map((c) => c.name).join(", ")} (a learned bias for each).`,
  ];
  if (spec.overlap) {
    features.push(`- **Question overlap**: whether a context token also occurs in the question (an \`Equal\` between
  all token pairs, masked by \`token_type_ids\`, reduced with \`ReduceMax\`), weighted by the token's
  idf in the train split, then spread to the positions up to ${W} tokens away by a learned
  convolution kernel (${2 * W + 1} taps), so spans next to question words can score higher.`);
  }
  if (spec.questionTypes) {
    features.push(`- **Question type × token shape**: indicators for question words (${QUESTION_TYPES.map((q) => q.name).join(", ")})
  multiply learned weights per token shape (so that, say, a "when" question can favour numbers and months).`);
  }
  const body = `
# ${spec.name.split("/").pop()}

A deliberately tiny extractive question-answering model for the EvalHub demo: ${spec.blurb}.
It has no transformer layers. It reads \`[CLS] question [SEP] context [SEP]\` like a BERT QA model
and returns \`start_logits\` and \`end_logits\` for every token, so it runs with transformers.js as a
\`BertForQuestionAnswering\`:

\`\`\`js
import { pipeline } from "@huggingface/transformers";
const qa = await pipeline("question-answering", "${spec.name}", { dtype: "fp32" });
await qa("Who won Super Bowl 50?", "The Denver Broncos defeated the Carolina Panthers 24–10.");
\`\`\`

## Model

Each token's start (and end) score is a sum of:

${features.join("\n")}

The \`[CLS]\` position holds the no-answer score${spec.overlap ? ": a bias minus a multiple of the idf-weighted share of question tokens that occur in the context" : ": a constant"}.
The bias is set so that the model would abstain on ${Math.round(NULL_RATE * 100)}% of the train questions (scored with priors that did
not see their paragraph), since the train split has no unanswerable questions to learn it from;
treat the no-answer probability as a rough signal.

The tokenizer is BERT WordPiece, **cased** (capital letters tell names apart), with every word of the
train split plus each character seen there on its own and as a \`##\` continuation, so an unseen
word becomes several pieces rather than \`[UNK]\` (${opts.vocabSize} tokens). Inputs are limited to
${QA_MAX_LENGTH} tokens: longer contexts must be split into overlapping windows (doc stride), as
the Hugging Face question-answering pipeline does. Questions were cut to ${MAX_QUESTION_TOKENS} tokens
and answers limited to ${MAX_ANSWER_TOKENS} tokens in training.

## Training

- Data: the \`train\` split of [\`${datasetId}\`](https://huggingface.co/datasets/${datasetId})
  (${opts.trainQuestions} questions, split by paragraph from the SQuAD v1.1 dev article "Super Bowl 50" with
  seed ${opts.splitSeed}). The vocabulary, idf, priors and weights come from it alone; the \`validation\`
  split was not used for training, vocabulary or any choice of settings.
- Weights: softmax regression over the context tokens of each question (the loss BERT QA heads use),
  for the start and the end separately, fitted with ${LBFGS_ITERATIONS} steps of L-BFGS from zero. The prior feature of
  a train question is computed from the other paragraphs' questions (4 folds by paragraph), so the fit
  does not over-trust priors that already saw its answer.
- Deterministic: rebuilding from the same data gives identical bytes.

## Limitations

It knows one Wikipedia article's vocabulary and answer statistics, cannot read (only match words),
and is weak even on its own article. It exists to exercise evaluation tooling, not to answer questions.

## Data attribution

Trained on SQuAD v1.1 (Rajpurkar et al., 2016; CC BY-SA 4.0), paragraphs from the English Wikipedia
article "Super Bowl 50". The weights are shared under CC BY-SA 4.0 because the vocabulary is taken
from that text.
`;
  return frontMatter(yaml) + body;
}
