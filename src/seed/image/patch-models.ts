import { BINARY_LABELS, MULTICLASS_LABELS, PATCH_SIZE, type Patch, type PatchSplits } from "./coco-patches";
import { normalisePixels, patchFeatures, type PatchFeatureSet } from "./patch-onnx";
import { trainSoftmaxRegression, type LinearWeights } from "./softmax-regression";

export type PatchConfigName = "binary" | "multiclass";

export const PATCH_LABELS: Record<PatchConfigName, readonly string[]> = { binary: BINARY_LABELS, multiclass: MULTICLASS_LABELS };

export const patchLabel = (patch: Patch, config: PatchConfigName): number => (config === "binary" ? patch.binaryLabel : patch.label);

export interface PatchModelSpec {
  name: string;
  /** The dataset config whose `train` split it learns and whose labels it predicts. */
  config: PatchConfigName;
  features: PatchFeatureSet;
  /** Half a sentence for cards and logs. */
  blurb: string;
}

export const PATCH_MODEL_SPECS: readonly PatchModelSpec[] = [
  { name: "evalhub-demo/patch-grey-binary", config: "binary", features: "grey", blurb: "sees only brightness and edge strength (no colour)" },
  { name: "evalhub-demo/patch-color-binary", config: "binary", features: "color", blurb: "sees the mean and mean square of each colour channel" },
  { name: "evalhub-demo/patch-grey-multiclass", config: "multiclass", features: "grey", blurb: "sees only brightness and edge strength (no colour)" },
  { name: "evalhub-demo/patch-color-multiclass", config: "multiclass", features: "color", blurb: "sees the mean and mean square of each colour channel" },
];

/** Full-batch gradient descent settings; part of each model's identity (changing them changes the bytes). */
export const PATCH_TRAINING = { iterations: 300, learningRate: 2, l2: 1e-4 } as const;

export interface TrainedPatchModel {
  spec: PatchModelSpec;
  labels: readonly string[];
  weights: LinearWeights;
  trainExamples: number;
}

export function patchFeatureRow(set: PatchFeatureSet, patch: Patch): number[] {
  return patchFeatures(set, normalisePixels(patch.rgb, PATCH_SIZE, PATCH_SIZE), PATCH_SIZE, PATCH_SIZE);
}

/** Trains on the `train` split only; `validation` is never looked at. */
export function trainPatchModel(spec: PatchModelSpec, splits: PatchSplits): TrainedPatchModel {
  const labels = PATCH_LABELS[spec.config];
  const rows = splits.train.map((p) => patchFeatureRow(spec.features, p));
  const weights = trainSoftmaxRegression(
    rows,
    splits.train.map((p) => patchLabel(p, spec.config)),
    labels.length,
    PATCH_TRAINING,
  );
  return { spec, labels, weights, trainExamples: splits.train.length };
}

/** `config.json`: routes transformers.js to ViTForImageClassification and names the labels. */
export function buildPatchModelConfig(model: TrainedPatchModel): Record<string, unknown> {
  return {
    architectures: ["ViTForImageClassification"],
    model_type: "vit",
    image_size: PATCH_SIZE,
    num_channels: 3,
    patch_size: PATCH_SIZE,
    id2label: Object.fromEntries(model.labels.map((name, id) => [String(id), name])),
    label2id: Object.fromEntries(model.labels.map((name, id) => [name, id])),
    problem_type: "single_label_classification",
  };
}

/** `preprocessor_config.json` for transformers.js' ViTImageProcessor: resize to the tile size, scale to [-1, 1]. */
export function buildPatchPreprocessorConfig(): Record<string, unknown> {
  return {
    do_normalize: true,
    do_rescale: true,
    do_resize: true,
    image_mean: [0.5, 0.5, 0.5],
    image_processor_type: "ViTImageProcessor",
    image_std: [0.5, 0.5, 0.5],
    resample: 2,
    rescale_factor: 0.00392156862745098,
    size: { height: PATCH_SIZE, width: PATCH_SIZE },
  };
}
