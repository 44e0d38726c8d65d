import onnxProto from "onnx-proto";

/**
 * The pieces every hand-written ONNX graph of the seed (and the bench) is made of. onnx-proto is
 * CommonJS (`module.exports = { onnx }`); Node's ESM loader only exposes it as the default export,
 * and its .d.ts has no default, hence the cast.
 */
export const { onnx } = onnxProto as unknown as typeof import("onnx-proto");
export type OnnxNode = import("onnx-proto").onnx.INodeProto;
export type OnnxTensor = import("onnx-proto").onnx.ITensorProto;
export type OnnxAttribute = import("onnx-proto").onnx.IAttributeProto;
export type OnnxValueInfo = import("onnx-proto").onnx.IValueInfoProto;
export type OnnxGraph = import("onnx-proto").onnx.IGraphProto;

export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const INT64 = onnx.TensorProto.DataType.INT64;
export const INT = onnx.AttributeProto.AttributeType.INT;
export const INTS = onnx.AttributeProto.AttributeType.INTS;
/** Opset 13 takes Unsqueeze/ReduceSum axes as tensors and has CumSum; IR 7 is what it shipped with. */
export const OPSET = 13;
export const IR_VERSION = 7;

/** A graph input/output; a string dimension is a named dynamic axis (any batch size and length). */
export function valueInfo(name: string, elemType: number, dims: (number | string)[]): OnnxValueInfo {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) } } } };
}

/** Little-endian float32 bytes regardless of the host's byte order (ONNX raw_data is LE). */
export function floatRaw(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

export const floatTensor = (name: string, dims: number[], values: ArrayLike<number>): OnnxTensor => ({ name, dims, dataType: FLOAT, rawData: floatRaw(values) });
export const int64Tensor = (name: string, dims: number[], values: number[]): OnnxTensor => ({ name, dims, dataType: INT64, int64Data: values });
export const int = (name: string, i: number): OnnxAttribute => ({ name, type: INT, i });
export const ints = (name: string, values: number[]): OnnxAttribute => ({ name, type: INTS, ints: values });
export const node = (opType: string, input: string[], output: string[], attribute: OnnxAttribute[] = []): OnnxNode => ({ opType, input, output, name: output[0]!, attribute });

/** Serializes a graph as an opset-13 model. */
export function encodeModel(graph: OnnxGraph, opts: { producerName?: string; docString?: string } = {}): Uint8Array {
  return onnx.ModelProto.encode(
    onnx.ModelProto.create({
      irVersion: IR_VERSION,
      opsetImport: [{ domain: "", version: OPSET }],
      producerName: opts.producerName ?? "evalhub-seed",
      producerVersion: "1",
      docString: opts.docString ?? "",
      graph,
    }),
  ).finish();
}
