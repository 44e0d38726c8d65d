import type { BowModelSpec } from "./bow-model";
import { frontMatter } from "./dataset-card";

/**
 * Model cards carry no scores on purpose: putting verified results into cards is EvalHub's job,
 * and the demo starts from cards that have no `model-index` yet.
 */
function modelCardYaml(datasetId: string, extraTags: string[] = []): Record<string, unknown> {
  return {
    license: "apache-2.0",
    library_name: "transformers.js",
    pipeline_tag: "text-classification",
    language: ["en"],
    datasets: [datasetId],
    tags: ["text-classification", "evalhub-demo", ...extraTags],
  };
}

export type BowModelCardOptions = {
  spec: BowModelSpec;
  datasetId: string;
  vocabSize: number;
  trainExamples: number;
  alpha: number;
  splitSeed: number;
};

export function buildBowModelCard(opts: BowModelCardOptions): string {
  const { spec, datasetId } = opts;
  const body = `
# ${spec.name.split("/").pop()}

A deliberately tiny English sentiment classifier (\`negative\` / \`positive\`) for the EvalHub
demo: ${spec.blurb}. It runs in the browser or Node with transformers.js:

\`\`\`js
import { pipeline } from "@huggingface/transformers";
const classify = await pipeline("text-classification", "${spec.name}", { dtype: "fp32" });
await classify("a charming and often affecting journey");
\`\`\`

## Model

A mean-pooled bag of words: each token id looks up a 2-dimensional vector (one score per label),
the vectors are averaged over the attention mask (including \`[CLS]\` and \`[SEP]\`, whose vectors
are zero), and a 2x2 identity projection plus a bias gives the logits. The ONNX graph is
Gather, Mul by the mask, ReduceSum, Div by the mask sum, MatMul, Add (opset 13, no
\`token_type_ids\`). The tokenizer is BERT-style (lower-casing, accent stripping, punctuation
split, WordPiece) with a whole-word vocabulary of ${opts.vocabSize} tokens including 5 special
tokens${spec.maxWords === undefined ? "" : `: the ${spec.maxWords} most frequent training words`};
any other word becomes \`[UNK]\`, which carries no evidence. Inputs longer than 128 tokens are truncated.

## Training

- Data: the \`train\` split of [\`${datasetId}\`](https://huggingface.co/datasets/${datasetId})
  (${opts.trainExamples} sentences, re-split from GLUE SST-2 validation with seed ${opts.splitSeed}).
  The \`validation\` split was not used for training, vocabulary or any choice of settings.
- Weights: binarized multinomial Naive Bayes with add-one smoothing (alpha = ${opts.alpha}); the
  embedding of word *w* for label *k* is log(1 + count(w, k) / alpha), where count is the number of
  training sentences of label *k* containing *w*; the bias is log P(k) plus the per-label
  smoothing normaliser.
- Deterministic: no random initialisation; rebuilding from the same data gives identical bytes.

## Limitations

A bag of words ignores word order and negation ("not good"), knows only words seen in a few
hundred training sentences, and its probabilities stay close to 0.5 because the evidence is
averaged over the sentence. It exists to exercise evaluation tooling, not to classify real text.

## Data attribution

The training sentences come from the Stanford Sentiment Treebank (Socher et al., 2013) as
distributed in GLUE (Wang et al., 2019); see the dataset card for the source and citations.
`;
  return frontMatter(modelCardYaml(datasetId)) + body;
}

export function buildTinyDistilbertCard(opts: { datasetId: string; sourceText: string }): string {
  const body = `
# tiny-distilbert-sst2

A third-party, randomly initialised 2-layer DistilBERT (hidden size 2, vocabulary of
bert-base-uncased) with an SST-2 classification head, exported to ONNX. **Its weights are random**,
so its output is nearly the same for every input (about 0.5 / 0.5, always the same label): on
a balanced dataset expect chance-level accuracy. EvalHub's demo uses it as a real-world
transformer graph with 30,522-token WordPiece vocabulary, uppercase labels (\`NEGATIVE\`,
\`POSITIVE\`) and a \`DistilBertForSequenceClassification\` config, to exercise the
evaluation pipeline on something it did not build itself.

It was not trained on [\`${opts.datasetId}\`](https://huggingface.co/datasets/${opts.datasetId}); the dataset tag
only says which dataset it is meant to be evaluated on in the demo.

## Sources and licences

Assembled without modifying any file:

\`\`\`text
${opts.sourceText.trim()}
\`\`\`

The ONNX model and config come from the optimum test assets (Apache-2.0), the tokenizer.json
from daulet/tokenizers (MIT). The tokenizer_config.json is written by EvalHub's seed code with the
standard DistilBERT uncased settings.
`;
  return frontMatter(modelCardYaml(opts.datasetId, ["distilbert", "random-weights"])) + body;
}
