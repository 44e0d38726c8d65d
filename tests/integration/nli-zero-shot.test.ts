import { readFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline, type ZeroShotClassificationPipeline } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "@/localhub";
import { BOW_MODEL_SPECS, trainBowModel } from "@/seed/bow-model";
import { buildBowModelRepo, buildDatasetRepo, type DemoRepo } from "@/seed/demo-content";
import { buildNliDemoRepos, NLI_SENTIMENT_MODEL_IDS, QNLI_DATASET_ID, QNLI_MODEL_IDS, SST2_DEMO_DATASET_ID } from "@/seed/nli";
import { loadQnliSplits } from "@/seed/nli/qnli-data";
import { createEncoder } from "@/seed/nli/pair-encode";
import { encodeQnli, qnliLogits, QNLI_MODEL_SPECS, trainQnliModel } from "@/seed/nli/qnli-model";
import { NLI_SENTIMENT_SPECS, trainNliSentimentModel } from "@/seed/nli/nli-sentiment";
import { loadSst2Splits, SST2_SOURCE_URL } from "@/seed/sst2";
import { openSplit, readSplitRows } from "@/server/datasets/read-split-rows";
import { resolveSplit } from "@/server/datasets/resolve-split";
import { AppError } from "@/server/errors";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo } from "@/server/hub/resolve-repo";
import { loadTextClassifier } from "@/server/inference/text-classifier";
import { loadZeroShotClassifier, type ZeroShotClassifier } from "@/server/inference/zero-shot-classifier";
import { METRICS } from "@/server/metrics";

/**
 * The NLI demo content through the real stack: repos in a local hub, splits read over HTTP with the
 * dataset readers, models run by transformers.js through EvalHub's local runners.
 */
const BOW_ID = BOW_MODEL_SPECS.at(-1)!.name;
const NO_CONTRADICTION_ID = "fixtures/nli-without-contradiction";

let hub: TestHub;
let hubCfg: HubConfig;
let cacheDir: string;
let repos: DemoRepo[];
const sha = new Map<string, string>();

async function publish(repo: DemoRepo) {
  await hub.store.createRepo({ type: repo.type, name: repo.name });
  const { oid } = await hub.store.commit({ repo: { type: repo.type, name: repo.name }, message: "demo content", files: repo.files, author: "evalhub-demo" });
  sha.set(repo.name, oid);
}

const model = (name: string) => ({ hub: hubCfg, model: name, revision: sha.get(name)!, cacheDir });

async function readRows(dataset: string, split: string, columns: string[]) {
  const repo = await resolveRepo({ hub: hubCfg, type: "dataset", name: dataset });
  const layout = resolveSplit(repo, "default", split);
  const opts = { hub: hubCfg, dataset, revision: repo.sha, layout, columns };
  const opened = await openSplit(opts);
  const rows: Record<string, unknown>[] = [];
  for await (const batch of readSplitRows(opts, opened)) rows.push(...batch);
  return { repo, opened, rows };
}

const argmax = (values: readonly number[]) => values.reduce((best, v, i) => (v > values[best]! ? i : best), 0);
const accuracy = (predictions: number[], references: number[]) =>
  METRICS.accuracy.compute(predictions, references, METRICS.accuracy.defaultArgs).accuracy as number;

beforeAll(async () => {
  hub = await startTestHub();
  hubCfg = { hubUrl: hub.url, accessToken: hub.accessToken };
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "evalhub-nli-cache-"));
  repos = await buildNliDemoRepos();
  const sst2 = loadSst2Splits();
  const bow = trainBowModel(BOW_MODEL_SPECS.at(-1)!, sst2);
  // An NLI-looking model whose labels are entailment and something that is not a contradiction.
  const nliSmall = repos.find((r) => r.name === NLI_SENTIMENT_MODEL_IDS[0])!;
  const renamed = nliSmall.files.map((f) =>
    f.path === "config.json"
      ? { path: f.path, content: new TextEncoder().encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(f.content)), id2label: { "0": "neutral", "1": "entailment" }, label2id: { neutral: 0, entailment: 1 } })) }
      : f,
  );
  for (const repo of [
    ...repos,
    buildDatasetRepo({ datasetId: SST2_DEMO_DATASET_ID, splits: sst2, sourceText: await readFile(SST2_SOURCE_URL, "utf8"), modelIds: NLI_SENTIMENT_MODEL_IDS }),
    buildBowModelRepo(bow, { datasetId: SST2_DEMO_DATASET_ID, trainExamples: sst2.train.length }),
    { type: "model" as const, name: NO_CONTRADICTION_ID, files: renamed },
  ]) {
    await publish(repo);
  }
});

