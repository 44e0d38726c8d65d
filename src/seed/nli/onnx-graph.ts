import onnxProto from "onnx-proto";

// onnx-proto is CommonJS; see src/seed/onnx-classifier.ts for why the cast is needed.
const { onnx } = onnxProto as unknown as typeof import("onnx-proto");

export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const INT64 = onnx.TensorProto.DataType.INT64;
const OPSET = 13;
const IR_VERSION = 7;

type Attr = { name: string; i?: number; ints?: number[] };

/** Little-endian float32 bytes regardless of the host's byte order (ONNX raw_data is LE). */
function floatRaw(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

/**
 * A tiny builder for the seed's hand-written opset-13 graphs: `op` appends a node and returns its
 * output name (numbered in insertion order, so the bytes are the same on every run).
 */
export class GraphBuilder {
  private readonly nodes: import("onnx-proto").onnx.INodeProto[] = [];
  private readonly initializers: import("onnx-proto").onnx.ITensorProto[] = [];
  private count = 0;

  floats(name: string, dims: number[], values: ArrayLike<number>): string {
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: floatRaw(values) });
    return name;
  }

  ints(name: string, values: number[]): string {
    this.initializers.push({ name, dims: [values.length], dataType: INT64, int64Data: values });
    return name;
  }

  op(opType: string, inputs: string[], attrs: Attr[] = [], output?: string): string {
    const out = output ?? `${opType.toLowerCase()}_${this.count++}`;
    const attribute = attrs.map((a): import("onnx-proto").onnx.IAttributeProto =>
      a.ints !== undefined
        ? { name: a.name, type: onnx.AttributeProto.AttributeType.INTS, ints: a.ints }
        : { name: a.name, type: onnx.AttributeProto.AttributeType.INT, i: a.i },
    );
    this.nodes.push({ opType, input: inputs, output: [out], name: out, attribute });
    return out;
  }

  build(opts: { name: string; inputs: string[]; numLabels: number; docString: string }): Uint8Array {
    const dims = (d: (number | string)[]) => ({ dim: d.map((x) => (typeof x === "string" ? { dimParam: x } : { dimValue: x })) });
    const info = (name: string, elemType: number, d: (number | string)[]) => ({ name, type: { tensorType: { elemType, shape: dims(d) } } });
    const graph: import("onnx-proto").onnx.IGraphProto = {
      name: opts.name,
      input: opts.inputs.map((n) => info(n, INT64, ["batch_size", "sequence_length"])),
      output: [info("logits", FLOAT, ["batch_size", opts.numLabels])],
      initializer: this.initializers,
      node: this.nodes,
    };
    const model: import("onnx-proto").onnx.IModelProto = {
      irVersion: IR_VERSION,
      opsetImport: [{ domain: "", version: OPSET }],
      producerName: "evalhub-seed",
      producerVersion: "1",
      docString: opts.docString,
      graph,
    };
    // A plain copy: protobufjs returns a Node Buffer that may be a view into a shared 8 KiB pool.
    return new Uint8Array(onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish());
  }
}
