import { loadTransformers, modelLoadError, tokenizerMaxLength, type LocalModelOptions } from "./local-model";

export type TextClassifierOptions = LocalModelOptions;

export interface TextClassifier {
  /** Logits per input text (or text pair: `pairs[i]` is the second sentence), shape [texts.length][numLabels]. */
  classify(texts: string[], pairs?: string[]): Promise<number[][]>;
  /** Inputs cut to the model's maximum length so far. */
  truncated(): number;
  dispose(): Promise<void>;
  runner: { name: "local"; library: string; dtype: "fp32"; maxLength: number | null };
}

/**
 * Loads an ONNX text-classification model with @huggingface/transformers from the configured hub
 * (huggingface.co or the local hub) and returns raw logits, so callers decide how to map labels.
 */
export async function loadTextClassifier(opts: TextClassifierOptions): Promise<TextClassifier> {
  const { tf, modelOptions, library } = await loadTransformers(opts);
  let tokenizer: Awaited<ReturnType<typeof tf.AutoTokenizer.from_pretrained>>;
  let model: Awaited<ReturnType<typeof tf.AutoModelForSequenceClassification.from_pretrained>>;
  try {
    tokenizer = await tf.AutoTokenizer.from_pretrained(opts.model, { revision: opts.revision });
    model = await tf.AutoModelForSequenceClassification.from_pretrained(opts.model, modelOptions);
  } catch (err) {
    throw modelLoadError(opts, err);
  }
  const maxLength = tokenizerMaxLength(tokenizer);
  let truncated = 0;
  return {
    truncated: () => truncated,
    runner: { name: "local", library, dtype: "fp32", maxLength },
    async classify(texts, pairs) {
      const inputs = tokenizer(texts, {
        text_pair: pairs,
        padding: true,
        truncation: maxLength !== null,
        max_length: maxLength ?? undefined,
      });
      if (maxLength !== null) truncated += countTruncated(inputs.attention_mask as Mask, maxLength, (i) => tokenizer(texts[i], { text_pair: pairs?.[i] }));
      const out = await model(inputs);
      const logits = out.logits as { dims: number[]; data: Float32Array };
      const [rows, cols] = logits.dims;
      const result: number[][] = [];
      for (let r = 0; r < rows; r++) result.push(Array.from(logits.data.subarray(r * cols, (r + 1) * cols)));
      return result;
    },
    async dispose() {
      await model.dispose();
    },
  };
}

type Mask = { dims: number[]; data: ArrayLike<bigint | number> };

/**
 * Rows filling the whole window may have been cut: re-tokenize just those without truncation to
 * know (rare, so the common batch is tokenized once).
 */
function countTruncated(mask: Mask, maxLength: number, untruncated: (i: number) => { input_ids: { dims: number[] } }): number {
  const [rows, cols] = mask.dims;
  if (cols < maxLength) return 0;
  let n = 0;
  for (let r = 0; r < rows; r++) {
    let len = 0;
    for (let c = 0; c < cols; c++) len += Number(mask.data[r * cols + c]);
    if (len >= maxLength && untruncated(r).input_ids.dims.at(-1)! > maxLength) n++;
  }
  return n;
}