afterAll(async () => {
  await hub?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe("evalhub-demo/qnli-squad on the hub", () => {
  it("reads back from parquet with its ClassLabel and the train-eval-index for sentence pairs", async () => {
    const { repo, opened, rows } = await readRows(QNLI_DATASET_ID, "validation", ["question", "sentence", "label"]);
    expect(opened.flatFeatures.label).toEqual({ kind: "class_label", names: ["entailment", "not_entailment"] });
    expect(opened.flatFeatures.question).toEqual({ kind: "value", dtype: "string" });
    expect(rows).toEqual(loadQnliSplits().validation);
    expect(repo.cardData["train-eval-index"]).toEqual([
      expect.objectContaining({ task_id: "natural_language_inference", col_mapping: { question: "text1", sentence: "text2", label: "target" } }),
    ]);
  });
});

describe("sentence-pair models through loadTextClassifier(texts, pairs)", () => {
  it("reproduce the TS forward pass and score clearly differently on validation", async () => {
    const { rows } = await readRows(QNLI_DATASET_ID, "validation", ["question", "sentence", "label"]);
    const references = rows.map((r) => Number(r.label));
    const splits = loadQnliSplits();
    const scores: number[] = [];
    for (const [i, id] of QNLI_MODEL_IDS.entries()) {
      const trained = trainQnliModel(QNLI_MODEL_SPECS[i]!, splits);
      const encode = createEncoder(trained.vocab);
      const classifier = await loadTextClassifier(model(id));
      const predictions: number[] = [];
      for (let start = 0; start < rows.length; start += 64) {
        const batch = rows.slice(start, start + 64);
        const logits = await classifier.classify(batch.map((r) => String(r.question)), batch.map((r) => String(r.sentence)));
        logits.forEach((row, j) => {
          const expected = qnliLogits(trained, encodeQnli(encode, { question: String(batch[j]!.question), sentence: String(batch[j]!.sentence) }));
          expect(row[0]).toBeCloseTo(expected[0]!, 4);
          expect(row[1]).toBeCloseTo(expected[1]!, 4);
          predictions.push(argmax(row));
        });
      }
      expect(classifier.truncated()).toBe(0);
      await classifier.dispose();
      scores.push(accuracy(predictions, references));
    }
    const [small, base] = scores;
    expect(small).toBeGreaterThan(0.55);
    expect(base).toBeGreaterThan(0.72);
    expect(base! - small!).toBeGreaterThan(0.08);
  });
});

describe("zero-shot classification through an NLI model", () => {
  it("scores SST-2 validation with the ClassLabel names as candidates: clearly different models", async () => {
    const { opened, rows } = await readRows(SST2_DEMO_DATASET_ID, "validation", ["sentence", "label"]);
    const feature = opened.flatFeatures.label!;
    if (feature.kind !== "class_label") throw new Error("label is not a ClassLabel");
    expect(feature.names).toEqual(["negative", "positive"]);
    const references = rows.map((r) => Number(r.label));
    const sst2 = loadSst2Splits();
    const scores: number[] = [];
    for (const [i, id] of NLI_SENTIMENT_MODEL_IDS.entries()) {
      const classifier = await loadZeroShotClassifier(model(id));
      expect(classifier.runner).toMatchObject({ name: "local", dtype: "fp32", maxLength: 128, entailmentLabel: "entailment", contradictionLabel: "contradiction" });
      const predictions: number[] = [];
      for (let start = 0; start < rows.length; start += 50) {
        const out = await classifier.classify(rows.slice(start, start + 50).map((r) => String(r.sentence)), feature.names);
        for (const s of out) {
          expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
          predictions.push(argmax(s));
        }
      }
      await classifier.dispose();
      const acc = accuracy(predictions, references);
      // The ONNX graph computes what the seed's TS forward pass computes.
      expect(acc).toBeCloseTo(trainNliSentimentModel(NLI_SENTIMENT_SPECS[i]!, sst2).validationZeroShotAccuracy, 9);
      scores.push(acc);
    }
    const [small, base] = scores;
    expect(base).toBeGreaterThan(0.68);
    expect(base! - small!).toBeGreaterThan(0.08);
  });

  it("gives the scores transformers.js' own zero-shot pipeline gives, single- and multi-label", async () => {
    const id = NLI_SENTIMENT_MODEL_IDS[1]!;
    const classifier = await loadZeroShotClassifier(model(id));
    // loadZeroShotClassifier pointed transformers.js at the local hub and the temp cache.
    const reference = (await pipeline("zero-shot-classification", id, { revision: sha.get(id), dtype: "fp32" })) as ZeroShotClassificationPipeline;
    const texts = loadSst2Splits().validation.slice(0, 8).map((r) => r.sentence);
    const candidates = ["positive", "negative", "boring"];
    for (const multiLabel of [false, true]) {
      const ours = await classifier.classify(texts, candidates, { multiLabel, hypothesisTemplate: "This review is {}." });
      for (const [i, text] of texts.entries()) {
        const theirs = (await reference(text, candidates, { multi_label: multiLabel, hypothesis_template: "This review is {}." })) as { labels: string[]; scores: number[] };
        candidates.forEach((label, j) => expect(ours[i]![j]).toBeCloseTo(theirs.scores[theirs.labels.indexOf(label)]!, 5));
      }
    }
    await reference.dispose();
    await classifier.dispose();
  });

  it("keeps the hypothesis whole when a long text is truncated (only the text is cut)", async () => {
    const classifier = await loadZeroShotClassifier(model(NLI_SENTIMENT_MODEL_IDS[1]!));
    const long = `${"a wonderful , moving and beautiful film . ".repeat(40)}`;
    const [scores] = await classifier.classify([long], ["negative", "positive"]);
    expect(classifier.truncated()).toBe(2);
    // Were the hypothesis cut off, the model would see no label word and score 0.5 / 0.5.
    expect(scores![1]).toBeGreaterThan(0.6);
    await classifier.dispose();
  });

  it("accepts a two-way QNLI model: not_entailment plays contradiction", async () => {
    const classifier = await loadZeroShotClassifier(model(QNLI_MODEL_IDS[1]!));
    expect(classifier.runner).toMatchObject({ entailmentLabel: "entailment", contradictionLabel: "not_entailment", maxLength: 256 });
    const [scores] = await classifier.classify(["Denver won Super Bowl 50."], ["Denver", "Carolina"], { hypothesisTemplate: "Who won? {}" });
    expect(scores).toHaveLength(2);
    await classifier.dispose();
  });

  it("refuses a model without an entailment label, before downloading its weights", async () => {
    const err = await loadZeroShotClassifier(model(BOW_ID)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("UNPROCESSABLE");
    expect((err as AppError).message).toMatch(/not an NLI model.*negative, positive/);
  });

  it("refuses a template without {}, and multi-label for a model with no contradiction output", async () => {
    const nli = await loadZeroShotClassifier(model(NLI_SENTIMENT_MODEL_IDS[0]!));
    await expect(nli.classify(["fine"], ["negative", "positive"], { hypothesisTemplate: "This example is positive." })).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    await nli.dispose();
    const noContra: ZeroShotClassifier = await loadZeroShotClassifier(model(NO_CONTRADICTION_ID));
    expect(noContra.runner.contradictionLabel).toBeNull();
    expect((await noContra.classify(["fine"], ["negative", "positive"]))[0]).toHaveLength(2);
    await expect(noContra.classify(["fine"], ["negative", "positive"], { multiLabel: true })).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    await noContra.dispose();
  });
});

describe("determinism", () => {
  it("rebuilds byte-identical repos, and the hub serves exactly those bytes", async () => {
    const again = await buildNliDemoRepos();
    expect(again).toEqual(repos);
    for (const repo of repos.filter((r) => r.type === "model")) {
      const onnx = repo.files.find((f) => f.path === "onnx/model.onnx")!.content;
      const res = await fetch(`${hub.url}/${repo.name}/resolve/${sha.get(repo.name)}/onnx/model.onnx`, { headers: { Authorization: `Bearer ${hub.accessToken}` } });
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(onnx);
    }
  });
});
