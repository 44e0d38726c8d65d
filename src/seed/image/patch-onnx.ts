import { encodeModel, FLOAT, floatTensor, int, int64Tensor as kitInt64Tensor, ints, node, valueInfo as kitValueInfo, type OnnxGraph, type OnnxNode } from "../onnx-kit";
import type { LinearWeights } from "./softmax-regression";

// Opset 13 (onnx-kit): ReduceMean still takes `axes` as an attribute (it became an input in opset 18).

/** Which pooled statistics the graph computes from `pixel_values` before its linear layer. */
export type PatchFeatureSet = "grey" | "color";

export const FEATURE_NAMES: Record<PatchFeatureSet, string[]> = {
  grey: ["grey mean", "grey mean |horizontal difference|"],
  color: ["R mean", "G mean", "B mean", "R mean square", "G mean square", "B mean square"],
};

/**
 * The features the ONNX graph pools, computed in JavaScript from the normalised pixels the
 * image processor produces (CHW, `(v / 255 - 0.5) / 0.5`). Training uses this function, so the
 * graph and the trained weights agree up to float32 rounding.
 */
export function patchFeatures(set: PatchFeatureSet, pixels: Float64Array, height: number, width: number): number[] {
  const plane = height * width;
  if (set === "color") {
    const out: number[] = [];
    const squares: number[] = [];
    for (let c = 0; c < 3; c++) {
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < plane; i++) {
        const v = pixels[c * plane + i]!;
        sum += v;
        sq += v * v;
      }
      out.push(sum / plane);
      squares.push(sq / plane);
    }
    return [...out, ...squares];
  }
  const grey = new Float64Array(plane);
  for (let i = 0; i < plane; i++) grey[i] = (pixels[i]! + pixels[plane + i]! + pixels[2 * plane + i]!) / 3;
  let sum = 0;
  let diff = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      sum += grey[y * width + x]!;
      if (x > 0) diff += Math.abs(grey[y * width + x]! - grey[y * width + x - 1]!);
    }
  }
  return [sum / plane, width > 1 ? diff / (height * (width - 1)) : 0];
}

/** HWC RGB bytes → CHW floats normalised as the preprocessor config says (mean 0.5, std 0.5). */
export function normalisePixels(rgb: Uint8Array, height: number, width: number): Float64Array {
  const plane = height * width;
  const out = new Float64Array(3 * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[c * plane + i] = (rgb[i * 3 + c]! / 255 - 0.5) / 0.5;
  return out;
}

type Node = OnnxNode;
const valueInfo = (name: string, dims: (number | string)[]) => kitValueInfo(name, FLOAT, dims);
const int64Tensor = (name: string, values: number[]) => kitInt64Tensor(name, [values.length], values);

/** The pooling nodes for a feature set: `pixel_values` [b,3,H,W] → `features` [b,F]. */
function featureNodes(set: PatchFeatureSet): { nodes: Node[]; initializers: ReturnType<typeof int64Tensor>[] } {
  if (set === "color") {
    return {
      initializers: [],
      nodes: [
        node("ReduceMean", ["pixel_values"], ["channel_mean"], [ints("axes", [2, 3]), int("keepdims", 0)]),
        node("Mul", ["pixel_values", "pixel_values"], ["squared"]),
        node("ReduceMean", ["squared"], ["channel_mean_square"], [ints("axes", [2, 3]), int("keepdims", 0)]),
        node("Concat", ["channel_mean", "channel_mean_square"], ["features"], [int("axis", 1)]),
      ],
    };
  }
  return {
    initializers: [int64Tensor("start_0", [0]), int64Tensor("start_1", [1]), int64Tensor("end_last", [-1]), int64Tensor("end_all", [2147483647]), int64Tensor("axis_3", [3])],
    nodes: [
      node("ReduceMean", ["pixel_values"], ["grey"], [ints("axes", [1]), int("keepdims", 1)]),
      node("ReduceMean", ["grey"], ["grey_mean"], [ints("axes", [2, 3]), int("keepdims", 0)]),
      node("Slice", ["grey", "start_1", "end_all", "axis_3"], ["grey_right"]),
      node("Slice", ["grey", "start_0", "end_last", "axis_3"], ["grey_left"]),
      node("Sub", ["grey_right", "grey_left"], ["grey_step"]),
      node("Abs", ["grey_step"], ["grey_step_abs"]),
      node("ReduceMean", ["grey_step_abs"], ["grey_edges"], [ints("axes", [2, 3]), int("keepdims", 0)]),
      node("Concat", ["grey_mean", "grey_edges"], ["features"], [int("axis", 1)]),
    ],
  };
}

/**
 * A pooled-statistics image classifier that transformers.js runs as a "ViTForImageClassification":
 *
 *   pixel_values [b,3,H,W] ─(ReduceMean / Mul / Slice+Sub+Abs pooling)→ features [b,F]
 *   → MatMul(W [F,labels]) → Add(bias) → logits [b,labels]
 *
 * H and W are dynamic: the statistics are means, so any image size gives features on the same scale.
 */
export function buildPatchOnnx(set: PatchFeatureSet, weights: LinearWeights, opts: { docString?: string } = {}): Uint8Array {
  const F = FEATURE_NAMES[set].length;
  if (weights.numFeatures !== F) throw new Error(`feature set ${set} has ${F} features, weights have ${weights.numFeatures}`);
  const pooling = featureNodes(set);
  const graph: OnnxGraph = {
    name: `patch_${set}_classifier`,
    input: [valueInfo("pixel_values", ["batch_size", 3, "height", "width"])],
    output: [valueInfo("logits", ["batch_size", weights.numLabels])],
    initializer: [
      floatTensor("classifier.weight", [F, weights.numLabels], weights.weight),
      floatTensor("classifier.bias", [weights.numLabels], weights.bias),
      ...pooling.initializers,
    ],
    node: [...pooling.nodes, node("MatMul", ["features", "classifier.weight"], ["projected"]), node("Add", ["projected", "classifier.bias"], ["logits"])],
  };
  return encodeModel(graph, { docString: opts.docString });
}
