import { parquetWriteBuffer } from "hyparquet-writer";
import { frontMatter } from "../dataset-card";
import { PATCH_SIZE, PATCH_SPLIT_SEED, REGIONS, VALIDATION_SHARE, type Patch, type PatchSplits } from "./coco-patches";
import { PATCH_LABELS, patchLabel, type PatchConfigName } from "./patch-models";

export const PATCH_DATASET_ID = "evalhub-demo/coco-cats-patches";
export const PATCH_CONFIGS: readonly PatchConfigName[] = ["multiclass", "binary"];
const SPLITS = ["train", "validation"] as const;

/** Where `push_to_hub(config_name=...)` puts a single-shard split of a named config. */
export const patchParquetPath = (config: string, split: string): string => `${config}/${split}-00000-of-00001.parquet`;

/** The file name a tile would have if it were saved on its own: row and column of the 30x40 grid. */
export const patchFileName = (p: Patch): string =>
  `coco-000000039769-r${String(p.y / PATCH_SIZE).padStart(2, "0")}-c${String(p.x / PATCH_SIZE).padStart(2, "0")}.png`;

/**
 * One split of one config as `datasets` writes an Image + ClassLabel dataset: `image` is the
 * struct<bytes: binary, path: string> of the HF Image feature, `label` an int64 ClassLabel id, and
 * the `huggingface` key-value metadata restores both feature types.
 */
export function writePatchParquet(patches: readonly Patch[], config: PatchConfigName): Uint8Array {
  const features = {
    info: {
      features: {
        image: { _type: "Image" },
        label: { names: [...PATCH_LABELS[config]], _type: "ClassLabel" },
      },
    },
  };
  const buffer = parquetWriteBuffer({
    schema: [
      { name: "schema", num_children: 2 },
      { name: "image", repetition_type: "OPTIONAL", num_children: 2 },
      { name: "bytes", type: "BYTE_ARRAY", repetition_type: "OPTIONAL" },
      { name: "path", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      { name: "label", type: "INT64", repetition_type: "OPTIONAL" },
    ],
    columnData: [
      // PNG bytes neither repeat nor compress: no dictionary attempt, no snappy pass, no min/max statistics.
      { name: "image", data: patches.map((p) => ({ bytes: p.png, path: patchFileName(p) })), encoding: "PLAIN", codec: "UNCOMPRESSED", statistics: false },
      { name: "label", data: BigInt64Array.from(patches, (p) => BigInt(patchLabel(p, config))) },
    ],
    rowGroupSize: Math.max(patches.length, 1),
    createdBy: "evalhub-seed",
    kvMetadata: [{ key: "huggingface", value: JSON.stringify(features) }],
  });
  return new Uint8Array(buffer);
}

/** Arrow in-memory size (`dataset_info.splits[].num_bytes`): binary + string buffers with int32 offsets, int64 labels. */
function arrowNumBytes(patches: readonly Patch[]): number {
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const p of patches) bytes += p.png.length + encoder.encode(patchFileName(p)).length;
  return bytes + 2 * (patches.length + 1) * 4 + patches.length * 8;
}

export interface PatchDatasetFile {
  config: PatchConfigName;
  split: (typeof SPLITS)[number];
  path: string;
  content: Uint8Array;
  rows: readonly Patch[];
}

export function buildPatchDatasetFiles(splits: PatchSplits): PatchDatasetFile[] {
  return PATCH_CONFIGS.flatMap((config) =>
    SPLITS.map((split) => ({ config, split, path: patchParquetPath(config, split), content: writePatchParquet(splits[split], config), rows: splits[split] })),
  );
}

const METRICS: Record<PatchConfigName, { type: string; name: string; args?: Record<string, unknown> }[]> = {
  binary: [
    { type: "accuracy", name: "Accuracy" },
    { type: "precision", name: "Precision", args: { average: "binary" } },
    { type: "recall", name: "Recall", args: { average: "binary" } },
    { type: "f1", name: "F1 binary", args: { average: "binary" } },
  ],
  multiclass: [
    { type: "accuracy", name: "Accuracy" },
    { type: "f1", name: "F1 macro", args: { average: "macro" } },
    { type: "f1", name: "F1 weighted", args: { average: "weighted" } },
  ],
};

