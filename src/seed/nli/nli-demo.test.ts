import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AutoTokenizer, env } from "@huggingface/transformers";
import onnxProto from "onnx-proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadSst2Splits } from "../sst2";
import { MODEL_MAX_LENGTH } from "../wordpiece";
import { writeRepoDir } from "../write-repo-dir";
import { buildNliDemoRepos, buildNliModelRepo, buildQnliModelRepo, NLI_SENTIMENT_MODEL_IDS, QNLI_DATASET_ID, QNLI_MODEL_IDS } from ".";
import { trainLogistic } from "./logistic";
import { NLI_SENTIMENT_SPECS, sst2AsNliPairs, trainNliSentimentModel } from "./nli-sentiment";
import { createEncoder, encodePair } from "./pair-encode";
import { buildQnliSplits, loadQnliSplits, splitSentences, SQUAD_JSON_URL } from "./qnli-data";
import { QNLI_MAX_LENGTH, QNLI_MODEL_SPECS, trainQnliModel } from "./qnli-model";

const { onnx } = onnxProto as unknown as typeof import("onnx-proto");
const squad = JSON.parse(readFileSync(SQUAD_JSON_URL, "utf8"));
const qnli = loadQnliSplits();
const sst2 = loadSst2Splits();
const qnliModels = QNLI_MODEL_SPECS.map((spec) => trainQnliModel(spec, qnli));
const nliModels = NLI_SENTIMENT_SPECS.map((spec) => trainNliSentimentModel(spec, sst2));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const frontMatter = (readme: string) => parse(readme.split("---\n")[1]!) as Record<string, unknown>;

describe("evalhub-demo/qnli-squad", () => {
  it("splits a context into sentences at end punctuation", () => {
    expect(splitSentences('He said "Go." Then 50 people left. (Really!) ok').map((s) => s.text)).toEqual(['He said "Go."', "Then 50 people left.", "(Really!) ok"]);
  });

  it("has exactly balanced labels and keeps whole paragraphs in one split", () => {
    for (const rows of [qnli.train, qnli.validation]) {
      expect(rows.filter((r) => r.label === 0).length * 2).toBe(rows.length);
    }
    expect(qnli.train.length).toBeGreaterThan(1000);
    expect(qnli.validation.length).toBeGreaterThan(300);
    const trainQuestions = new Set(qnli.train.map((r) => r.question));
    const trainSentences = new Set(qnli.train.map((r) => r.sentence));
    expect(qnli.validation.filter((r) => trainQuestions.has(r.question) || trainSentences.has(r.sentence))).toEqual([]);
  });

  it("labels a pair entailment exactly when the sentence holds an answer of the question", () => {
    const answers = new Map<string, string[]>();
    for (const p of squad.data[0].paragraphs) for (const qa of p.qas) answers.set(qa.question.trim(), qa.answers.map((a: { text: string }) => a.text));
    for (const row of [...qnli.train, ...qnli.validation]) {
      const holds = answers.get(row.question)!.some((a) => row.sentence.includes(a));
      expect(holds, `${row.question} / ${row.sentence}`).toBe(row.label === 0);
    }
  });

  it("depends on the seed, and only on the seed", () => {
    expect(buildQnliSplits(squad)).toEqual(qnli);
    expect(buildQnliSplits(squad, { seed: 1 }).validation).not.toEqual(qnli.validation);
  });
});

describe("logistic regression", () => {
  it("recovers a separating direction and folds standardisation back into raw weights", () => {
    const features = Array.from({ length: 200 }, (_, i) => [i % 10, 100 * ((i * 7) % 13)]);
    const targets = features.map(([a]) => (a! >= 5 ? 1 : 0) as 0 | 1);
    const model = trainLogistic({ features, targets });
    const correct = features.filter((x, i) => (model.weights[0]! * x[0]! + model.weights[1]! * x[1]! + model.bias > 0 ? 1 : 0) === targets[i]).length;
    expect(correct).toBe(200);
    expect(Math.abs(model.weights[1]!)).toBeLessThan(Math.abs(model.weights[0]!) / 100);
  });
});

