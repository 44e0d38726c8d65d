import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "@/localhub";
import { buildImageDemoRepos, PATCH_DATASET_ID, PATCH_MODEL_SPECS } from "@/seed/image";
import { loadPatchSplits } from "@/seed/image/coco-patches";
import { PATCH_LABELS, patchFeatureRow, trainPatchModel, type PatchConfigName } from "@/seed/image/patch-models";
import { linearLogits } from "@/seed/image/softmax-regression";
import type { DemoRepo } from "@/seed/demo-content";
import { describeFeature } from "@/server/datasets/features";
import { openSplit, readSplitRows, type ReadSplitOptions, type RowProblem } from "@/server/datasets/read-split-rows";
import { listConfigs, listSplits, resolveSplit } from "@/server/datasets/resolve-split";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo } from "@/server/hub/resolve-repo";
import { loadImageClassifier, type ImageClassifier } from "@/server/inference/image-classifier";
import { METRICS } from "@/server/metrics";

/**
 * The image demo end to end: the seed's repos on a real local hub, the dataset read back through the
 * production readers, every model run through transformers.js, scored with the project's accuracy.
 */
let hub: TestHub;
let cfg: HubConfig;
let cacheDir: string;
let repos: DemoRepo[];
const revisions = new Map<string, string>();
const loaded: ImageClassifier[] = [];

async function publish(repo: Pick<DemoRepo, "type" | "name" | "files">): Promise<string> {
  await hub.store.createRepo({ type: repo.type, name: repo.name });
  const { oid } = await hub.store.commit({ repo: { type: repo.type, name: repo.name }, message: "Seed", files: repo.files, author: "evalhub-demo" });
  revisions.set(repo.name, oid);
  return oid;
}

async function load(model: string): Promise<ImageClassifier> {
  const classifier = await loadImageClassifier({ hub: cfg, model, revision: revisions.get(model)!, cacheDir });
  loaded.push(classifier);
  return classifier;
}

async function readValidation(config: PatchConfigName) {
  const repo = await resolveRepo({ hub: cfg, type: "dataset", name: PATCH_DATASET_ID });
  const layout = resolveSplit(repo, config, "validation");
  const opts: ReadSplitOptions = { hub: cfg, dataset: repo.name, revision: repo.sha, layout };
  const opened = await openSplit(opts);
  const rows: Record<string, unknown>[] = [];
  const problems: RowProblem[] = [];
  for await (const batch of readSplitRows({ ...opts, columns: ["image", "label"], onInvalid: (p) => problems.push(p) })) rows.push(...batch);
  return { repo, layout, opened, rows, problems };
}

const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));

beforeAll(async () => {
  hub = await startTestHub();
  cfg = { hubUrl: hub.url, accessToken: hub.accessToken };
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "image-classifier-cache-"));
  repos = await buildImageDemoRepos();
  for (const repo of repos) await publish(repo);
});
afterAll(async () => {
  for (const c of loaded) await c.dispose();
  await hub.close();
  await rm(cacheDir, { recursive: true, force: true });
});

describe("evalhub-demo/coco-cats-patches through the dataset readers", () => {
  it("has two configs with train and validation splits, typed Image + ClassLabel", async () => {
    const repo = await resolveRepo({ hub: cfg, type: "dataset", name: PATCH_DATASET_ID });
    expect(listConfigs(repo).sort()).toEqual(["binary", "multiclass"]);
    for (const config of ["binary", "multiclass"] as const) {
      expect(listSplits(repo, config)).toEqual(["train", "validation"]);
      const { layout, opened, rows, problems } = await readValidation(config);
      expect(layout).toMatchObject({ format: "parquet", files: [{ path: `${config}/validation-00000-of-00001.parquet` }], numExamples: 360 });
      expect(opened.numRows).toBe(360);
      expect(Object.fromEntries(Object.entries(opened.features).map(([k, f]) => [k, describeFeature(f)]))).toEqual({
        image: "Image",
        label: `ClassLabel(${PATCH_LABELS[config].join(", ")})`,
      });
      expect(problems).toEqual([]);
      expect(rows).toHaveLength(360);
      const expected = loadPatchSplits().validation;
      rows.forEach((row, i) => {
        const image = row.image as { bytes: Uint8Array; path: string };
        expect(image.bytes).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(image.bytes).equals(Buffer.from(expected[i]!.png))).toBe(true);
        expect(image.path).toMatch(/^coco-000000039769-r\d\d-c\d\d\.png$/);
        expect(row.label).toBe(config === "binary" ? expected[i]!.binaryLabel : expected[i]!.label);
      });
    }
  });
});

