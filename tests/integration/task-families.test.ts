import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInferenceStub, type InferenceStub } from "@/inference-stub";
import { GENERATION_HANDLERS } from "@/inference-stub/generation-handlers";
import { createSubmission } from "@/server/evaluations/create-submission";
import { getEvaluation } from "@/server/evaluations/get-evaluation";
import { getSubmission, type SubmissionView } from "@/server/evaluations/get-submission";
import { AppError } from "@/server/errors";
import { loadPredictions } from "@/server/evaluations/prediction-store";
import { scoringInputs } from "@/server/evaluations/compute-results";
import { getLeaderboard } from "@/server/leaderboards/get-leaderboard";
import { METRICS, type MetricId } from "@/server/metrics";
import { pairedBootstrap } from "@/server/metrics/bootstrap";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { listCompatibleModels } from "@/server/models/list-compatible-models";
import { encodePng } from "@/seed/image/png";
import { SUMMARIZE_FIRST_WORDS_ID, SUMMARIZE_LEAD_ID, TRANSLATE_COPY_ID, TRANSLATE_LEXICON_ID } from "@/seed/generation";
import { createTestDatabase } from "../helpers/database";
import { DEMO_TOKEN, startDemoHub } from "../helpers/demo-hub";
import { startPipeline } from "../helpers/pipeline";

/**
 * Every task family end to end on the demo hub: submission -> BullMQ -> worker -> transformers.js
 * (or the remote runner against the inference stub) -> metrics. Each family has two models of
 * clearly different quality; the better one must come out ahead through the whole product.
 */
let hub: Awaited<ReturnType<typeof startDemoHub>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queue: Queue;
let pipeline: Awaited<ReturnType<typeof startPipeline>>;
let stub: InferenceStub;
let inference: InferenceConfig;
let deps: Omit<Parameters<typeof createSubmission>[0], "input">;

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const HANG_MODEL = "fixtures/summarize-hangs";
const GARBAGE_MODEL = "fixtures/summarize-garbage";
const utf8 = (t: string) => new TextEncoder().encode(t);
const solid = (r: number, g: number, b: number) => encodePng({ width: 16, height: 16, channels: 3, data: new Uint8Array(16 * 16 * 3).map((_, i) => [r, g, b][i % 3]) });

/** Test-only repos: an imagefolder with a corrupt image, a text too long for the model, a model whose outputs have the wrong shape. */
async function addBadInputFixtures(store: Awaited<ReturnType<typeof startDemoHub>>["store"], hubUrl: string) {
  const put = async (type: "model" | "dataset", name: string, files: { path: string; content: Uint8Array }[]) => {
    await store.createRepo({ type, name });
    await store.commit({ repo: { type, name }, message: "fixture", files, author: "fixtures" });
  };
  await put("dataset", "fixtures/broken-images", [
    { path: "validation/cat/0.png", content: solid(120, 110, 100) },
    { path: "validation/couch/1.png", content: solid(230, 120, 160) },
    { path: "validation/remote/2.png", content: utf8("this is not an image") },
  ]);
  const long = Array.from({ length: 700 }, (_, i) => (i % 2 ? "good" : "film")).join(" ");
  await put("dataset", "fixtures/long-texts", [
    { path: "validation.jsonl", content: utf8(`${JSON.stringify({ sentence: long, label: "positive" })}\n${JSON.stringify({ sentence: "a dull film", label: "negative" })}\n`) },
  ]);
  // A token classifier's config (nine tags) with a sequence classifier's tokenizer and graph: logits [batch, 2].
  const file = async (repo: string, p: string) => new Uint8Array(await (await fetch(`${hubUrl}/${repo}/resolve/main/${p}`, { headers: { Authorization: `Bearer ${DEMO_TOKEN}` } })).arrayBuffer());
  await put("model", "fixtures/ner-wrong-shape", [
    { path: "README.md", content: utf8("---\npipeline_tag: token-classification\n---\nWrong output shape.\n") },
    { path: "config.json", content: await file("evalhub-demo/ner-lexicon-base", "config.json") },
    ...(await Promise.all(["tokenizer.json", "tokenizer_config.json", "onnx/model.onnx"].map(async (p) => ({ path: p, content: await file("evalhub-demo/sst2-bow-base", p) })))),
  ]);
}

