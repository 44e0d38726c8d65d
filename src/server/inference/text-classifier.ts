import { loadSequenceClassifier, type LocalModelOptions, type Transformers } from "./local-model";

export type TextClassifierOptions = LocalModelOptions;

export interface TextClassifier {
  /** Logits per input text (or text pair: `pairs[i]` is the second sentence), shape [texts.length][numLabels]. */
  classify(texts: string[], pairs?: string[]): Promise<number[][]>;
  /** Inputs cut to the model's maximum length so far. */
  truncated(): number;
  dispose(): Promise<void>;
  runner: { name: "local"; library: string; dtype: "fp32"; maxLength: number | null; wordPieceCache: boolean };
}

/**
 * Loads an ONNX text-classification model with @huggingface/transformers from the configured hub
 * (huggingface.co or the local hub) and returns raw logits, so callers decide how to map labels.
 */
export async function loadTextClassifier(opts: TextClassifierOptions): Promise<TextClassifier> {
  const { tf, tokenizer, model, library, maxLength, wordPieceCache } = await loadSequenceClassifier(opts);
  let truncated = 0;
  return {
    truncated: () => truncated,
    runner: { name: "local", library, dtype: "fp32", maxLength, wordPieceCache },
    async classify(texts, pairs) {
      // Plain arrays, then int64 tensors built directly: transformers.js would make one BigInt per
      // token slot, which costs more than the model itself on small models.
      const encoded = tokenizer(texts, {
        text_pair: pairs,
        padding: true,
        truncation: maxLength !== null,
        max_length: maxLength ?? undefined,
        return_tensor: false,
      }) as unknown as Record<string, number[][]>;
      if (maxLength !== null) truncated += countTruncated(encoded.attention_mask, maxLength, (i) => tokenizer(texts[i], { text_pair: pairs?.[i] }));
      const inputs = Object.fromEntries(Object.entries(encoded).map(([name, rows]) => [name, int64Tensor(tf, rows)]));
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

/**
 * Rows filling the whole window may have been cut: re-tokenize just those without truncation to
 * know (rare, so the common batch is tokenized once).
 */
function countTruncated(mask: number[][], maxLength: number, untruncated: (i: number) => { input_ids: { dims: number[] } }): number {
  if ((mask[0]?.length ?? 0) < maxLength) return 0;
  let n = 0;
  mask.forEach((row, r) => {
    const len = row.reduce((a, b) => a + b, 0);
    if (len >= maxLength && untruncated(r).input_ids.dims.at(-1)! > maxLength) n++;
  });
  return n;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A [rows, cols] int64 tensor of small non-negative ints (ids, masks) without a BigInt per value. */
function int64Tensor(tf: Transformers, rows: number[][]) {
  const cols = rows[0]?.length ?? 0;
  const data = new BigInt64Array(rows.length * cols);
  if (LITTLE_ENDIAN) {
    // Each value fits the low 32-bit word; the high word stays 0.
    const words = new Int32Array(data.buffer);
    for (let r = 0; r < rows.length; r++) for (let c = 0; c < cols; c++) words[2 * (r * cols + c)] = rows[r][c];
  } else {
    for (let r = 0; r < rows.length; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = BigInt(rows[r][c]);
  }
  return new tf.Tensor("int64", data, [rows.length, cols]);
}