describe("loadImageClassifier over the demo models", () => {
  it("scores the colour models clearly above the greyscale ones on each validation split (METRICS.accuracy)", async () => {
    const accuracy: Record<string, number> = {};
    for (const config of ["binary", "multiclass"] as const) {
      const { rows } = await readValidation(config);
      const images = rows.map((r) => (r.image as { bytes: Uint8Array }).bytes);
      const references = rows.map((r) => r.label as number);
      for (const spec of PATCH_MODEL_SPECS.filter((s) => s.config === config)) {
        const classifier = await load(spec.name);
        expect(classifier.labels).toEqual(PATCH_LABELS[config]);
        expect(classifier.runner).toMatchObject({ name: "local", dtype: "fp32", imageSize: 16 });
        expect(classifier.runner.library).toMatch(/^@huggingface\/transformers@/);
        const logits = await classifier.classify(images);
        const predictions = logits.map((l) => {
          if (!Array.isArray(l)) throw new Error(l.error);
          return argmax(l);
        });
        accuracy[spec.name] = METRICS.accuracy.compute(predictions, references, { normalize: true }).accuracy as number;
      }
    }
    console.info("image demo accuracy on validation:", accuracy);
    for (const config of ["binary", "multiclass"]) {
      const grey = accuracy[`evalhub-demo/patch-grey-${config}`]!;
      const color = accuracy[`evalhub-demo/patch-color-${config}`]!;
      expect(color).toBeGreaterThan(0.9);
      expect(grey).toBeLessThan(0.9);
      expect(color - grey).toBeGreaterThan(0.05);
    }
  });

  it("computes in ONNX the same logits the seed's training code computes in JavaScript", async () => {
    const splits = loadPatchSplits();
    const sample = splits.validation.slice(0, 40);
    for (const spec of PATCH_MODEL_SPECS) {
      const trained = trainPatchModel(spec, splits);
      const classifier = await load(spec.name);
      const logits = await classifier.classify(sample.map((p) => p.png));
      sample.forEach((p, i) => {
        const expected = linearLogits(trained.weights, patchFeatureRow(spec.features, p));
        const got = logits[i] as number[];
        expected.forEach((v, k) => expect(got[k]).toBeCloseTo(v, 3));
      });
    }
  });

  it("reports an image that cannot be decoded and still classifies the rest of the batch", async () => {
    const classifier = await load("evalhub-demo/patch-color-multiclass");
    const { validation } = loadPatchSplits();
    const good = [validation[0]!.png, validation[1]!.png];
    const truncated = validation[2]!.png.slice(0, 40);
    const result = await classifier.classify([good[0]!, new TextEncoder().encode("this is not an image"), good[1]!, truncated]);
    expect(result).toHaveLength(4);
    expect(result[1]).toEqual({ error: expect.stringMatching(/^image could not be decoded: \S/) });
    expect(result[3]).toEqual({ error: expect.stringMatching(/^image could not be decoded: \S/) });
    const alone = await classifier.classify(good);
    expect(result[0]).toEqual(alone[0]);
    expect(result[2]).toEqual(alone[1]);
  });

  it("runs images of another size, resized by the image processor", async () => {
    const classifier = await load("evalhub-demo/patch-color-binary");
    const { validation } = loadPatchSplits();
    const sharp = (await import("sharp")).default;
    const big = await sharp(Buffer.from(validation[0]!.png)).resize(48, 48, { kernel: "nearest" }).png().toBuffer();
    const [a, b] = await classifier.classify([validation[0]!.png, new Uint8Array(big)]);
    expect((a as number[]).length).toBe(2);
    // Nearest-neighbour upscaling then bilinear downscaling is not exact, but stays close.
    (b as number[]).forEach((v, k) => expect(v).toBeCloseTo((a as number[])[k]!, 0));
  });

  it("names the model when its logits do not fit its id2label", async () => {
    const source = repos.find((r) => r.name === "evalhub-demo/patch-color-multiclass")!;
    const config = JSON.parse(new TextDecoder().decode(source.files.find((f) => f.path === "config.json")!.content)) as Record<string, unknown>;
    const broken = { ...config, id2label: { 0: "cat", 1: "couch", 2: "remote", 3: "dog" }, label2id: { cat: 0, couch: 1, remote: 2, dog: 3 } };
    await publish({
      type: "model",
      name: "acme/patch-wrong-labels",
      files: source.files.map((f) => (f.path === "config.json" ? { path: f.path, content: new TextEncoder().encode(JSON.stringify(broken)) } : f)),
    });
    const classifier = await load("acme/patch-wrong-labels");
    await expect(classifier.classify([loadPatchSplits().validation[0]!.png])).rejects.toThrow(
      /Model acme\/patch-wrong-labels returned logits of shape \[1, 3\] .*expected \[1, 4\]/,
    );
  });

  it("fails to load a repo without an image processor config with a message naming the model", async () => {
    const source = repos.find((r) => r.name === "evalhub-demo/patch-grey-binary")!;
    await publish({ type: "model", name: "acme/patch-no-processor", files: source.files.filter((f) => f.path !== "preprocessor_config.json") });
    await expect(loadImageClassifier({ hub: cfg, model: "acme/patch-no-processor", revision: revisions.get("acme/patch-no-processor")!, cacheDir })).rejects.toThrow(
      /Model acme\/patch-no-processor@\w+ could not be loaded by transformers\.js/,
    );
  });
});

describe("seed determinism", () => {
  it("rebuilding the image demo gives byte-identical files", async () => {
    const again = await buildImageDemoRepos();
    expect(again.map((r) => r.name)).toEqual(repos.map((r) => r.name));
    again.forEach((repo, i) => {
      expect(repo.files.map((f) => f.path)).toEqual(repos[i]!.files.map((f) => f.path));
      repo.files.forEach((f, j) => expect(Buffer.from(f.content).equals(Buffer.from(repos[i]!.files[j]!.content))).toBe(true));
    });
  });
});
