import onnxProto from "onnx-proto";
import type { CausalLmWeights } from "./train";

// onnx-proto is CommonJS; see src/seed/onnx-classifier.ts for why the cast.
const { onnx } = onnxProto as unknown as typeof import("onnx-proto");
type IValueInfoProto = import("onnx-proto").onnx.IValueInfoProto;
type ITensorProto = import("onnx-proto").onnx.ITensorProto;
type IAttributeProto = import("onnx-proto").onnx.IAttributeProto;

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const INT = onnx.AttributeProto.AttributeType.INT;
/** CumSum needs opset >= 11; 13 is what the classifier graphs use too. */
const OPSET = 13;
const IR_VERSION = 7;

function valueInfo(name: string, elemType: number, dims: (number | string)[]): IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) } } },
  };
}

function floatTensor(name: string, dims: number[], values: Float32Array): ITensorProto {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return { name, dims, dataType: FLOAT, rawData: bytes };
}

function int64Tensor(name: string, dims: number[], values: ArrayLike<number>): ITensorProto {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setBigInt64(i * 8, BigInt(values[i]!), true);
  return { name, dims, dataType: INT64, rawData: bytes };
}

const node = (opType: string, input: string[], output: string[], attribute: IAttributeProto[] = []) => ({ opType, input, output, name: output[0]!, attribute });

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
  const graph: import("onnx-proto").onnx.IGraphProto = {
    name: "counting_causal_lm",
    input: [valueInfo("input_ids", INT64, ["batch_size", "sequence_length"]), valueInfo("attention_mask", INT64, ["batch_size", "sequence_length"])],
    output: [valueInfo("logits", FLOAT, ["batch_size", "sequence_length", V])],
    initializer: [
      int64Tensor("context_class", [V], w.contextClass),
      floatTensor("bigram", [w.numContextClasses, V], w.bigram),
      floatTensor("evidence", [V, 2], w.evidence),
      floatTensor("projection", [2, V], w.projection),
      int64Tensor("axis_2", [1], [2]),
      int64Tensor("axis_1", [], [1]),
    ],
    node: [
      node("Gather", ["context_class", "input_ids"], ["context"], [{ name: "axis", type: INT, i: 0 }]),
      node("Gather", ["bigram", "context"], ["bigram_logits"], [{ name: "axis", type: INT, i: 0 }]),
      node("Gather", ["evidence", "input_ids"], ["token_evidence"], [{ name: "axis", type: INT, i: 0 }]),
      node("Cast", ["attention_mask"], ["mask_float"], [{ name: "to", type: INT, i: FLOAT }]),
      node("Unsqueeze", ["mask_float", "axis_2"], ["mask_expanded"]),
      node("Mul", ["token_evidence", "mask_expanded"], ["masked_evidence"]),
      node("CumSum", ["masked_evidence", "axis_1"], ["running_evidence"]),
      node("MatMul", ["running_evidence", "projection"], ["evidence_logits"]),
      node("Add", ["bigram_logits", "evidence_logits"], ["logits"]),
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
