import onnxProto from "onnx-proto";
import type { BowWeights } from "./train";

// onnx-proto is CommonJS (`module.exports = { onnx }`); Node's ESM loader only exposes it as the
// default export, and its .d.ts has no default, hence the cast.
const { onnx } = onnxProto as unknown as typeof import("onnx-proto");

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const OPSET = 13;
/** IR 7 is what opset 13 shipped with; onnxruntime-node 1.x loads it. */
const IR_VERSION = 7;

type Dim = number | string;

function valueInfo(name: string, elemType: number, dims: Dim[]): import("onnx-proto").onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        // A string becomes dim_param: a named dynamic axis, so any batch size and length load.
        shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/** Little-endian float32 bytes regardless of the host's byte order (ONNX raw_data is LE). */
function floatRaw(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

function floatTensor(name: string, dims: number[], values: Float32Array): import("onnx-proto").onnx.ITensorProto {
  return { name, dims, dataType: FLOAT, rawData: floatRaw(values) };
}

function identity(n: number): Float32Array {
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

const node = (opType: string, input: string[], output: string[], attribute: import("onnx-proto").onnx.IAttributeProto[] = []) => ({
  opType,
  input,
  output,
  name: output[0]!,
  attribute,
});

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
  const axes = (name: string, values: number[]) => ({ name, dims: [values.length], dataType: INT64, int64Data: values });
  const graph: import("onnx-proto").onnx.IGraphProto = {
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
      node("Gather", ["embeddings", "input_ids"], ["token_embeddings"], [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: 0 }]),
      node("Cast", ["attention_mask"], ["mask_float"], [{ name: "to", type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }]),
      node("Unsqueeze", ["mask_float", "axis_2"], ["mask_expanded"]),
      node("Mul", ["token_embeddings", "mask_expanded"], ["masked_embeddings"]),
      node("ReduceSum", ["masked_embeddings", "axis_1"], ["summed"], [{ name: "keepdims", type: onnx.AttributeProto.AttributeType.INT, i: 0 }]),
      node("ReduceSum", ["mask_float", "axis_1"], ["token_count"], [{ name: "keepdims", type: onnx.AttributeProto.AttributeType.INT, i: 1 }]),
      node("Div", ["summed", "token_count"], ["pooled"]),
      node("MatMul", ["pooled", "classifier.weight"], ["projected"]),
      node("Add", ["projected", "classifier.bias"], ["logits"]),
    ],
  };
  const model: import("onnx-proto").onnx.IModelProto = {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: "", version: OPSET }],
    producerName: "evalhub-seed",
    producerVersion: "1",
    docString: opts.docString ?? "",
    graph,
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