beforeAll(async () => {
  stub = await startInferenceStub({
    handlers: {
      ...GENERATION_HANDLERS,
      [HANG_MODEL]: { ...GENERATION_HANDLERS[SUMMARIZE_LEAD_ID], faults: { delayMs: 3_000 } },
      [GARBAGE_MODEL]: { ...GENERATION_HANDLERS[SUMMARIZE_LEAD_ID], faults: { script: Array.from({ length: 50 }, () => ({ status: 200, body: { summary: 42 } })) } },
    },
  });
  const endpoints = Object.fromEntries([...Object.keys(GENERATION_HANDLERS), HANG_MODEL, GARBAGE_MODEL].map((m) => [m, { endpointUrl: stub.endpointUrl(m) }]));
  inference = { remote: { endpoints, concurrency: 4, timeoutMs: 500, maxRetries: 1 } };
  pipeline = await startPipeline("families", {
    worker: { batchSize: 16, inference },
    prepareHub: async (h) => {
      await addBadInputFixtures(h.store, h.url);
      // Remote-only models whose endpoints never answer in time, or answer JSON of the wrong shape.
      for (const name of [HANG_MODEL, GARBAGE_MODEL]) {
        await h.store.createRepo({ type: "model", name });
        await h.store.commit({
          repo: { type: "model", name },
          message: "card",
          files: [{ path: "README.md", content: new TextEncoder().encode("---\npipeline_tag: summarization\n---\nA misbehaving endpoint.\n") }],
          author: "fixtures",
        });
      }
    },
  });
  ({ hub, database, queue } = pipeline);
  deps = { ...pipeline.deps, inference };
}, 120_000);

afterAll(async () => {
  await pipeline?.close();
  await stub?.close();
});