describe("pair encoding", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "evalhub-nli-"));
    await writeRepoDir(buildQnliModelRepo(qnliModels[1]!, { datasetId: QNLI_DATASET_ID, trainExamples: qnli.train.length }), root);
    await writeRepoDir(buildNliModelRepo(nliModels[0]!, { datasetId: "evalhub-demo/sst2", trainSentences: sst2.train.length }), root);
    env.allowRemoteModels = false;
    env.localModelPath = root;
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("matches transformers.js (ids and token_type_ids) on every QNLI pair", async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(QNLI_MODEL_SPECS[1]!.name);
    const encode = createEncoder(qnliModels[1]!.vocab);
    for (const row of [...qnli.train, ...qnli.validation]) {
      const ours = encodePair(encode, row.question, row.sentence, QNLI_MAX_LENGTH);
      const theirs = tokenizer(row.question, { text_pair: row.sentence, return_tensor: false }) as unknown as { input_ids: number[]; token_type_ids: number[] };
      expect(ours.ids).toEqual(theirs.input_ids);
      expect(ours.types).toEqual(theirs.token_type_ids);
    }
  });

  it("matches transformers.js on the SST-2 NLI pairs of the small model (most words are [UNK])", async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(NLI_SENTIMENT_SPECS[0]!.name);
    const encode = createEncoder(nliModels[0]!.vocab);
    for (const pair of sst2AsNliPairs([...sst2.train, ...sst2.validation])) {
      const ours = encodePair(encode, pair.premise, pair.hypothesis, MODEL_MAX_LENGTH);
      const theirs = tokenizer(pair.premise, { text_pair: pair.hypothesis, return_tensor: false }) as unknown as { input_ids: number[]; token_type_ids: number[] };
      expect(ours.ids).toEqual(theirs.input_ids);
      expect(ours.types).toEqual(theirs.token_type_ids);
    }
  });
});

describe("demo models (our TS forward pass; the ONNX graphs are checked against it in tests/integration/nli-zero-shot.test.ts)", () => {
  it("QNLI overlap models: clearly different validation accuracy", () => {
    const [small, base] = qnliModels.map((m) => m.validationAccuracy);
    expect(small).toBeCloseTo(0.6384180791, 6);
    expect(base).toBeCloseTo(0.7711864407, 6);
    expect(base! - small!).toBeGreaterThan(0.08);
  });

  it("NLI sentiment models: only the label words keep a hypothesis column; clearly different zero-shot accuracy", () => {
    for (const m of nliModels) expect(m.hypothesisWords).toEqual(["negative", "positive"]);
    const [small, base] = nliModels.map((m) => m.validationZeroShotAccuracy);
    expect(small).toBeCloseTo(0.58, 6);
    expect(base).toBeCloseTo(0.73, 6);
    expect(base! - small!).toBeGreaterThan(0.08);
  });
});

describe("buildNliDemoRepos", () => {
  it("builds the same bytes every time, quickly", async () => {
    const started = performance.now();
    const first = await buildNliDemoRepos();
    const elapsed = performance.now() - started;
    const second = await buildNliDemoRepos();
    expect(first.map((r) => r.name)).toEqual([QNLI_DATASET_ID, ...QNLI_MODEL_IDS, ...NLI_SENTIMENT_MODEL_IDS]);
    expect(second).toEqual(first);
    // Generous bound: the machine running the tests may be busy; measured ~0.3 s on an idle core.
    expect(elapsed).toBeLessThan(8_000);
  });

  it("writes cards whose front matter says what each repo is", async () => {
    const repos = await buildNliDemoRepos();
    const readme = (name: string) => text(repos.find((r) => r.name === name)!.files.find((f) => f.path === "README.md")!.content);
    const dataset = frontMatter(readme(QNLI_DATASET_ID));
    expect(dataset.license).toBe("cc-by-sa-4.0");
    expect(dataset["train-eval-index"]).toEqual([
      expect.objectContaining({
        task: "text-classification",
        task_id: "natural_language_inference",
        splits: { train_split: "train", eval_split: "validation" },
        col_mapping: { question: "text1", sentence: "text2", label: "target" },
      }),
    ]);
    expect((dataset.dataset_info as { features: unknown[] }).features).toContainEqual({
      name: "label",
      dtype: { class_label: { names: { "0": "entailment", "1": "not_entailment" } } },
    });
    for (const id of QNLI_MODEL_IDS) expect(frontMatter(readme(id))).toMatchObject({ pipeline_tag: "text-classification", datasets: [QNLI_DATASET_ID] });
    for (const id of NLI_SENTIMENT_MODEL_IDS) {
      expect(frontMatter(readme(id))).toMatchObject({ pipeline_tag: "zero-shot-classification", datasets: ["evalhub-demo/sst2"] });
      const config = JSON.parse(text(repos.find((r) => r.name === id)!.files.find((f) => f.path === "config.json")!.content));
      expect(config).toMatchObject({ model_type: "bert", id2label: { "0": "contradiction", "1": "entailment" } });
    }
  });

  it("declares input_ids, attention_mask and token_type_ids at opset 13 with a [batch, 2] logits output", async () => {
    for (const repo of (await buildNliDemoRepos()).filter((r) => r.type === "model")) {
      const decoded = onnx.ModelProto.decode(repo.files.find((f) => f.path === "onnx/model.onnx")!.content);
      expect(Number(decoded.opsetImport[0]!.version)).toBe(13);
      expect(decoded.graph!.input!.map((i) => i.name)).toEqual(["input_ids", "attention_mask", "token_type_ids"]);
      expect(decoded.graph!.output!.map((o) => o.name)).toEqual(["logits"]);
      expect(Number(decoded.graph!.output![0]!.type!.tensorType!.shape!.dim![1]!.dimValue)).toBe(2);
    }
  });
});
