import onnxProto from "onnx-proto";

// onnx-proto is CommonJS; see src/seed/onnx-classifier.ts for why the default export is cast.
const { onnx } = onnxProto as unknown as typeof import("onnx-proto");

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const INT = onnx.AttributeProto.AttributeType.INT;

function valueInfo(name: string, elemType: number, dims: (number | string)[]): import("onnx-proto").onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) } } },
  };
}

/** Little-endian float32 bytes regardless of the host's byte order (ONNX raw_data is LE). */
function floatRaw(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

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
  const node = (opType: string, input: string[], output: string[], attribute: import("onnx-proto").onnx.IAttributeProto[] = []) => ({
    opType,
    input,
    output,
    name: output[0]!,
    attribute,
  });
  const graph: import("onnx-proto").onnx.IGraphProto = {
    name: "token_lookup_classifier",
    input: [valueInfo("input_ids", INT64, ["batch_size", "sequence_length"]), valueInfo("attention_mask", INT64, ["batch_size", "sequence_length"])],
    output: [valueInfo("logits", FLOAT, ["batch_size", "sequence_length", L])],
    initializer: [
      { name: "classifier.table", dims: [V, L], dataType: FLOAT, rawData: floatRaw(weights.logits) },
      { name: "axis_2", dims: [1], dataType: INT64, int64Data: [2] },
    ],
    node: [
      node("Gather", ["classifier.table", "input_ids"], ["token_logits"], [{ name: "axis", type: INT, i: 0 }]),
      node("Cast", ["attention_mask"], ["mask_float"], [{ name: "to", type: INT, i: FLOAT }]),
      node("Unsqueeze", ["mask_float", "axis_2"], ["mask_expanded"]),
      node("Mul", ["token_logits", "mask_expanded"], ["logits"]),
    ],
  };
  const model: import("onnx-proto").onnx.IModelProto = {
    irVersion: 7,
    opsetImport: [{ domain: "", version: 13 }],
    producerName: "evalhub-seed",
    producerVersion: "1",
    docString: opts.docString ?? "",
    graph,
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
