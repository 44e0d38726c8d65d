import { encodeModel, FLOAT, floatRaw, INT, INT64, INTS, valueInfo, type OnnxAttribute, type OnnxGraph, type OnnxNode, type OnnxTensor } from "../onnx-kit";

export { FLOAT, INT64 };

type Attr = { name: string; i?: number; ints?: number[] };

/**
 * A tiny builder for the seed's hand-written opset-13 graphs: `op` appends a node and returns its
 * output name (numbered in insertion order, so the bytes are the same on every run).
 */
export class GraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers: OnnxTensor[] = [];
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
    const attribute = attrs.map((a): OnnxAttribute => (a.ints !== undefined ? { name: a.name, type: INTS, ints: a.ints } : { name: a.name, type: INT, i: a.i }));
    this.nodes.push({ opType, input: inputs, output: [out], name: out, attribute });
    return out;
  }

  build(opts: { name: string; inputs: string[]; numLabels: number; docString: string }): Uint8Array {
    const info = valueInfo;
    const graph: OnnxGraph = {
      name: opts.name,
      input: opts.inputs.map((n) => info(n, INT64, ["batch_size", "sequence_length"])),
      output: [info("logits", FLOAT, ["batch_size", opts.numLabels])],
      initializer: this.initializers,
      node: this.nodes,
    };
    // A plain copy: protobufjs returns a Node Buffer that may be a view into a shared 8 KiB pool.
    return new Uint8Array(encodeModel(graph, { docString: opts.docString }));
  }
}
