import { encodeModel, FLOAT, floatTensor, int, int64Tensor, INT64, node, valueInfo, type OnnxGraph } from "../onnx-kit";

export type TokenClassifierWeights = {
  vocabSize: number;
  numLabels: number;
  /** Row-major [vocabSize, numLabels]: the logits of each token id. */
  logits: Float32Array;
};

/**
 * A per-token lookup table as an ONNX "BertForTokenClassification":
 *
 *   input_ids [b,s] ─Gather(table [V,L])→ [b,s,L] ─┐
 *   attention_mask [b,s] ─Cast→float─Unsqueeze(2)→ [b,s,1] ─Mul→ logits [b,s,L]
 *
 * Each sub-word token's logits depend on that token alone (no context), so a padded batch gives
 * the same logits per position as each sentence alone; padding positions come out as zeros.
 */
export function buildTokenClassifierOnnx(weights: TokenClassifierWeights, opts: { docString?: string } = {}): Uint8Array {
  const { vocabSize: V, numLabels: L } = weights;
  if (weights.logits.length !== V * L) throw new Error(`logits table has ${weights.logits.length} values, expected ${V} x ${L}`);
  const graph: OnnxGraph = {
    name: "token_lookup_classifier",
    input: [valueInfo("input_ids", INT64, ["batch_size", "sequence_length"]), valueInfo("attention_mask", INT64, ["batch_size", "sequence_length"])],
    output: [valueInfo("logits", FLOAT, ["batch_size", "sequence_length", L])],
    initializer: [
      floatTensor("classifier.table", [V, L], weights.logits),
      int64Tensor("axis_2", [1], [2]),
    ],
    node: [
      node("Gather", ["classifier.table", "input_ids"], ["token_logits"], [int("axis", 0)]),
      node("Cast", ["attention_mask"], ["mask_float"], [int("to", FLOAT)]),
      node("Unsqueeze", ["mask_float", "axis_2"], ["mask_expanded"]),
      node("Mul", ["token_logits", "mask_expanded"], ["logits"]),
    ],
  };
  return encodeModel(graph, { docString: opts.docString });
}
