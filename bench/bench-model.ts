import { encodeModel, FLOAT, floatTensor, int, INT64, int64Tensor, node, valueInfo, type OnnxNode, type OnnxTensor } from "@/seed/onnx-kit";
import type { HubStore } from "@/localhub/store";
import { mulberry32 } from "@/seed/sst2";

/**
 * Width and depth of the bench model: per token, `layers` feed-forward blocks d → ffn → d (2·d·ffn
 * multiply-adds each), the feed-forward half of a BERT-base layer; BERT-base itself does about
 * twelve of those plus attention, so this is a light stand-in for a real encoder.
 */
export const BENCH_MODEL_SHAPE = { hidden: 768, ffn: 3072, layers: 6 } as const;

/**
 * A text classifier with the compute profile of an encoder (d = 768, six 768 → 3072 → 768
 * feed-forward blocks on every token), for benchmarks where inference must dominate as it does with real models; the
 * demo models are so small (0.1-0.3 ms per example) that any fixed cost looks huge next to them.
 * Weights are seeded noise: its predictions mean nothing, only its cost does. Same inputs and
 * outputs as the demo's bag-of-words models, so it reuses their tokenizer and labels.
 */
export function buildBenchModelOnnx(vocabSize: number, numLabels: number, shape = BENCH_MODEL_SHAPE): Uint8Array {
  const rand = mulberry32(20261126);
  const d = shape.hidden;
  const tensor = (name: string, dims: number[], scale: number) => {
    const values = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = (rand() * 2 - 1) * scale;
    return floatTensor(name, dims, values);
  };
  const axes = (name: string, values: number[]) => int64Tensor(name, [values.length], values);
  const initializer: OnnxTensor[] = [tensor("embeddings", [vocabSize, d], 0.5), axes("axis_1", [1]), axes("axis_2", [2]), tensor("classifier.weight", [d, numLabels], 0.05), tensor("classifier.bias", [numLabels], 0.01)];
  const nodes: OnnxNode[] = [node("Gather", ["embeddings", "input_ids"], ["h0"], [int("axis", 0)])];
  let h = "h0";
  for (let l = 0; l < shape.layers; l++) {
    initializer.push(
      tensor(`layer${l}.up.weight`, [d, shape.ffn], Math.sqrt(3 / d)),
      tensor(`layer${l}.up.bias`, [shape.ffn], 0.01),
      tensor(`layer${l}.down.weight`, [shape.ffn, d], Math.sqrt(3 / shape.ffn)),
    );
    nodes.push(
      node("MatMul", [h, `layer${l}.up.weight`], [`up${l}`]),
      node("Add", [`up${l}`, `layer${l}.up.bias`], [`up_b${l}`]),
      node("Relu", [`up_b${l}`], [`act${l}`]),
      node("MatMul", [`act${l}`, `layer${l}.down.weight`], [`down${l}`]),
      // Residual, as in a transformer block.
      node("Add", [h, `down${l}`], [`h${l + 1}`]),
    );
    h = `h${l + 1}`;
  }
  nodes.push(
    node("Cast", ["attention_mask"], ["mask_float"], [int("to", FLOAT)]),
    node("Unsqueeze", ["mask_float", "axis_2"], ["mask_expanded"]),
    node("Mul", [h, "mask_expanded"], ["masked"]),
    node("ReduceSum", ["masked", "axis_1"], ["summed"], [int("keepdims", 0)]),
    node("ReduceSum", ["mask_float", "axis_1"], ["count"], [int("keepdims", 1)]),
    node("Div", ["summed", "count"], ["pooled"]),
    node("MatMul", ["pooled", "classifier.weight"], ["projected"]),
    node("Add", ["projected", "classifier.bias"], ["logits"]),
  );
  return encodeModel(
    {
      name: "bench_encoder",
      input: [valueInfo("input_ids", INT64, ["batch_size", "sequence_length"]), valueInfo("attention_mask", INT64, ["batch_size", "sequence_length"])],
      output: [valueInfo("logits", FLOAT, ["batch_size", numLabels])],
      initializer,
      node: nodes,
    },
    { producerName: "evalhub-bench" },
  );
}

export const BENCH_ENCODER = "bench/sst2-ffn-encoder";

/** Adds the bench encoder to a local hub, with the tokenizer, labels and config of the demo's bag-of-words model. */
export async function addBenchEncoder(store: HubStore, hubUrl: string, name = BENCH_ENCODER, shape = BENCH_MODEL_SHAPE): Promise<void> {
  const file = async (p: string) => new Uint8Array(await (await fetch(`${hubUrl}/evalhub-demo/sst2-bow-base/resolve/main/${p}`)).arrayBuffer());
  const [config, tokenizer, tokenizerConfig] = await Promise.all(["config.json", "tokenizer.json", "tokenizer_config.json"].map(file));
  const vocabSize = Object.keys((JSON.parse(new TextDecoder().decode(tokenizer)) as { model: { vocab: Record<string, number> } }).model.vocab).length;
  const numLabels = Object.keys((JSON.parse(new TextDecoder().decode(config)) as { id2label: Record<string, string> }).id2label).length;
  await store.createRepo({ type: "model", name });
  await store.commit({
    repo: { type: "model", name },
    message: "bench encoder",
    author: "evalhub-bench",
    files: [
      { path: "README.md", content: new TextEncoder().encode("---\npipeline_tag: text-classification\n---\nBenchmark model: seeded noise with a real encoder's compute profile.\n") },
      { path: "config.json", content: config },
      { path: "tokenizer.json", content: tokenizer },
      { path: "tokenizer_config.json", content: tokenizerConfig },
      { path: "onnx/model.onnx", content: buildBenchModelOnnx(vocabSize, numLabels, shape) },
    ],
  });
}