export function buildPatchDatasetCardYaml(files: readonly PatchDatasetFile[]): Record<string, unknown> {
  return {
    license: "other",
    task_categories: ["image-classification"],
    task_ids: ["multi-class-image-classification"],
    size_categories: ["1K<n<10K"],
    pretty_name: "COCO cats patches (EvalHub demo)",
    configs: PATCH_CONFIGS.map((config) => ({
      config_name: config,
      data_files: SPLITS.map((split) => ({ split, path: `${config}/${split}-*` })),
    })),
    dataset_info: PATCH_CONFIGS.map((config) => {
      const mine = files.filter((f) => f.config === config);
      return {
        config_name: config,
        features: [
          { name: "image", dtype: "image" },
          { name: "label", dtype: { class_label: { names: Object.fromEntries(PATCH_LABELS[config].map((name, id) => [String(id), name])) } } },
        ],
        splits: mine.map((f) => ({ name: f.split, num_bytes: arrowNumBytes(f.rows), num_examples: f.rows.length })),
        download_size: mine.reduce((n, f) => n + f.content.length, 0),
        dataset_size: mine.reduce((n, f) => n + arrowNumBytes(f.rows), 0),
      };
    }),
    "train-eval-index": PATCH_CONFIGS.map((config) => ({
      config,
      task: "image-classification",
      task_id: config === "binary" ? "image_binary_classification" : "image_multi_class_classification",
      splits: { train_split: "train", eval_split: "validation" },
      col_mapping: { image: "image", label: "target" },
      metrics: METRICS[config],
    })),
  };
}

export function buildPatchDatasetCard(opts: { files: readonly PatchDatasetFile[]; sourceText: string; modelIds: readonly string[] }): string {
  const count = (config: PatchConfigName, split: string, label?: number) =>
    opts.files.find((f) => f.config === config && f.split === split)!.rows.filter((p) => label === undefined || patchLabel(p, config) === label).length;
  const table = (config: PatchConfigName) =>
    PATCH_LABELS[config].map((name, id) => `| ${id} | \`${name}\` | ${count(config, "train", id)} | ${count(config, "validation", id)} |`).join("\n");
  const body = `
# COCO cats patches (EvalHub demo)

One photograph, COCO val2017 image 39769 (two cats asleep on a pink couch, two remote controls),
cut into ${count("multiclass", "train") + count("multiclass", "validation")} tiles of ${PATCH_SIZE}x${PATCH_SIZE} pixels
(the full 640x480 image, no resizing, a 40x30 grid), each labelled by what covers the centre of the tile:

- config \`multiclass\`: \`cat\`, \`couch\` (the couch and the pink blanket on it) or \`remote\`;
- config \`binary\`: \`cat\` (1) or \`not_cat\` (0).

| id | multiclass label | train | validation |
|---|---|---|---|
${table("multiclass")}

| id | binary label | train | validation |
|---|---|---|---|
${table("binary")}

The split is seeded (${PATCH_SPLIT_SEED}) and stratified by the multiclass label: ${Math.round(VALIDATION_SHARE * 100)}% of each class is
held out as \`validation\`. Both configs use the same split, so a tile is in \`validation\` in both or in neither.
Columns: \`image\` (an Image: PNG bytes, and \`path\`, the tile's name with its grid row and column) and \`label\` (a ClassLabel).

**How the labels were made.** The outlines of the two cats and the two remotes were traced by hand for EvalHub by
looking at the image (${REGIONS.map((r) => r.name).join(", ")}; polygons of ${REGIONS.map((r) => r.outline.length).join(", ")} points, listed in EvalHub's
\`src/seed/image/coco-patches.ts\`); they are not COCO's annotations. A tile whose centre falls inside a cat outline
is \`cat\`, inside a remote outline \`remote\`, otherwise \`couch\`. Tiles on an outline's edge can show mostly
something else than their label: expect some label noise there.

This repository exists to demonstrate EvalHub's image classification offline. The demo models
(${opts.modelIds.map((id) => `\`${id}\``).join(", ")}) were trained on \`train\` only and should score clearly
differently on \`validation\`. Neighbouring tiles of one photograph are far from independent, so these numbers say
nothing about real-world image classification.

## Source

\`\`\`text
${opts.sourceText.trim()}
\`\`\`

## Licensing

The photograph comes from Flickr through COCO, under the Creative Commons licence COCO records for it; it is
distributed as a test fixture by huggingface/transformers (Apache-2.0). The labels and this card are EvalHub's.

## Citation

\`\`\`bibtex
@inproceedings{lin2014coco,
  title = {Microsoft {COCO}: Common Objects in Context},
  author = {Lin, Tsung-Yi and Maire, Michael and Belongie, Serge and Hays, James and Perona, Pietro and Ramanan, Deva and Doll{\\'a}r, Piotr and Zitnick, C. Lawrence},
  booktitle = {European Conference on Computer Vision (ECCV)},
  pages = {740--755},
  year = {2014}
}
\`\`\`
`;
  return frontMatter(buildPatchDatasetCardYaml(opts.files)) + body;
}
