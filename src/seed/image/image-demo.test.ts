import { createHash } from "node:crypto";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { buildImageDemoRepos, PATCH_DATASET_ID, PATCH_MODEL_SPECS } from ".";
import { cutPatches, labelAt, loadPatchSplits, readCocoImage } from "./coco-patches";
import { PATCH_LABELS, patchFeatureRow, patchLabel, trainPatchModel } from "./patch-models";
import { linearLogits } from "./softmax-regression";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));

describe("COCO cats patches", () => {
  it("labels points by the traced outlines", () => {
    expect(labelAt([100, 95])).toBe("remote"); // middle of the left remote
    expect(labelAt([352, 130])).toBe("remote"); // middle of the upright remote
    expect(labelAt([150, 200])).toBe("cat"); // left cat's back
    expect(labelAt([480, 150])).toBe("cat"); // right cat's body
    expect(labelAt([600, 430])).toBe("couch"); // bottom-right blanket
    expect(labelAt([10, 10])).toBe("couch"); // top-left cushion
  });

  it("cuts the full image into 1,200 16x16 tiles and splits every class 70/30", () => {
    const patches = cutPatches(readCocoImage());
    expect(patches).toHaveLength(1200);
    const { train, validation } = loadPatchSplits();
    expect(train.length + validation.length).toBe(1200);
    expect(new Set([...train, ...validation].map((p) => p.index)).size).toBe(1200);
    for (let label = 0; label < 3; label++) {
      const total = patches.filter((p) => p.label === label).length;
      expect(validation.filter((p) => p.label === label).length).toBe(Math.round(total * 0.3));
    }
    // Every class is there in both splits, including the rare remotes.
    for (const split of [train, validation]) expect(new Set(split.map((p) => p.label))).toEqual(new Set([0, 1, 2]));
  });

  it("the colour models beat the greyscale ones on validation (JavaScript mirror of the graphs)", () => {
    const splits = loadPatchSplits();
    const accuracy: Record<string, number> = {};
    for (const spec of PATCH_MODEL_SPECS) {
      const model = trainPatchModel(spec, splits);
      const hits = splits.validation.filter((p) => argmax(linearLogits(model.weights, patchFeatureRow(spec.features, p))) === patchLabel(p, spec.config));
      accuracy[spec.name] = hits.length / splits.validation.length;
    }
    for (const config of ["binary", "multiclass"]) {
      const majority = Math.max(...PATCH_LABELS[config as "binary"].map((_, id) => splits.validation.filter((p) => patchLabel(p, config as "binary") === id).length)) / splits.validation.length;
      expect(accuracy[`evalhub-demo/patch-grey-${config}`]).toBeGreaterThan(majority + 0.1);
      expect(accuracy[`evalhub-demo/patch-color-${config}`]).toBeGreaterThan(accuracy[`evalhub-demo/patch-grey-${config}`]! + 0.05);
    }
  });
});

describe("buildImageDemoRepos", () => {
  it("builds the same bytes twice, quickly", async () => {
    // CPU time, not wall time: the build is single-threaded, and other test files share the cores.
    const t0 = process.cpuUsage();
    const first = await buildImageDemoRepos();
    const { user, system } = process.cpuUsage(t0);
    const elapsed = (user + system) / 1000;
    const second = await buildImageDemoRepos();
    const digest = (repos: typeof first) => repos.map((r) => ({ name: r.name, files: r.files.map((f) => [f.path, sha(f.content)]) }));
    expect(digest(second)).toEqual(digest(first));
    expect(elapsed).toBeLessThan(1500);
  });

  it("has one dataset and four transformers.js model repos whose cards point at it", async () => {
    const repos = await buildImageDemoRepos();
    expect(repos.map((r) => `${r.type}:${r.name}`)).toEqual([`dataset:${PATCH_DATASET_ID}`, ...PATCH_MODEL_SPECS.map((s) => `model:${s.name}`)]);
    const text = (repo: (typeof repos)[number], path: string) => new TextDecoder().decode(repo.files.find((f) => f.path === path)!.content);
    const card = parse(text(repos[0]!, "README.md").split("---\n")[1]!) as Record<string, unknown>;
    expect(card["train-eval-index"]).toEqual([
      expect.objectContaining({ config: "multiclass", task: "image-classification", task_id: "image_multi_class_classification", col_mapping: { image: "image", label: "target" } }),
      expect.objectContaining({ config: "binary", task: "image-classification", task_id: "image_binary_classification", col_mapping: { image: "image", label: "target" } }),
    ]);
    for (const repo of repos.slice(1)) {
      expect(repo.files.map((f) => f.path)).toEqual(["README.md", "config.json", "preprocessor_config.json", "onnx/model.onnx"]);
      const front = parse(text(repo, "README.md").split("---\n")[1]!) as Record<string, unknown>;
      expect(front).toMatchObject({ pipeline_tag: "image-classification", datasets: [PATCH_DATASET_ID], license: "apache-2.0" });
      const config = JSON.parse(text(repo, "config.json")) as Record<string, unknown>;
      expect(config).toMatchObject({ model_type: "vit", architectures: ["ViTForImageClassification"], image_size: 16, num_channels: 3 });
    }
  });
});
