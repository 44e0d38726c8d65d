import { frontMatter } from "../dataset-card";
import { CONLL_LABELS } from "./conll";
import type { NerModel } from "./ner-model";

export type ConllDatasetCardOptions = {
  datasetId: string;
  split: { name: string; numBytes: number; numExamples: number; downloadBytes: number; numEntities: number };
  /** The SOURCE.txt of data/conll-sample; quoted whole. */
  sourceText: string;
  modelIds: readonly string[];
};

export function buildConllDatasetCardYaml(opts: ConllDatasetCardOptions): Record<string, unknown> {
  const { split } = opts;
  return {
    license: "other",
    task_categories: ["token-classification"],
    task_ids: ["named-entity-recognition"],
    language: ["en"],
    size_categories: ["n<1K"],
    pretty_name: "CoNLL-2003 NER sample (EvalHub demo)",
    configs: [{ config_name: "default", data_files: [{ split: split.name, path: `data/${split.name}-*` }] }],
    dataset_info: {
      features: [
        { name: "tokens", sequence: "string" },
        {
          name: "ner_tags",
          sequence: { class_label: { names: Object.fromEntries(CONLL_LABELS.map((name, id) => [String(id), name])) } },
        },
      ],
      splits: [{ name: split.name, num_bytes: split.numBytes, num_examples: split.numExamples }],
      download_size: split.downloadBytes,
      dataset_size: split.numBytes,
    },
    "train-eval-index": [
      {
        config: "default",
        task: "token-classification",
        task_id: "entity_extraction",
        splits: { eval_split: split.name },
        col_mapping: { tokens: "tokens", ner_tags: "tags" },
        metrics: [{ type: "seqeval", name: "seqeval" }],
      },
    ],
  };
}

export function buildConllDatasetCard(opts: ConllDatasetCardOptions): string {
  const { split } = opts;
  const body = `
# CoNLL-2003 NER sample (EvalHub demo)

${split.numExamples} English news sentences from the CoNLL-2003 named-entity recognition shared task,
tagged word by word in IOB2 with four entity types (PER, ORG, LOC, MISC): ${split.numEntities} entities in all.
They are the sample Hugging Face \`transformers\` uses in its token-classification tests.

| split | rows | used for |
|---|---|---|
| \`${split.name}\` | ${split.numExamples} | evaluation only |

There is no training split: the EvalHub demo models
(${opts.modelIds.map((id) => `\`${id}\``).join(", ")}) are not trained on any CoNLL data. They are built
from hand-written word lists and a capitalisation rule (see their model cards); the people who wrote
those lists had seen these ten sentences, so their scores here are demo numbers, not estimates of how
they would do on unseen news text.

Columns: \`tokens\` is the sentence's words (a sequence of strings), \`ner_tags\` one ClassLabel per
word, with the names in the same id order as the \`conll2003\` dataset:
${CONLL_LABELS.map((l, i) => `${i} \`${l}\``).join(", ")}.

Ten sentences are far too few to compare real NER systems; this repository exists to demonstrate
EvalHub's token-classification evaluation (seqeval) offline.

## Source

\`\`\`text
${opts.sourceText.trim()}
\`\`\`

## Licensing

The sentences come from Reuters news stories (Reuters Corpus, RCV1), which Reuters distributes for
research use under its own agreement; the annotations are from the CoNLL-2003 shared task. The
\`transformers\` test fixture they were copied from is part of an Apache-2.0 repository.

## Citation

\`\`\`bibtex
@inproceedings{tjong-kim-sang-de-meulder-2003-introduction,
  title = {Introduction to the {CoNLL}-2003 Shared Task: Language-Independent Named Entity Recognition},
  author = {Tjong Kim Sang, Erik F. and De Meulder, Fien},
  booktitle = {Proceedings of the Seventh Conference on Natural Language Learning at {HLT}-{NAACL} 2003},
  pages = {142--147},
  year = {2003}
}
\`\`\`
`;
  return frontMatter(buildConllDatasetCardYaml(opts)) + body;
}

