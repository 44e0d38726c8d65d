import { readFile } from "node:fs/promises";
import type { DemoRepo } from "../demo-content";
import { COCO_SOURCE_URL, loadPatchSplits, type PatchSplits } from "./coco-patches";
import { buildPatchDatasetCard, buildPatchDatasetFiles, PATCH_DATASET_ID } from "./patch-dataset";
import { buildPatchModelCard } from "./patch-model-card";
import { buildPatchModelConfig, buildPatchPreprocessorConfig, PATCH_MODEL_SPECS, trainPatchModel, type TrainedPatchModel } from "./patch-models";
import { buildPatchOnnx, FEATURE_NAMES } from "./patch-onnx";

export { PATCH_DATASET_ID } from "./patch-dataset";
export { PATCH_MODEL_SPECS } from "./patch-models";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const json = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`);

export function buildPatchModelRepo(model: TrainedPatchModel, opts: { datasetId: string }): DemoRepo {
  const onnx = buildPatchOnnx(model.spec.features, model.weights, {
    docString: `${model.spec.name}: pooled ${FEATURE_NAMES[model.spec.features].join(", ")} -> linear layer`,
  });
  return {
    type: "model",
    name: model.spec.name,
    files: [
      { path: "README.md", content: utf8(buildPatchModelCard(model, opts)) },
      { path: "config.json", content: json(buildPatchModelConfig(model)) },
      { path: "preprocessor_config.json", content: json(buildPatchPreprocessorConfig()) },
      { path: "onnx/model.onnx", content: onnx },
    ],
    summary: `image patch classifier (${model.spec.config}), ${model.spec.blurb}`,
  };
}

export function buildPatchDatasetRepo(opts: { splits: PatchSplits; sourceText: string; modelIds: readonly string[]; datasetId?: string }): DemoRepo {
  const files = buildPatchDatasetFiles(opts.splits);
  return {
    type: "dataset",
    name: opts.datasetId ?? PATCH_DATASET_ID,
    files: [
      { path: "README.md", content: utf8(buildPatchDatasetCard({ files, sourceText: opts.sourceText, modelIds: opts.modelIds })) },
      ...files.map((f) => ({ path: f.path, content: f.content })),
    ],
    summary: `COCO image 39769 as 16x16 tiles (cat / couch / remote; cat vs not_cat), ${opts.splits.train.length} train / ${opts.splits.validation.length} validation`,
  };
}

/**
 * The image-classification demo: the tiles dataset (configs `multiclass` and `binary`) and, per
 * config, a greyscale and a colour model of clearly different accuracy trained on its `train`
 * split. Pure function of data/coco-image/: same bytes on every run.
 */
export async function buildImageDemoRepos(): Promise<DemoRepo[]> {
  const splits = loadPatchSplits();
  const sourceText = await readFile(COCO_SOURCE_URL, "utf8");
  const models = PATCH_MODEL_SPECS.map((spec) => trainPatchModel(spec, splits));
  return [
    buildPatchDatasetRepo({ splits, sourceText, modelIds: models.map((m) => m.spec.name) }),
    ...models.map((m) => buildPatchModelRepo(m, { datasetId: PATCH_DATASET_ID })),
  ];
}
