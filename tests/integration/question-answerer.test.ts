import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import onnxProto from "onnx-proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "@/localhub";
import { buildQaDemoRepos, QA_MODEL_SPECS, SQUAD_TINY_ID, SQUAD_V2_SAMPLE_ID } from "@/seed/qa";
import { loadSquadTinySplits, loadSquadV2Sample, type SquadRow } from "@/seed/qa/squad";
import { encodeQaText } from "@/seed/qa/tokenizer";
import { prepareQaTraining, squadF1, trainQaModel } from "@/seed/qa/train-qa";
import type { DemoRepo } from "@/seed/demo-content";
import { openSplit, readSplitRows } from "@/server/datasets/read-split-rows";
import { resolveSplit } from "@/server/datasets/resolve-split";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo } from "@/server/hub/resolve-repo";
import { loadQuestionAnswerer, type QaPrediction, type QuestionAnswerer } from "@/server/inference/question-answerer";
import { METRICS } from "@/server/metrics";

/**
 * The QA demo end to end: the seed's dataset and model repos committed to a real local hub, the
 * splits read back through the dataset readers, both models run through transformers.js by the
 * local runner and scored with the project's SQuAD metrics.
 */
const [SMALL, BASE] = QA_MODEL_SPECS.map((s) => s.name) as [string, string];

let hub: TestHub;
let cfg: HubConfig;
let cacheDir: string;
let repos: DemoRepo[];
let buildMs: number;
const shas = new Map<string, string>();
const runners = new Map<string, QuestionAnswerer>();

async function put(repo: DemoRepo | { type: "model" | "dataset"; name: string; files: DemoRepo["files"] }) {
  await hub.store.createRepo({ type: repo.type, name: repo.name });
  const { oid } = await hub.store.commit({ repo: { type: repo.type, name: repo.name }, message: "Add files", files: repo.files, author: "evalhub-demo" });
  shas.set(repo.name, oid);
}

async function runner(model: string): Promise<QuestionAnswerer> {
  let r = runners.get(model);
  if (!r) runners.set(model, (r = await loadQuestionAnswerer({ hub: cfg, model, revision: shas.get(model)!, cacheDir })));
  return r;
}

async function readRows(dataset: string, split: string): Promise<SquadRow[]> {
  const repo = await resolveRepo({ hub: cfg, type: "dataset", name: dataset });
  const layout = resolveSplit(repo, "default", split);
  const opts = { hub: cfg, dataset: repo.name, revision: repo.sha, layout, columns: ["id", "title", "context", "question", "answers.text", "answers.answer_start"] };
  const opened = await openSplit(opts);
  expect(opened.columns).toEqual(expect.objectContaining(new Set(["answers.text", "answers.answer_start"])));
  const rows: SquadRow[] = [];
  for await (const batch of readSplitRows(opts, opened)) {
    for (const r of batch) {
      rows.push({
        id: r.id as string,
        title: r.title as string,
        context: r.context as string,
        question: r.question as string,
        answers: { text: r["answers.text"] as string[], answer_start: (r["answers.answer_start"] as (number | bigint)[]).map(Number) },
      });
    }
  }
  return rows;
}

const exactSubstrings = (rows: SquadRow[], preds: QaPrediction[]) => preds.every((p, i) => rows[i]!.context.slice(p.start, p.end) === p.text);

beforeAll(async () => {
  const t0 = performance.now();
  repos = await buildQaDemoRepos();
  buildMs = performance.now() - t0;
  hub = await startTestHub();
  cfg = { hubUrl: hub.url, accessToken: hub.accessToken };
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "qa-runner-cache-"));
  for (const repo of repos) await put(repo);
}, 120_000);