export function buildNerModelCard(opts: { model: NerModel; datasetId: string; maxLength: number }): string {
  const { model, datasetId } = opts;
  const { spec } = model;
  const yaml = {
    license: "apache-2.0",
    library_name: "transformers.js",
    pipeline_tag: "token-classification",
    language: ["en"],
    datasets: [datasetId],
    tags: ["token-classification", "ner", "evalhub-demo"],
  };
  const sizes = Object.entries(model.lexiconSizes)
    .sort(([a], [b]) => CONLL_LABELS.indexOf(a as never) - CONLL_LABELS.indexOf(b as never))
    .map(([tag, n]) => `${tag} ${n}`)
    .join(", ");
  const body = `
# ${spec.name.split("/").pop()}

A deliberately tiny English named-entity tagger (IOB2 tags ${CONLL_LABELS.map((l) => `\`${l}\``).join(", ")},
in the \`conll2003\` label order) for the EvalHub demo: ${spec.blurb}. **It is not trained on any
data.** Every sub-word token has one fixed vector of logits, set by hand-written rules, so it looks at
one token at a time and never at its neighbours.

\`\`\`js
import { pipeline } from "@huggingface/transformers";
const ner = await pipeline("token-classification", "${spec.name}", { dtype: "fp32" });
await ner("Bill Clinton flew to Mexico");
\`\`\`

## How it was built

- Tokenizer: BERT-style WordPiece, ${spec.cased ? "**cased** (capitalisation reaches the model)" : "**lower-casing** (like bert-base-uncased, so capitalisation is lost)"}.
  The vocabulary (${model.vocab.tokens.length} tokens) holds the 5 special tokens, every ASCII letter,
  digit and punctuation character, \`##\` pieces for single characters and lower-case letter pairs (so any
  ASCII word tokenizes, unknown words into several pieces), the lexicon words, and every word of the
  872 GLUE SST-2 validation sentences behind \`evalhub-demo/sst2\` (lower-cased movie reviews, used
  only as a list of common English words; they are all tagged O). Inputs longer than ${opts.maxLength} tokens are truncated.
- Logits: a lexicon word gives its tag a logit of 3 (0 for the other eight tags); common words,
  lower-case letters, digits and punctuation lean to O; \`##\` pieces are all zeros, so a word's tag is
  decided by its first piece.${
    spec.capitalisedUnknown
      ? ` A capitalised word the lexicon does not know starts with a capital-letter piece, whose logits
  (${Object.entries(spec.capitalisedUnknown).map(([l, v]) => `${l} ${v}`).join(", ")}) tag it as a name: the capitalisation rule.`
      : ""
  }
- Lexicon (hand-written general-knowledge lists, in priority order; a word keeps the tag of the first list
  it is in; in a multi-word name the first word is B-, the others I-):
${spec.lists.map((l) => `  - ${l.what}`).join("\n")}${spec.upperCaseForms ? "\n  - plus the ALL-CAPS form of each of these words (news headlines are upper case)" : ""}${
    spec.cased ? "" : "\n  - names that are also common lower-case words (\"turkey\", \"chad\") are left out, since without case they cannot be told apart"
  }

  Lexicon words per tag${spec.upperCaseForms ? " (ALL-CAPS forms included)" : ""}: ${sizes}.
- The lists are whole categories, not words picked from the evaluation data, and no list was extracted
  from [\`${datasetId}\`](https://huggingface.co/datasets/${datasetId}). Their authors had, however, seen its
  ten sentences, so treat scores on it as demo numbers.
- ONNX graph: Gather (token id → logits) times the attention mask, opset 13; \`config.json\` says
  \`BertForTokenClassification\` so transformers.js runs it as one.

## Limitations

No context: a word is tagged the same wherever it appears ("Jordan" is always a country), and tags of
adjacent words are not made consistent (it can emit I- after O). ${
    spec.capitalisedUnknown
      ? "Words outside the lists are guessed from their first piece only, so a name that starts with a listed word (\"An\" in \"Anders\") takes that word's tag."
      : "Every word outside the lists is O."
  } It exists to exercise evaluation tooling, not to find entities.
`;
  return frontMatter(yaml) + body;
}
