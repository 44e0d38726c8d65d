import onnxProto from "onnx-proto";
import { mulberry32 } from "@/seed/sst2";

const { onnx } = onnxProto as unknown as typeof import("onnx-proto");
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const INT = onnx.AttributeProto.AttributeType.INT;

/** Width and depth of the bench model: ~4·d² multiply-adds per token and layer. */
export const BENCH_MODEL_SHAPE = { hidden: 768, layers: 4 } as const;

/**
 * A text classifier with the compute profile of a real encoder (d = 768, four dense layers applied
 * to every token), for benchmarks where inference must dominate as it does with real models; the
 * demo models are so small (0.1-0.3 ms per example) that any fixed cost looks huge next to them.
 * Weights are seeded noise: its predictions mean nothing, only its cost does. Same inputs and
 * outputs as the demo's bag-of-words models, so it reuses their tokenizer and labels.
 */
export function buildBenchModelOnnx(vocabSize: number, numLabels: number, shape = BENCH_MODEL_SHAPE): Uint8Array {
  const rand = mulberry32(20261126);
  const noise = (n: number, scale: number) => {
    const bytes = new Uint8Array(n * 4);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < n; i++) view.setFloat32(i * 4, (rand() * 2 - 1) * scale, true);
    return bytes;
  };
  const d = shape.hidden;
  const tensor = (name: string, dims: number[], scale: number) => ({ name, dims, dataType: FLOAT, rawData: noise(dims.reduce((a, b) => a * b, 1), scale) });
  const axes = (name: string, values: number[]) => ({ name, dims: [values.length], dataType: INT64, int64Data: values });
  const node = (opType: string, input: string[], output: string[], attribute: { name: string; type: number; i: number }[] = []) => ({ opType, input, output, name: output[0], attribute });
  const dims = (names: (string | number)[]) => ({ dim: names.map((x) => (typeof x === "string" ? { dimParam: x } : { dimValue: x })) });
  const initializer = [tensor("embeddings", [vocabSize, d], 0.5), axes("axis_1", [1]), axes("axis_2", [2]), tensor("classifier.weight", [d, numLabels], 0.05), tensor("classifier.bias", [numLabels], 0.01)];
  const nodes = [node("Gather", ["embeddings", "input_ids"], ["h0"], [{ name: "axis", type: INT, i: 0 }])];
  let h = "h0";
  for (let l = 0; l < shape.layers; l++) {
    initializer.push(tensor(`layer${l}.weight`, [d, d], Math.sqrt(3 / d)), tensor(`layer${l}.bias`, [d], 0.01));
    nodes.push(node("MatMul", [h, `layer${l}.weight`], [`mm${l}`]), node("Add", [`mm${l}`, `layer${l}.bias`], [`pre${l}`]), node("Relu", [`pre${l}`], [`h${l + 1}`]));
    h = `h${l + 1}`;
  }
  nodes.push(
    node("Cast", ["attention_mask"], ["mask_float"], [{ name: "to", type: INT, i: FLOAT }]),
    node("Unsqueeze", ["mask_float", "axis_2"], ["mask_expanded"]),
    node("Mul", [h, "mask_expanded"], ["masked"]),
    node("ReduceSum", ["masked", "axis_1"], ["summed"], [{ name: "keepdims", type: INT, i: 0 }]),
    node("ReduceSum", ["mask_float", "axis_1"], ["count"], [{ name: "keepdims", type: INT, i: 1 }]),
    node("Div", ["summed", "count"], ["pooled"]),
    node("MatMul", ["pooled", "classifier.weight"], ["projected"]),
    node("Add", ["projected", "classifier.bias"], ["logits"]),
  );
  const model = {
    irVersion: 7,
    opsetImport: [{ domain: "", version: 13 }],
    producerName: "evalhub-bench",
    graph: {
      name: "bench_encoder",
      input: [
        { name: "input_ids", type: { tensorType: { elemType: INT64, shape: dims(["batch_size", "sequence_length"]) } } },
        { name: "attention_mask", type: { tensorType: { elemType: INT64, shape: dims(["batch_size", "sequence_length"]) } } },
      ],
      output: [{ name: "logits", type: { tensorType: { elemType: FLOAT, shape: dims(["batch_size", numLabels]) } } }],
      initializer,
      node: nodes,
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
