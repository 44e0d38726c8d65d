import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AutoModelForCausalLM, AutoTokenizer, env, Tensor } from "@huggingface/transformers";
import { parquetReadObjects } from "hyparquet";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoRepo } from "../demo-content";
import { loadSst2Splits } from "../sst2";
import { writeRepoDir } from "../write-repo-dir";
import { buildCausalLmDemoRepos, CAUSAL_LM_SPECS, SST2_ZERO_SHOT_ID, trainCausalLmSpec } from "./index";
import { causalLmLogits, zeroShotAccuracy } from "./train";
import { BOS_ID, buildLmVocab, lmEncode, promptFor, ZERO_SHOT_CLASSES } from "./vocab";

const splits = loadSst2Splits();
const text = (repo: DemoRepo, filePath: string): string => new TextDecoder().decode(repo.files.find((f) => f.path === filePath)!.content);
const cardYaml = (readme: string): Record<string, any> => parse(readme.split("---\n")[1]!);

describe("buildCausalLmDemoRepos", async () => {
  const started = performance.now();
  const repos = await buildCausalLmDemoRepos();
  const buildMs = performance.now() - started;
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "evalhub-causal-lm-"));
    for (const repo of repos) await writeRepoDir(repo, root);
    env.allowRemoteModels = false;
    env.localModelPath = root;
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("builds the zero-shot dataset and two models in seconds, byte-identical on every run", async () => {
    expect(repos.map((r) => `${r.type}:${r.name}`)).toEqual([
      `dataset:${SST2_ZERO_SHOT_ID}`,
      "model:evalhub-demo/sst2-causal-lm-tiny",
      "model:evalhub-demo/sst2-causal-lm-base",
    ]);
    // About 0.5 s on an idle machine; the bound leaves room for a loaded CI runner (as demo-content.test.ts does).
    expect(buildMs).toBeLessThan(5_000);
    const again = await buildCausalLmDemoRepos();
    again.forEach((repo, i) =>
      repo.files.forEach((file, j) => {
        expect(file.path).toBe(repos[i]!.files[j]!.path);
        expect(Buffer.from(file.content).equals(Buffer.from(repos[i]!.files[j]!.content)), file.path).toBe(true);
      }),
    );
  });

  it("stores the validation prompts with classes and target, and a train-eval-index for text_zero_shot_classification", async () => {
    const dataset = repos[0]!;
    const yaml = cardYaml(text(dataset, "README.md"));
    expect(yaml["train-eval-index"]).toEqual([
      {
        config: "default",
        task: "text-generation",
        task_id: "text_zero_shot_classification",
        splits: { eval_split: "validation" },
        col_mapping: { text: "text", classes: "classes", target: "target" },
        metrics: [{ type: "accuracy", name: "Accuracy" }],
      },
    ]);
    expect(yaml.dataset_info.features).toContainEqual({ name: "classes", sequence: "string" });
    const parquet = dataset.files.find((f) => f.path.endsWith(".parquet"))!;
    expect(yaml.dataset_info.download_size).toBe(parquet.content.length);
    const buffer = parquet.content.slice().buffer as ArrayBuffer;
    const rows = (await parquetReadObjects({ file: buffer })) as { idx: number; text: string; classes: string[]; target: bigint }[];
    expect(rows).toHaveLength(splits.validation.length);
    expect(rows[0]).toEqual({ idx: splits.validation[0]!.idx, text: promptFor(splits.validation[0]!.sentence), classes: [" negative", " positive"], target: BigInt(splits.validation[0]!.label) });
    expect(rows.map((r) => Number(r.target))).toEqual(splits.validation.map((r) => r.label));
  });

  it("writes text-generation cards that point at the zero-shot dataset and carry no scores", () => {
    for (const repo of repos.slice(1)) {
      const readme = text(repo, "README.md");
      expect(cardYaml(readme)).toMatchObject({ pipeline_tag: "text-generation", library_name: "transformers.js", datasets: [SST2_ZERO_SHOT_ID] });
      expect(readme).toContain("not** a genuine zero-shot model");
      expect(readme).not.toMatch(/accuracy\s*(of|=|:)?\s*0\.\d/i);
      expect(JSON.parse(text(repo, "config.json"))).toMatchObject({ model_type: "gpt2", use_cache: false });
    }
  });

  it("tokenizes exactly like transformers.js, and a prompt's ids are a prefix of prompt + class", async () => {
    for (const spec of CAUSAL_LM_SPECS) {
      const vocab = buildLmVocab({ texts: splits.train.map((r) => r.sentence), maxWords: spec.maxWords });
      const tokenizer = await AutoTokenizer.from_pretrained(spec.name);
      for (const row of [...splits.train, ...splits.validation]) {
        const prompt = promptFor(row.sentence);
        const ids = tokenizer.encode(prompt);
        expect(ids).toEqual(lmEncode(vocab, prompt));
        expect(ids[0]).toBe(BOS_ID);
        for (const completion of ZERO_SHOT_CLASSES) {
          const full = tokenizer.encode(prompt + completion);
          expect(full.slice(0, ids.length)).toEqual(ids);
          expect(full.length).toBe(ids.length + 1);
        }
      }
      expect(tokenizer.encode("Ünïcödé — 日本 </s> x")).toEqual(lmEncode(vocab, "Ünïcödé — 日本 </s> x"));
    }
  });

  it("runs as AutoModelForCausalLM with a plain forward call; the ONNX logits equal the TypeScript forward pass", async () => {
    const spec = CAUSAL_LM_SPECS[1]!;
    const trained = trainCausalLmSpec(spec, splits);
    const model = await AutoModelForCausalLM.from_pretrained(spec.name, { dtype: "fp32" });
    const seqs = splits.validation.slice(0, 3).map((r) => lmEncode(trained.vocab, promptFor(r.sentence) + " positive"));
    const width = Math.max(...seqs.map((s) => s.length)) + 2;
    const V = trained.weights.vocabSize;
    // Right and left padding: the real positions' logits must not depend on either.
    for (const side of ["right", "left"] as const) {
      const offset = (s: number[]) => (side === "left" ? width - s.length : 0);
      const ids = new BigInt64Array(seqs.length * width);
      const mask = new BigInt64Array(seqs.length * width);
      seqs.forEach((s, b) => s.forEach((id, t) => ((ids[b * width + offset(s) + t] = BigInt(id)), (mask[b * width + offset(s) + t] = 1n))));
      const out = await model({ input_ids: new Tensor("int64", ids, [seqs.length, width]), attention_mask: new Tensor("int64", mask, [seqs.length, width]) });
      expect(out.logits.dims).toEqual([seqs.length, width, V]);
      const data = out.logits.data as Float32Array;
      let maxDiff = 0;
      seqs.forEach((s, b) => {
        const expected = causalLmLogits(trained.weights, s);
        expected.forEach((row, t) => row.forEach((v, k) => (maxDiff = Math.max(maxDiff, Math.abs(v - data[(b * width + offset(s) + t) * V + k]!)))));
      });
      expect(maxDiff, side).toBeLessThan(1e-4);
    }
    await model.dispose();
  });

  it("the full vocabulary makes a clearly better zero-shot classifier (TypeScript forward pass, validation)", () => {
    const [tiny, base] = CAUSAL_LM_SPECS.map((spec) => {
      const m = trainCausalLmSpec(spec, splits);
      return zeroShotAccuracy(m.weights, m.vocab, splits.validation);
    });
    // Measured when the models were built; a change to data, split or recipe shows up here.
    expect(tiny).toBeCloseTo(0.6, 6);
    expect(base).toBeCloseTo(0.7375, 6);
  });
});
