import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { env, pipeline, type TextClassificationPipeline } from "@huggingface/transformers";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { buildDemoContent, TINY_DISTILBERT_ID, type DemoRepo } from "./demo-content";
import { loadSst2Splits } from "./sst2";
import { writeRepoDir } from "./write-repo-dir";

const text = (repo: DemoRepo, filePath: string): string => {
  const file = repo.files.find((f) => f.path === filePath);
  if (!file) throw new Error(`${repo.name} has no ${filePath}`);
  return new TextDecoder().decode(file.content);
};
const cardYaml = (readme: string): Record<string, any> => parse(readme.split("---\n")[1]!);

describe("buildDemoContent", async () => {
  const started = performance.now();
  const repos = await buildDemoContent();
  const buildMs = performance.now() - started;
  let root: string | undefined;
  afterAll(() => (root ? rm(root, { recursive: true, force: true }) : undefined));

  it("builds the dataset, three trained models and the third-party model in seconds", () => {
    expect(repos.slice(0, 5).map((r) => `${r.type}:${r.name}`)).toEqual([
      "dataset:evalhub-demo/sst2",
      "model:evalhub-demo/sst2-bow-tiny",
      "model:evalhub-demo/sst2-bow-small",
      "model:evalhub-demo/sst2-bow-base",
      `model:${TINY_DISTILBERT_ID}`,
    ]);
    // Under load on a 2-core machine the whole demo (31 repos) takes 2-4 s.
    expect(buildMs).toBeLessThan(10_000);
  });

  it("gives every task family a dataset and at least two models that point at it", () => {
    const datasets = new Set(repos.filter((r) => r.type === "dataset").map((r) => r.name));
    const perTask = new Map<string, number>();
    for (const repo of repos.filter((r) => r.type === "model")) {
      const yaml = cardYaml(text(repo, "README.md"));
      expect(yaml.pipeline_tag, repo.name).toEqual(expect.any(String));
      for (const d of yaml.datasets) expect(datasets.has(d), `${repo.name} -> ${d}`).toBe(true);
      perTask.set(yaml.pipeline_tag, (perTask.get(yaml.pipeline_tag) ?? 0) + 1);
    }
    for (const task of ["text-classification", "token-classification", "question-answering", "summarization", "translation", "image-classification", "zero-shot-classification", "text-generation"]) {
      expect(perTask.get(task) ?? 0, task).toBeGreaterThanOrEqual(2);
    }
  });

  it("is byte-identical across builds", async () => {
    const again = await buildDemoContent();
    expect(again.map((r) => r.files.map((f) => f.path))).toEqual(repos.map((r) => r.files.map((f) => f.path)));
    again.forEach((repo, i) =>
      repo.files.forEach((file, j) => expect(Buffer.from(file.content).equals(Buffer.from(repos[i]!.files[j]!.content)), file.path).toBe(true)),
    );
  });

  it("writes a datasets-style card whose split sizes match the parquet files", () => {
    const dataset = repos[0]!;
    const yaml = cardYaml(text(dataset, "README.md"));
    const { train, validation } = loadSst2Splits();
    expect(yaml.configs).toEqual([
      { config_name: "default", data_files: [{ split: "train", path: "data/train-*" }, { split: "validation", path: "data/validation-*" }] },
    ]);
    expect(yaml.dataset_info.features[2]).toEqual({ name: "label", dtype: { class_label: { names: { 0: "negative", 1: "positive" } } } });
    expect(yaml.dataset_info.splits.map((s: any) => [s.name, s.num_examples])).toEqual([["train", train.length], ["validation", validation.length]]);
    const parquetBytes = dataset.files.filter((f) => f.path.endsWith(".parquet")).reduce((n, f) => n + f.content.length, 0);
    expect(yaml.dataset_info.download_size).toBe(parquetBytes);
    expect(yaml["train-eval-index"][0]).toMatchObject({
      task_id: "binary_classification",
      splits: { train_split: "train", eval_split: "validation" },
      col_mapping: { sentence: "text", label: "target" },
    });
    expect(yaml["train-eval-index"][0].metrics).toContainEqual({ type: "f1", name: "F1 macro", args: { average: "macro" } });
    expect(text(dataset, "README.md")).toContain("6a73b09b39af0efe049622662211f3657c75a15e");
  });

  it("tags every model with the dataset and keeps scores out of the cards", () => {
    for (const repo of repos.slice(1, 5)) {
      const readme = text(repo, "README.md");
      const yaml = cardYaml(readme);
      expect(yaml).toMatchObject({ pipeline_tag: "text-classification", library_name: "transformers.js", license: "apache-2.0", datasets: ["evalhub-demo/sst2"] });
      expect(yaml.tags).toEqual(expect.arrayContaining(["text-classification", "evalhub-demo"]));
      expect(yaml["model-index"]).toBeUndefined();
      expect(readme).not.toMatch(/accuracy\s*(of|=|:)?\s*0\.\d/i);
      expect(JSON.parse(text(repo, "config.json")).id2label).toBeDefined();
    }
  });

  it("honours a custom dataset id", async () => {
    const custom = await buildDemoContent({ datasetId: "someone/sst2-copy" });
    expect(custom[0]!.name).toBe("someone/sst2-copy");
    expect(cardYaml(text(custom[1]!, "README.md")).datasets).toEqual(["someone/sst2-copy"]);
  });

  it("ships the third-party tiny DistilBERT unchanged, and it runs (near-constant output)", async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "evalhub-demo-"));
    const repo = repos.find((r) => r.name === TINY_DISTILBERT_ID)!;
    await writeRepoDir(repo, root);
    expect(text(repo, "SOURCE.txt")).toContain("huggingface/optimum");
    env.allowRemoteModels = false;
    env.localModelPath = root;
    const classify = (await pipeline("text-classification", repo.name, { dtype: "fp32" })) as TextClassificationPipeline;
    const outputs = (await classify(["a charming and often affecting journey .", "unflinchingly bleak and desperate"])) as { label: string; score: number }[];
    expect(new Set(outputs.map((o) => o.label)).size).toBe(1);
    for (const o of outputs) expect(o.score).toBeCloseTo(0.5, 2);
    await classify.dispose();
  });
});
