import { frontMatter } from "../dataset-card";
import type { CausalLmSpec } from "./index";
import { LM_MAX_LENGTH } from "./vocab";

export type CausalLmCardOptions = {
  spec: CausalLmSpec;
  /** The zero-shot dataset the model is meant to be evaluated on. */
  evalDatasetId: string;
  /** The dataset whose `train` split it was trained on. */
  trainDatasetId: string;
  vocabSize: number;
  contextClasses: number;
  trainExamples: number;
  splitSeed: number;
};

/** No scores in the card: putting verified results there is EvalHub's job. */
export function buildCausalLmCard(opts: CausalLmCardOptions): string {
  const { spec } = opts;
  const yaml = {
    license: "apache-2.0",
    library_name: "transformers.js",
    pipeline_tag: "text-generation",
    language: ["en"],
    datasets: [opts.evalDatasetId],
    tags: ["text-generation", "causal-lm", "evalhub-demo"],
  };
  const body = `
# ${spec.name.split("/").pop()}

A deliberately tiny English causal language model for EvalHub's zero-shot classification demo:
${spec.blurb}. Given a prompt it returns next-token logits at every position, so each candidate
completion of [\`${opts.evalDatasetId}\`](https://huggingface.co/datasets/${opts.evalDatasetId})
can be scored by its summed token log-probabilities:

\`\`\`js
import { AutoModelForCausalLM, AutoTokenizer } from "@huggingface/transformers";
const tokenizer = await AutoTokenizer.from_pretrained("${spec.name}");
const model = await AutoModelForCausalLM.from_pretrained("${spec.name}", { dtype: "fp32" });
const { logits } = await model(tokenizer("Review: a charming journey .\\nSentiment: positive"));
\`\`\`

It has no key/value cache, so transformers.js' \`generate()\` / \`pipeline("text-generation")\`,
which feed only the newest token after the first step, do not work with it; call the model
on the whole sequence instead.

## Model

Not a transformer: a counting model that is causal by construction. The logits at position *t*
are

    bigram[class(x_t)] + (Σ_{u ≤ t} evidence[x_u]) · projection

- \`bigram\` is a class-based bigram: log P(next token | current token) for the
  ${opts.contextClasses - 1} most frequent context tokens, one shared row for all other tokens,
  backed off to the add-one unigram distribution (Dirichlet prior of strength 1).
- \`evidence\` gives each word its Naive Bayes log-likelihood ratio d = log P(w | positive) −
  log P(w | negative) (binarized counts, add-one smoothing), centred as (−d/2, +d/2). Its running
  sum over the tokens so far is added to the logits of the words \`negative\` and \`positive\`
  only; the template words, \`<unk>\` and special tokens carry no evidence.

The ONNX graph (opset 13) is Gather, Gather, Gather, Cast, Unsqueeze, Mul, CumSum, MatMul, Add,
with inputs \`input_ids\` and \`attention_mask\` [batch, sequence] and output \`logits\`
[batch, sequence, ${opts.vocabSize}]. Padding (either side) does not change the logits of the real
tokens. The config says \`model_type: gpt2\` with \`n_layer: 0\` so transformers.js loads it as a
decoder-only model; there are no attention layers and no position embeddings.

The tokenizer lower-cases, splits off punctuation (BERT-style) and maps whole words to a vocabulary
of ${opts.vocabSize} tokens: \`<pad>\`, \`<unk>\`, \`<s>\`, \`</s>\`, the template words (\`review\`,
\`:\`, \`sentiment\`), \`negative\`, \`positive\`, and ${spec.maxWords === undefined ? "every word of the training sentences" : `the ${spec.maxWords} most frequent words of the training sentences`};
any other word becomes \`<unk>\`. \`<s>\` is prepended, nothing is appended. The tokenizer declares a
maximum length of ${LM_MAX_LENGTH} tokens.

## Training

- Data: the \`train\` split of [\`${opts.trainDatasetId}\`](https://huggingface.co/datasets/${opts.trainDatasetId})
  (${opts.trainExamples} sentences re-split from GLUE SST-2 validation with seed ${opts.splitSeed}), each
  written as \`<s>Review: <sentence>\\nSentiment: <negative|positive></s>\`, which is exactly the prompt
  format of \`${opts.evalDatasetId}\` followed by the correct class.
- So this is **not** a genuine zero-shot model: it was trained on labelled SST-2 sentences in the
  evaluation's prompt format. It never saw the evaluation rows (the \`validation\` split), and
  nothing was tuned on them.
- Deterministic: closed-form counts, no random initialisation; rebuilding gives identical bytes.

## Limitations

It knows only the ${opts.vocabSize} tokens of its vocabulary, ignores word order beyond one
token of context, and its text is not fluent. It exists to exercise evaluation tooling.

## Data attribution

The training sentences come from the Stanford Sentiment Treebank (Socher et al., 2013) as
distributed in GLUE (Wang et al., 2019); see the \`${opts.trainDatasetId}\` dataset card.
`;
  return frontMatter(yaml) + body;
}