afterAll(async () => {
  for (const r of runners.values()) await r.dispose();
  await hub?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe("QA demo datasets", () => {
  it("squad-tiny reads back through openSplit/readSplitRows with answers.text / answers.answer_start", async () => {
    const expected = loadSquadTinySplits();
    for (const split of ["train", "validation"] as const) {
      expect(await readRows(SQUAD_TINY_ID, split)).toEqual(expected[split]);
    }
    const trainContexts = new Set(expected.train.map((r) => r.context));
    expect(expected.validation.some((r) => trainContexts.has(r.context))).toBe(false);
  });

  it("squad-v2-sample keeps its unanswerable questions as empty answer lists", async () => {
    const rows = await readRows(SQUAD_V2_SAMPLE_ID, "validation");
    expect(rows).toEqual(loadSquadV2Sample());
    expect(rows.filter((r) => r.answers.text.length === 0)).toHaveLength(6);
    expect(rows.find((r) => r.answers.text.length === 0)!.answers.answer_start).toEqual([]);
  });
});

describe("loadQuestionAnswerer on the demo models", () => {
  let validation: SquadRow[];
  const results = new Map<string, { f1: number; exact_match: number; preds: QaPrediction[] }>();

  beforeAll(async () => {
    validation = await readRows(SQUAD_TINY_ID, "validation");
    for (const model of [SMALL, BASE]) {
      const qa = await runner(model);
      const preds = await qa.answer(validation.map((r) => ({ question: r.question, context: r.context })));
      const scores = METRICS.squad.compute(
        preds.map((p, i) => ({ id: validation[i]!.id, prediction_text: p.text })),
        validation.map((r) => ({ id: r.id, answers: r.answers })),
        {},
      ) as { f1: number; exact_match: number };
      results.set(model, { ...scores, preds });
    }
    console.log(
      `[qa] build ${buildMs.toFixed(0)} ms; squad-tiny validation (${validation.length}): ` +
        [...results].map(([m, r]) => `${m} EM ${r.exact_match.toFixed(2)} F1 ${r.f1.toFixed(2)} (null > best span on ${r.preds.filter((p) => p.noAnswerScore > p.score).length})`).join("; "),
    );
  }, 300_000);

  it("reports its runner: library, fp32, the tokenizer's max length", async () => {
    const qa = await runner(BASE);
    expect(qa.runner).toEqual({ name: "local", library: expect.stringMatching(/^@huggingface\/transformers@\d/), dtype: "fp32", maxLength: 256 });
  });

  it("answers with exact substrings of the context and probabilities in [0, 1]", () => {
    // The models' tokenizer splits unseen words into characters, so a few questions exceed 64 tokens.
    const { vocab } = prepareQaTraining(loadSquadTinySplits());
    const longQuestions = validation.map((r) => encodeQaText(vocab, r.question).ids.length > 64);
    expect(longQuestions.filter(Boolean).length).toBeLessThan(10);
    for (const { preds } of results.values()) {
      expect(preds).toHaveLength(validation.length);
      expect(exactSubstrings(validation, preds)).toBe(true);
      for (const p of preds) {
        expect(p.text.length).toBeGreaterThan(0);
        expect(p.score).toBeGreaterThan(0);
        expect(p.score).toBeLessThanOrEqual(1);
        expect(p.noAnswerScore).toBeGreaterThanOrEqual(0);
        expect(p.noAnswerScore).toBeLessThanOrEqual(1);
      }
      expect(preds.map((p) => p.truncatedQuestion)).toEqual(longQuestions);
    }
  });

  it("the base model is clearly better than the small one, and neither is trivial", () => {
    const small = results.get(SMALL)!;
    const base = results.get(BASE)!;
    expect(base.f1).toBeGreaterThan(small.f1 + 8);
    expect(base.exact_match).toBeGreaterThan(small.exact_match);
    expect(small.f1).toBeGreaterThan(3);
    expect(base.f1).toBeLessThan(60);
  });

  it("scores what the seed's own TypeScript forward pass predicts (the ONNX graph is the trained model)", () => {
    const shared = prepareQaTraining(loadSquadTinySplits());
    for (const spec of QA_MODEL_SPECS) {
      const model = trainQaModel(spec, shared);
      const reference = squadF1(model.tables, model.weights, shared.validation);
      // Long contexts are windowed by the runner and not by the reference, so allow a little.
      expect(Math.abs(results.get(spec.name)!.f1 - reference.f1), spec.name).toBeLessThan(2);
    }
  });

  it("splits contexts longer than the model's max length into windows and still finds the answer", async () => {
    const qa = await runner(BASE);
    const base = results.get(BASE)!;
    // A question the base model answers exactly on its own paragraph...
    const i = validation.findIndex((r, k) => base.preds[k]!.windows === 1 && r.answers.text.includes(base.preds[k]!.text) && base.preds[k]!.text.length > 3);
    expect(i).toBeGreaterThanOrEqual(0);
    const row = validation[i]!;
    // ...asked again after ~600 tokens of an unrelated article (the SQuAD 2.0 "Normans" paragraphs).
    const filler = [...new Set(loadSquadV2Sample().map((r) => r.context))].join("\n\n");
    const context = `${filler}\n\n${filler}\n\n${row.context}`;
    const [long] = await qa.answer([{ question: row.question, context }]);
    expect(long!.windows).toBeGreaterThan(2);
    expect(context.slice(long!.start, long!.end)).toBe(long!.text);
    expect(long!.text).toBe(base.preds[i]!.text);
    expect(long!.start).toBe(context.length - row.context.length + base.preds[i]!.start);
    // With a smaller stride there are fewer overlapping windows, with the same answer.
    const [wide] = await qa.answer([{ question: row.question, context }], { docStride: 0 });
    expect(wide!.windows).toBeLessThanOrEqual(long!.windows);
    expect(wide!.text).toBe(long!.text);
  });

  it("limits answers to maxAnswerTokens", async () => {
    const qa = await runner(BASE);
    const rows = validation.slice(0, 40);
    const preds = await qa.answer(rows, { maxAnswerTokens: 1 });
    expect(exactSubstrings(rows, preds)).toBe(true);
    // One token is at most one word of the context.
    for (const p of preds) expect(p.text).toMatch(/^(?:[^\s\p{P}]+|\p{P})$/u);
  });

  it("gives the same answers one by one as in a batch", async () => {
    const qa = await runner(BASE);
    const rows = validation.slice(0, 5);
    const batched = await qa.answer(rows);
    for (const [k, row] of rows.entries()) {
      const [alone] = await qa.answer([row], { batchSize: 1 });
      expect(alone!.text).toBe(batched[k]!.text);
      expect(alone!.score).toBeCloseTo(batched[k]!.score, 5);
    }
  });
});

describe("SQuAD v2 on the v2 sample", () => {
  it("abstains through the null score and scores with squad_v2", async () => {
    const rows = await readRows(SQUAD_V2_SAMPLE_ID, "validation");
    const qa = await runner(BASE);
    const preds = await qa.answer(rows, { handleImpossibleAnswer: true });
    for (const p of preds) {
      expect(p.noAnswerScore).toBeGreaterThan(0);
      expect(p.noAnswerScore).toBeLessThan(1);
      // Abstaining is exactly "null beats the best span".
      expect(p.text === "").toBe(p.noAnswerScore > p.score);
    }
    const plain = await qa.answer(rows);
    expect(plain.map((p) => p.noAnswerScore)).toEqual(preds.map((p) => p.noAnswerScore));
    const references = rows.map((r) => ({ id: r.id, answers: r.answers }));
    const scores = METRICS.squad_v2.compute(
      preds.map((p, i) => ({ id: rows[i]!.id, prediction_text: p.text, no_answer_probability: p.noAnswerScore })),
      references,
      { no_answer_threshold: 1 },
    ) as Record<string, number>;
    console.log(`[qa] squad_v2 sample, ${BASE}: ${JSON.stringify(scores)}`);
    expect(scores).toMatchObject({ total: 14, HasAns_total: 8, NoAns_total: 6 });
    // NoAns questions are right exactly when the model abstained on them.
    const abstainedOnNoAns = rows.filter((r, i) => r.answers.text.length === 0 && preds[i]!.text === "").length;
    expect(scores.NoAns_exact).toBeCloseTo((100 * abstainedOnNoAns) / 6, 10);
    expect(scores.best_f1).toBeGreaterThanOrEqual(scores.f1 - 1e-9);
  });
});

describe("errors", () => {
  const { onnx } = onnxProto as unknown as typeof import("onnx-proto");
  /** A graph whose start/end logits are [b, s, 1] instead of [b, s]. */
  function wrongShapeOnnx(): Uint8Array {
    const INT64 = onnx.TensorProto.DataType.INT64;
    const FLOAT = onnx.TensorProto.DataType.FLOAT;
    const io = (name: string, type: number, dims: string[]) => ({ name, type: { tensorType: { elemType: type, shape: { dim: dims.map((d) => ({ dimParam: d })) } } } });
    const graph = {
      name: "wrong_shape",
      input: ["input_ids", "attention_mask", "token_type_ids"].map((n) => io(n, INT64, ["b", "s"])),
      output: ["start_logits", "end_logits"].map((n) => io(n, FLOAT, ["b", "s", "one"])),
      initializer: [{ name: "axis_2", dims: [1], dataType: INT64, int64Data: [2] }],
      node: [
        { opType: "Cast", input: ["attention_mask"], output: ["mask"], name: "cast", attribute: [{ name: "to", type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }] },
        { opType: "Unsqueeze", input: ["mask", "axis_2"], output: ["start_logits"], name: "start" },
        { opType: "Unsqueeze", input: ["mask", "axis_2"], output: ["end_logits"], name: "end" },
      ],
    };
    return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 7, opsetImport: [{ domain: "", version: 13 }], graph })).finish();
  }

  it("outputs of the wrong shape throw a clear error", async () => {
    const base = repos.find((r) => r.name === BASE)!;
    const files = base.files.map((f) => (f.path === "onnx/model.onnx" ? { path: f.path, content: wrongShapeOnnx() } : f));
    await put({ type: "model", name: "evalhub-demo/qa-wrong-shape", files });
    const qa = await runner("evalhub-demo/qa-wrong-shape");
    await expect(qa.answer([{ question: "Who won?", context: "The Denver Broncos won." }])).rejects.toThrow(
      /returned start_logits of shape \[1, \d+, 1\], expected \[1, \d+\]/,
    );
  });

  it("a model that does not exist fails to load with the model named", async () => {
    await expect(loadQuestionAnswerer({ hub: cfg, model: "evalhub-demo/missing-qa", revision: "0".repeat(40), cacheDir })).rejects.toThrow(/evalhub-demo\/missing-qa/);
  });
});

describe("seed determinism", () => {
  it("builds byte-identical repos twice", async () => {
    const again = await buildQaDemoRepos();
    expect(again.map((r) => r.name)).toEqual(repos.map((r) => r.name));
    again.forEach((repo, i) => {
      expect(repo.files.map((f) => f.path)).toEqual(repos[i]!.files.map((f) => f.path));
      repo.files.forEach((f, j) => expect(Buffer.compare(Buffer.from(f.content), Buffer.from(repos[i]!.files[j]!.content)), `${repo.name}/${f.path}`).toBe(0));
    });
  }, 60_000);
});
