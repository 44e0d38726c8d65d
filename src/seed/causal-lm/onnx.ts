import { encodeModel, FLOAT, floatTensor, int, INT64, int64Tensor, node, valueInfo, type OnnxGraph } from "../onnx-kit";
import type { CausalLmWeights } from "./train";

/**
 * Serialises the counting LM of train.ts as a decoder-only ONNX graph with no KV cache:
 *
 *   input_ids ─Gather(context_class)→ [b,s] ─Gather(bigram)→ [b,s,V] ────────────────┐
 *   input_ids ─Gather(evidence)→ [b,s,2] ─Mul(mask)─CumSum(axis 1)─MatMul(projection)→ Add → logits [b,s,V]
 *
 * The mask zeroes padding's evidence, so left or right padding gives every real position the same
 * logits as the unpadded sequence. No position ids: the model does not depend on absolute position.
 */
export function buildCausalLmOnnx(w: CausalLmWeights, opts: { docString?: string } = {}): Uint8Array {
  const V = w.vocabSize;
  const graph: OnnxGraph = {
    name: "counting_causal_lm",
    input: [valueInfo("input_ids", INT64, ["batch_size", "sequence_length"]), valueInfo("attention_mask", INT64, ["batch_size", "sequence_length"])],
    output: [valueInfo("logits", FLOAT, ["batch_size", "sequence_length", V])],
    initializer: [
      int64Tensor("context_class", [V], Array.from(w.contextClass)),
      floatTensor("bigram", [w.numContextClasses, V], w.bigram),
      floatTensor("evidence", [V, 2], w.evidence),
      floatTensor("projection", [2, V], w.projection),
      int64Tensor("axis_2", [1], [2]),
      int64Tensor("axis_1", [], [1]),
    ],
    node: [
      node("Gather", ["context_class", "input_ids"], ["context"], [int("axis", 0)]),
      node("Gather", ["bigram", "context"], ["bigram_logits"], [int("axis", 0)]),
      node("Gather", ["evidence", "input_ids"], ["token_evidence"], [int("axis", 0)]),
      node("Cast", ["attention_mask"], ["mask_float"], [int("to", FLOAT)]),
      node("Unsqueeze", ["mask_float", "axis_2"], ["mask_expanded"]),
      node("Mul", ["token_evidence", "mask_expanded"], ["masked_evidence"]),
      node("CumSum", ["masked_evidence", "axis_1"], ["running_evidence"]),
      node("MatMul", ["running_evidence", "projection"], ["evidence_logits"]),
      node("Add", ["bigram_logits", "evidence_logits"], ["logits"]),
    ],
  };
  return encodeModel(graph, { docString: opts.docString });
}