async function evaluate(input: Record<string, unknown>, timeoutMs = 90_000): Promise<SubmissionView> {
  const created = await createSubmission({ ...deps, input: { createPr: false, ...input } });
  const start = Date.now();
  for (;;) {
    const s = await getSubmission({ db: database.db, id: created.id });
    if (s.evaluations.every((e) => e.status === "succeeded" || e.status === "failed")) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`submission ${created.id} still ${s.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** metric value per model, after checking every evaluation succeeded. */
function scores(s: SubmissionView, metric: string): Record<string, number> {
  for (const e of s.evaluations) expect(e.status, `${e.model}: ${e.failureReason}`).toBe("succeeded");
  return Object.fromEntries(s.evaluations.map((e) => [e.model, e.results[metric] as number]));
}

async function manifestOf(s: SubmissionView, model: string) {
  const e = s.evaluations.find((x) => x.model === model)!;
  return (await getEvaluation({ db: database.db, id: e.id })).manifest as Record<string, any>;
}

/**
 * The leaderboard compares the runner-up with the leader by a paired bootstrap on the stored
 * structured predictions (not CI overlap), and its figures are the bootstrap's on the same examples.
 */
async function expectPairedComparison(dataset: string, metric: MetricId, rows: number) {
  const board = await getLeaderboard({ db: database.db, dataset, metric });
  const leader = board.rows.find((r) => r.leader)!;
  const other = board.rows.find((r) => !r.leader && r.source === "evalhub" && r.results[metric] !== undefined)!;
  expect(other.comparison).toMatchObject({ with: leader.model, test: "paired-bootstrap", rows, resamples: 1000 });
  const load = async (id: string) => {
    const { evaluationKey } = await database.db.evaluation.findUniqueOrThrow({ where: { id } });
    return (await loadPredictions(database.db, evaluationKey))!;
  };
  const [a, b] = [await load(leader.evaluationId!), await load(other.evaluationId!)];
  const ia = scoringInputs(metric, a);
  const ib = scoringInputs(metric, b);
  const expected = pairedBootstrap(METRICS[metric], ia.preds, ib.preds, ia.refs, ia.args, { resamples: 1000, seed: 0 });
  expect(other.comparison!.difference).toBeCloseTo(expected.difference, 12);
  expect(other.comparison!.interval).toEqual([expected.interval.low, expected.interval.high]);
  expect(other.tied).toBe(expected.interval.low <= 0 && expected.interval.high >= 0);
}

describe("every task family through the queue", () => {
  it("token classification: word-level tags from sub-word predictions, scored with seqeval", async () => {
    const s = await evaluate({
      dataset: "evalhub-demo/conll-ner",
      split: "validation",
      task: "token-classification",
      columnMapping: { tokens: "tokens", tags: "ner_tags" },
      models: ["evalhub-demo/ner-lexicon-small", "evalhub-demo/ner-lexicon-base"],
    });
    const f1 = scores(s, "seqeval");
    // 25 gold entities; measured through transformers.js in tests/integration/token-classifier.test.ts.
    expect(f1["evalhub-demo/ner-lexicon-base"]).toBeCloseTo(2 / 3, 4);
    expect(f1["evalhub-demo/ner-lexicon-small"]).toBeCloseTo(0.2667, 4);
    const manifest = await manifestOf(s, "evalhub-demo/ner-lexicon-base");
    expect(manifest.parameters).toEqual({ aggregation_strategy: "first" });
    expect(manifest.runner).toMatchObject({ name: "local", aggregationStrategy: "first", truncatedWords: 0 });
    await expectPairedComparison("evalhub-demo/conll-ner", "seqeval", 10);
  }, 120_000);

  it("token classification through the CLI: AutoTrain task id, --map and --param, the same numbers as the queue", async () => {
    const cli = (extra: string[]) =>
      exec(
        process.execPath,
        [path.join(ROOT, "bin/evalhub.mjs"), "evaluate", "--model", "evalhub-demo/ner-lexicon-base", "--dataset", "evalhub-demo/conll-ner", "--split", "validation", "--task", "entity_extraction", "--map", "tokens=tokens", "--map", "ner_tags=tags", ...extra],
        { cwd: ROOT, env: { ...process.env, HF_ENDPOINT: hub.url, HF_TOKEN: DEMO_TOKEN, MODEL_CACHE_DIR: path.join(hub.dir, ".cli-cache") } },
      );
    const out = JSON.parse((await cli(["--param", "aggregation_strategy=max"])).stdout);
    expect(out).toMatchObject({ task: "token-classification", parameters: { aggregation_strategy: "max" } });
    const queued = await evaluate({ dataset: "evalhub-demo/conll-ner", split: "validation", task: "token-classification", columnMapping: { tokens: "tokens", tags: "ner_tags" }, models: ["evalhub-demo/ner-lexicon-base"], parameters: { aggregation_strategy: "max" } });
    expect(out.results.seqeval).toBe(queued.evaluations[0].results.seqeval);
    const bad = await cli(["--param", "aggregation_strategy=longest"]).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--param: aggregation_strategy/);
  }, 120_000);

  it("token classification: the aggregation strategy is a parameter and part of the key", async () => {
    const s = await evaluate({
      dataset: "evalhub-demo/conll-ner",
      split: "validation",
      task: "token-classification",
      columnMapping: { tokens: "tokens", tags: "ner_tags" },
      models: ["evalhub-demo/ner-lexicon-base"],
      parameters: { aggregation_strategy: "max" },
    });
    scores(s, "seqeval");
    expect((await manifestOf(s, "evalhub-demo/ner-lexicon-base")).runner.aggregationStrategy).toBe("max");
    await expect(
      createSubmission({ ...deps, input: { dataset: "evalhub-demo/conll-ner", split: "validation", task: "token-classification", columnMapping: { tokens: "tokens", tags: "ner_tags" }, models: ["evalhub-demo/ner-lexicon-base"], parameters: { aggregation_strategy: "longest" } } }),
    ).rejects.toMatchObject({ fields: { "parameters.aggregation_strategy": expect.any(String) } });
  }, 120_000);

  it("extractive QA (SQuAD v1.1): answers.text / answers.answer_start, official-script F1 and EM", async () => {
    const s = await evaluate({
      dataset: "evalhub-demo/squad-tiny",
      split: "validation",
      task: "question-answering",
      columnMapping: { context: "context", question: "question", "answers.text": "answers.text", "answers.answer_start": "answers.answer_start" },
      models: ["evalhub-demo/qa-overlap-small", "evalhub-demo/qa-overlap-base"],
    });
    const f1 = scores(s, "squad");
    // Measured through the runner alone in tests/integration/question-answerer.test.ts (F1 21.94 vs 10.34).
    expect(f1["evalhub-demo/qa-overlap-base"]).toBeCloseTo(21.94, 1);
    expect(f1["evalhub-demo/qa-overlap-small"]).toBeCloseTo(10.34, 1);
    const e = s.evaluations.find((x) => x.model === "evalhub-demo/qa-overlap-base")!;
    expect(e.results.squad).toBeGreaterThan(0);
    expect(e.results.squad).toBeLessThan(100);
    await expectPairedComparison("evalhub-demo/squad-tiny", "squad", 408);
  }, 180_000);

  it("extractive QA (SQuAD v2.0): unanswerable questions scored with squad_v2", async () => {
    const s = await evaluate({
      dataset: "evalhub-demo/squad-v2-sample",
      split: "validation",
      task: "question-answering",
      columnMapping: { context: "context", question: "question", "answers.text": "answers.text", "answers.answer_start": "answers.answer_start" },
      metrics: ["squad_v2"],
      models: ["evalhub-demo/qa-overlap-base"],
    });
    const f1 = scores(s, "squad_v2");
    expect(f1["evalhub-demo/qa-overlap-base"]).toBeGreaterThan(0);
  }, 120_000);

  it("sentence pairs (NLI): text and text2 go to the model as a pair", async () => {
    const s = await evaluate({
      dataset: "evalhub-demo/qnli-squad",
      split: "validation",
      task: "text-classification",
      columnMapping: { text: "question", text2: "sentence", target: "label" },
      metrics: ["accuracy"],
      models: ["evalhub-demo/qnli-overlap-small", "evalhub-demo/qnli-overlap-base"],
    });
    const acc = scores(s, "accuracy");
    expect(acc["evalhub-demo/qnli-overlap-base"]).toBeGreaterThan(acc["evalhub-demo/qnli-overlap-small"] + 0.05);
  }, 120_000);

  it("zero-shot classification through NLI models: the ClassLabel names are the candidates", async () => {
    const s = await evaluate({
      dataset: "evalhub-demo/sst2",
      split: "validation",
      task: "zero-shot-classification",
      columnMapping: { text: "sentence", target: "label" },
      metrics: ["accuracy"],
      models: ["evalhub-demo/nli-sentiment-small", "evalhub-demo/nli-sentiment-base"],
    });
    const acc = scores(s, "accuracy");
    expect(acc["evalhub-demo/nli-sentiment-base"]).toBeGreaterThan(acc["evalhub-demo/nli-sentiment-small"] + 0.05);
    expect((await manifestOf(s, "evalhub-demo/nli-sentiment-base")).runner.hypothesisTemplate).toBe("This example is {}.");
  }, 120_000);

  it("zero-shot classification with causal LMs: completions scored by summed log-probabilities", async () => {
    const input = {
      dataset: "evalhub-demo/sst2-zero-shot",
      split: "validation",
      task: "text-generation",
      columnMapping: { text: "text", classes: "classes", target: "target" },
      models: ["evalhub-demo/sst2-causal-lm-tiny", "evalhub-demo/sst2-causal-lm-base"],
    };
    const acc = scores(await evaluate(input), "accuracy");
    // Measured through the scorer alone in tests/integration/causal-lm-scorer.test.ts.
    expect(acc["evalhub-demo/sst2-causal-lm-tiny"]).toBeCloseTo(0.6, 10);
    expect(acc["evalhub-demo/sst2-causal-lm-base"]).toBeCloseTo(0.7375, 10);
    const normalized = await evaluate({ ...input, models: ["evalhub-demo/sst2-causal-lm-base"], parameters: { normalize: "tokens" } });
    expect((await manifestOf(normalized, "evalhub-demo/sst2-causal-lm-base")).runner.normalize).toBe("tokens");
  }, 120_000);

  it("image classification, binary and multi-class configs", async () => {
    for (const [config, models, expected] of [
      ["multiclass", ["evalhub-demo/patch-grey-multiclass", "evalhub-demo/patch-color-multiclass"], [312 / 360, 348 / 360]],
      ["binary", ["evalhub-demo/patch-grey-binary", "evalhub-demo/patch-color-binary"], [311 / 360, 349 / 360]],
    ] as const) {
      const s = await evaluate({ dataset: "evalhub-demo/coco-cats-patches", config, split: "validation", task: "image-classification", columnMapping: { image: "image", target: "label" }, models });
      const acc = scores(s, "accuracy");
      expect(acc[models[0]]).toBeCloseTo(expected[0], 10);
      expect(acc[models[1]]).toBeCloseTo(expected[1], 10);
    }
  }, 180_000);

  it("summarization through the remote runner, generation parameters recorded", async () => {
    const s = await evaluate({
      dataset: "evalhub-demo/xsum-sample",
      split: "validation",
      task: "summarization",
      columnMapping: { text: "document", target: "summary" },
      models: [SUMMARIZE_LEAD_ID, SUMMARIZE_FIRST_WORDS_ID],
      parameters: { max_new_tokens: 60 },
    });
    const rouge = scores(s, "rouge");
    expect(rouge[SUMMARIZE_LEAD_ID]).toBeGreaterThan(rouge[SUMMARIZE_FIRST_WORDS_ID] * 1.5);
    const manifest = await manifestOf(s, SUMMARIZE_LEAD_ID);
    expect(manifest.runner).toMatchObject({ name: "remote", generationParameters: { max_new_tokens: 60, num_beams: 1 } });
    expect(JSON.stringify(manifest)).not.toContain(DEMO_TOKEN);
  }, 120_000);

  it("translation through the remote runner: sacreBLEU and chrF on translation.en -> translation.ro", async () => {
    const s = await evaluate({
      dataset: "evalhub-demo/wmt16-en-ro",
      config: "ro-en",
      split: "test",
      task: "translation",
      columnMapping: { source: "translation.en", target: "translation.ro" },
      metrics: ["sacrebleu", "chrf"],
      models: [TRANSLATE_LEXICON_ID, TRANSLATE_COPY_ID],
    });
    const bleu = scores(s, "sacrebleu");
    const chrf = scores(s, "chrf");
    expect(bleu[TRANSLATE_LEXICON_ID]).toBeGreaterThan(bleu[TRANSLATE_COPY_ID] * 1.5);
    expect(chrf[TRANSLATE_LEXICON_ID]).toBeGreaterThan(chrf[TRANSLATE_COPY_ID] + 4);
  }, 120_000);
});

describe("compatible models, found by task and dataset tag", () => {
  const ids = async (o: Omit<Parameters<typeof listCompatibleModels>[0], "hub">) => (await listCompatibleModels({ hub: deps.hub, ...o })).map((m) => m.id);

  it("lists the task's models tagged with the dataset first", async () => {
    expect(await ids({ task: "token-classification", dataset: "evalhub-demo/conll-ner" })).toEqual(["evalhub-demo/ner-lexicon-base", "evalhub-demo/ner-lexicon-small"]);
    const sst2 = await ids({ task: "text-classification", dataset: "evalhub-demo/sst2" });
    expect(sst2).toEqual(expect.arrayContaining(["evalhub-demo/sst2-bow-base", "evalhub-demo/tiny-distilbert-sst2"]));
    // Same dataset tag, other task: the NLI models are zero-shot models, not text classifiers.
    expect(sst2).not.toContain("evalhub-demo/nli-sentiment-base");
    expect(await ids({ task: "zero-shot-classification", dataset: "evalhub-demo/sst2" })).toEqual(["evalhub-demo/nli-sentiment-base", "evalhub-demo/nli-sentiment-small"]);
  });

  it("finds any other model of the task by name", async () => {
    const found = await listCompatibleModels({ hub: deps.hub, task: "question-answering", dataset: "evalhub-demo/conll-ner", search: "qa-overlap" });
    expect(found.map((m) => [m.id, m.onDataset])).toEqual([
      ["evalhub-demo/qa-overlap-base", false],
      ["evalhub-demo/qa-overlap-small", false],
    ]);
  });
});

describe("bad input per task", () => {
  it("refuses up front a model whose labels do not fit the task", async () => {
    const err = await createSubmission({
      ...deps,
      input: { dataset: "evalhub-demo/conll-ner", split: "validation", task: "token-classification", columnMapping: { tokens: "tokens", tags: "ner_tags" }, models: ["evalhub-demo/sst2-bow-base"] },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toMatch(/share no entity type/);
    const nonNli = await createSubmission({
      ...deps,
      input: { dataset: "evalhub-demo/sst2", split: "validation", task: "zero-shot-classification", columnMapping: { text: "sentence", target: "label" }, models: ["evalhub-demo/sst2-bow-base"] },
    }).catch((e) => e);
    expect(nonNli.message).toMatch(/not an NLI model/);
  });

  it("refuses a column of the wrong type, naming the field and what it needs", async () => {
    const err = await createSubmission({
      ...deps,
      input: { dataset: "evalhub-demo/conll-ner", split: "validation", task: "token-classification", columnMapping: { tokens: "ner_tags", tags: "ner_tags" }, models: ["evalhub-demo/ner-lexicon-base"] },
    }).catch((e) => e);
    expect(err.field).toBe("columnMapping.tokens");
    expect(err.message).toMatch(/needs a sequence of strings/);
  });

  it("refuses seq2seq models without an endpoint, and sentence pairs for remote models, before anything is queued", async () => {
    const before = await database.db.submission.count();
    const err = await createSubmission({
      ...deps,
      inference: undefined,
      input: { dataset: "evalhub-demo/xsum-sample", split: "validation", task: "summarization", columnMapping: { text: "document", target: "summary" }, models: [SUMMARIZE_LEAD_ID] },
    }).catch((e) => e);
    expect(err.message).toMatch(/local runner does not run summarization models.*no remote endpoint/);
    expect(await database.db.submission.count()).toBe(before);
  });

  it("an image that cannot be decoded is counted with its reason; the other rows are scored", async () => {
    const s = await evaluate({ dataset: "fixtures/broken-images", split: "validation", task: "image-classification", columnMapping: { image: "image", target: "label" }, models: ["evalhub-demo/patch-color-multiclass"] });
    scores(s, "accuracy");
    const manifest = await manifestOf(s, "evalhub-demo/patch-color-multiclass");
    expect(manifest.rows).toMatchObject({ read: 3, scored: 2, invalid: { count: 1, examples: [{ row: 2, column: "image", reason: expect.stringMatching(/image could not be decoded/) }] } });
  }, 60_000);

  it("a text longer than the model's maximum length is truncated and counted", async () => {
    const s = await evaluate({ dataset: "fixtures/long-texts", split: "validation", task: "text-classification", columnMapping: { text: "sentence", target: "label" }, models: ["evalhub-demo/tiny-distilbert-sst2"] });
    scores(s, "accuracy");
    expect((await manifestOf(s, "evalhub-demo/tiny-distilbert-sst2")).runner).toMatchObject({ maxLength: 512, truncated: 1 });
  }, 60_000);

  it("a model whose outputs have the wrong shape fails with the reason", async () => {
    const s = await evaluate({ dataset: "evalhub-demo/conll-ner", split: "validation", task: "token-classification", columnMapping: { tokens: "tokens", tags: "ner_tags" }, models: ["fixtures/ner-wrong-shape"] });
    expect(s.evaluations[0].status).toBe("failed");
    expect(s.evaluations[0].failureReason).toMatch(/fixtures\/ner-wrong-shape.*shape/);
  }, 60_000);

  it("an endpoint that answers garbage fails the evaluation with the reason", async () => {
    const s = await evaluate({ dataset: "evalhub-demo/xsum-sample", split: "validation", task: "summarization", columnMapping: { text: "document", target: "summary" }, models: [GARBAGE_MODEL] });
    expect(s.evaluations[0].status).toBe("failed");
    expect(s.evaluations[0].failureReason).toMatch(/fixtures\/summarize-garbage/);
    expect(s.evaluations[0].failureReason).toMatch(/malformed|expected|shape|invalid/i);
  }, 60_000);

  it("an endpoint that never answers fails the evaluation with the reason instead of hanging", async () => {
    const started = Date.now();
    const s = await evaluate({
      dataset: "evalhub-demo/xsum-sample",
      split: "validation",
      task: "summarization",
      columnMapping: { text: "document", target: "summary" },
      models: [HANG_MODEL],
    });
    expect(s.evaluations[0].status).toBe("failed");
    expect(s.evaluations[0].failureReason).toMatch(/did not answer within 500 ms \(2 attempts\)/);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});
