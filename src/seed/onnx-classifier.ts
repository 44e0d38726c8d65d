import { encodeModel, FLOAT, floatTensor, int, INT64, int64Tensor, node, valueInfo, type OnnxGraph } from "./onnx-kit";
import type { BowWeights } from "./train";

function identity(n: number): Float32Array {
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/**
 * Serialises a mean-pooled bag-of-embeddings classifier as an ONNX model that transformers.js runs
 * as a "BertForSequenceClassification":
 *
 *   input_ids [b,s] ─Gather(embeddings)→ [b,s,d] ─┐
 *   attention_mask [b,s] ─Cast→float─Unsqueeze(2)→ [b,s,1] ─Mul→ ReduceSum(axis 1) → [b,d]
 *                                  └──────────── ReduceSum(axis 1, keepdims) → [b,1] ─┘ Div
 *   → MatMul(W [d,labels]) → Add(bias) → logits [b,labels]
 *
 * Padding positions have mask 0, so they add nothing to either sum: a padded batch gives the
 * same logits as each sentence alone. `token_type_ids` is deliberately not an input: transformers.js
 * only feeds the inputs a graph declares. Opset 13 takes Unsqueeze/ReduceSum axes as tensors.
 */
export function buildBowOnnx(weights: BowWeights, opts: { docString?: string } = {}): Uint8Array {
  const { vocabSize: V, numLabels: L } = weights;
  const axes = (name: string, values: number[]) => int64Tensor(name, [values.length], values);
  const graph: OnnxGraph = {
    name: "bow_classifier",
    input: [valueInfo("input_ids", INT64, ["batch_size", "sequence_length"]), valueInfo("attention_mask", INT64, ["batch_size", "sequence_length"])],
    output: [valueInfo("logits", FLOAT, ["batch_size", L])],
    initializer: [
      floatTensor("embeddings", [V, L], weights.embeddings),
      // W is the identity because the embedding width already equals the number of labels; it
      // is kept so the graph has the usual pooled → classifier shape and a wider E would just work.
      floatTensor("classifier.weight", [L, L], identity(L)),
      floatTensor("classifier.bias", [L], weights.bias),
      axes("axis_1", [1]),
      axes("axis_2", [2]),
    ],
    node: [
      node("Gather", ["embeddings", "input_ids"], ["token_embeddings"], [int("axis", 0)]),
      node("Cast", ["attention_mask"], ["mask_float"], [int("to", FLOAT)]),
      node("Unsqueeze", ["mask_float", "axis_2"], ["mask_expanded"]),
      node("Mul", ["token_embeddings", "mask_expanded"], ["masked_embeddings"]),
      node("ReduceSum", ["masked_embeddings", "axis_1"], ["summed"], [int("keepdims", 0)]),
      node("ReduceSum", ["mask_float", "axis_1"], ["token_count"], [int("keepdims", 1)]),
      node("Div", ["summed", "token_count"], ["pooled"]),
      node("MatMul", ["pooled", "classifier.weight"], ["projected"]),
      node("Add", ["projected", "classifier.bias"], ["logits"]),
    ],
  };
  return encodeModel(graph, { docString: opts.docString });
}
