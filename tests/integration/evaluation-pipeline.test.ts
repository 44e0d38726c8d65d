import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, toErrorResponse } from "@/server/errors";
import { createSubmission } from "@/server/evaluations/create-submission";
import { getEvaluation } from "@/server/evaluations/get-evaluation";
import { getSubmission, type SubmissionView } from "@/server/evaluations/get-submission";
import { loadPredictions } from "@/server/evaluations/prediction-store";
import { PredictionTable } from "@/server/evaluations/prediction-table";
import { getLeaderboard } from "@/server/leaderboards/get-leaderboard";
import { parseCard } from "@/server/hub/model-card";
import { createTestDatabase } from "../helpers/database";
import { startDemoHub } from "../helpers/demo-hub";
import { addFailureFixtures } from "../helpers/fixtures";
import { startPipeline } from "../helpers/pipeline";

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const DATASET = "evalhub-demo/sst2";
const MODELS = ["evalhub-demo/sst2-bow-tiny", "evalhub-demo/sst2-bow-small", "evalhub-demo/sst2-bow-base", "evalhub-demo/tiny-distilbert-sst2"];
const BASE_INPUT = {
  dataset: DATASET,
  config: "default",
  split: "validation",
  task: "text-classification",
  columnMapping: { text: "sentence", target: "label" },
  username: "alice",
};

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queue: Queue;
let pipeline: Awaited<ReturnType<typeof startPipeline>>;
let deps: { db: typeof database.db; hub: { hubUrl: string; accessToken: string }; queue: Queue; publicUrl: string };

beforeAll(async () => {
  pipeline = await startPipeline("pipeline", { worker: { batchSize: 16 }, prepareHub: (h) => addFailureFixtures(h.store) });
  ({ hub, database, queue } = pipeline);
  deps = { ...pipeline.deps };
});

afterAll(async () => {
  await pipeline?.close();
});

async function waitUntilEnded(id: string, timeoutMs = 60_000): Promise<SubmissionView> {
  const start = Date.now();
  for (;;) {
    const s = await getSubmission({ db: database.db, id });
    if (s.evaluations.every((e) => e.status === "succeeded" || e.status === "failed")) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`submission ${id} still ${s.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function expectRejected(input: unknown, status: number, pattern: RegExp, field?: string) {
  const err = await createSubmission({ ...deps, input }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "submission should have been refused").not.toBeNull();
  const { status: got, body } = toErrorResponse(err);
  expect(got).toBe(status);
  expect(body.error).toMatch(pattern);
  if (field) expect(Object.keys(body.fields ?? {})).toContain(field);
}

describe("evaluation pipeline through PostgreSQL, Redis, the worker and the local hub", () => {
  let submission: SubmissionView;

  it("evaluates every demo model, stores results and ranks them", async () => {
    const created = await createSubmission({ ...deps, input: { ...BASE_INPUT, models: MODELS } });
    expect(created.evaluations.map((e) => e.model)).toEqual(MODELS);
    // The worker may already have picked some up by the time createSubmission returns.
    expect(created.evaluations.every((e) => e.status === "queued" || e.status === "running")).toBe(true);
    submission = await waitUntilEnded(created.id);
    expect(submission.status).toBe("succeeded");
    const acc = Object.fromEntries(submission.evaluations.map((e) => [e.model, e.results.accuracy]));
    // The seeded models' accuracies on the 400 validation rows (see src/seed): clearly ordered.
    expect(acc["evalhub-demo/sst2-bow-tiny"]).toBeCloseTo(0.5875, 12);
    expect(acc["evalhub-demo/sst2-bow-small"]).toBeCloseTo(0.6525, 12);
    expect(acc["evalhub-demo/sst2-bow-base"]).toBeCloseTo(0.7275, 12);
    expect(acc["evalhub-demo/tiny-distilbert-sst2"]).toBeCloseTo(0.49, 12);
    for (const e of submission.evaluations) {
      expect(Object.keys(e.results).sort()).toEqual(["accuracy", "f1", "precision", "recall"]);
      for (const [metric, value] of Object.entries(e.results)) {
        const [low, high] = e.intervals[metric];
        expect(low).toBeLessThanOrEqual(value);
        expect(high).toBeGreaterThanOrEqual(value);
      }
      expect(e.processed).toBe(400);
      expect(e.pullRequestUrl).toMatch(new RegExp(`^${hub.url}/${e.model}/discussions/\\d+$`));
    }
    const board = await getLeaderboard({ db: database.db, dataset: DATASET, metric: "accuracy" });
    expect(board.rows.map((r) => r.model)).toEqual([
      "evalhub-demo/sst2-bow-base",
      "evalhub-demo/sst2-bow-small",
      "evalhub-demo/sst2-bow-tiny",
      "evalhub-demo/tiny-distilbert-sst2",
    ]);
  });

  it("opens one PR per model whose model-index carries the stored values and keeps the rest of the card", async () => {
    for (const e of submission.evaluations) {
      const num = e.pullRequestUrl!.split("/").pop();
      const before = await (await fetch(`${hub.url}/${e.model}/resolve/main/README.md`)).text();
      const after = await (await fetch(`${hub.url}/${e.model}/resolve/refs%2Fpr%2F${num}/README.md`)).text();
      const parsedBefore = parseCard(before);
      const parsedAfter = parseCard(after);
      expect(parsedAfter.body).toBe(parsedBefore.body);
      const { ["model-index"]: index, ...rest } = parsedAfter.metadata as Record<string, unknown>;
      expect(rest).toEqual(parsedBefore.metadata);
      const result = (index as { results: { dataset: Record<string, string>; metrics: { type: string; value: number }[] }[] }[])[0].results[0];
      expect(result.dataset).toMatchObject({ type: DATASET, config: "default", split: "validation", revision: e.modelSha ? expect.any(String) : undefined });
      expect(Object.fromEntries(result.metrics.map((m) => [m.type, m.value]))).toEqual(e.results);
      const details = await (await fetch(`${hub.url}/api/models/${e.model}/discussions/${num}`)).json();
      expect(details.status).toBe("open");
      expect(details.events[0].data.latest.raw).toContain("@alice");
    }
  });

  it("gives identical numbers through the CLI, in-process, as through the queue", async () => {
    const model = "evalhub-demo/sst2-bow-small";
    const { stdout } = await exec(
      process.execPath,
      [path.join(ROOT, "bin/evalhub.mjs"), "evaluate", "--model", model, "--dataset", DATASET, "--split", "validation", "--task", "text-classification", "--map", "sentence=text", "--map", "label=target"],
      { cwd: ROOT, env: { ...process.env, HF_ENDPOINT: hub.url, MODEL_CACHE_DIR: path.join(hub.dir, ".cli-cache") } },
    );
    const cli = JSON.parse(stdout);
    const queued = submission.evaluations.find((e) => e.model === model)!;
    expect(cli.results).toEqual(queued.results);
    expect(cli.modelSha).toBe(queued.modelSha);
  });

  it("reuses a finished evaluation with the same key instead of running it again", async () => {
    const before = await database.db.predictionSet.count();
    const created = await createSubmission({ ...deps, input: { ...BASE_INPUT, models: ["evalhub-demo/sst2-bow-base"], metrics: ["accuracy"] } });
    expect(created.evaluations[0].status).toBe("succeeded");
    const s = await getSubmission({ db: database.db, id: created.id });
    expect(s.evaluations[0].results).toEqual({ accuracy: 0.7275 });
    expect(await database.db.predictionSet.count()).toBe(before);
    expect(await queue.getJob(s.evaluations[0].id)).toBeUndefined();
  });

  it("scores MCC and ROC AUC from stored predictions and reports a confusion matrix", async () => {
    const created = await createSubmission({
      ...deps,
      input: { ...BASE_INPUT, models: ["evalhub-demo/sst2-bow-small"], metrics: ["accuracy", "matthews_correlation", "roc_auc"], createPr: false },
    });
    const s = await waitUntilEnded(created.id);
    const e = s.evaluations[0];
    expect(e.status).toBe("succeeded");
    const table = await loadPredictions(database.db, (await database.db.evaluation.findUniqueOrThrow({ where: { id: e.id } })).evaluationKey);
    if (!(table instanceof PredictionTable)) throw new Error("expected a label prediction table");
    const stored = table.toArray();
    // Independent formulas: MCC from the 2x2 counts, AUC as the Mann–Whitney statistic (ties count 1/2).
    let tp = 0, tn = 0, fp = 0, fn = 0;
    for (const p of stored!) {
      if (p.prediction === 1) p.reference === 1 ? tp++ : fp++;
      else p.reference === 0 ? tn++ : fn++;
    }
    const mcc = (tp * tn - fp * fn) / Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
    const pos = stored!.filter((p) => p.reference === 1).map((p) => p.scores[1]);
    const neg = stored!.filter((p) => p.reference === 0).map((p) => p.scores[1]);
    let wins = 0;
    for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
    expect(e.results.matthews_correlation).toBeCloseTo(mcc, 12);
    expect(e.results.roc_auc).toBeCloseTo(wins / (pos.length * neg.length), 12);
    expect(e.results.accuracy).toBeCloseTo(0.6525, 12);
    expect(e.pullRequestUrl).toBeNull();
    const detail = await getEvaluation({ db: database.db, id: e.id });
    const report = (detail.manifest as { report: { confusionMatrix: number[][]; labels: string[] } }).report;
    expect(report.labels).toEqual(["negative", "positive"]);
    expect(report.confusionMatrix).toEqual([[tn, fp], [fn, tp]]);
  });

  it("evaluates a seeded sample when the split exceeds the row cap, identically through the CLI", async () => {
    const created = await createSubmission({ ...deps, maxRows: 150, input: { ...BASE_INPUT, models: ["evalhub-demo/sst2-bow-base"], createPr: false } });
    const s = await waitUntilEnded(created.id);
    const e = s.evaluations[0];
    expect(e.status).toBe("succeeded");
    expect(e.processed).toBe(150);
    expect(e.sampling).toMatchObject({ population: 400, size: 150, seed: expect.any(Number), rule: expect.stringContaining("uniform") });
    // A different key from the full-split evaluation: the cap is part of what was evaluated.
    expect(e.results.accuracy).not.toBe(0.7275);
    const { stdout } = await exec(
      process.execPath,
      [path.join(ROOT, "bin/evalhub.mjs"), "evaluate", "--model", "evalhub-demo/sst2-bow-base", "--dataset", DATASET, "--split", "validation", "--task", "text-classification", "--map", "sentence=text", "--map", "label=target", "--limit", "150"],
      { cwd: ROOT, env: { ...process.env, HF_ENDPOINT: hub.url, MODEL_CACHE_DIR: path.join(hub.dir, ".cli-cache") } },
    );
    const cli = JSON.parse(stdout);
    expect(cli.results).toEqual(e.results);
    expect(cli.sampling).toEqual(e.sampling);
  });

  it("evaluates a model whose labels the user aligned by hand", async () => {
    const created = await createSubmission({
      ...deps,
      input: { ...BASE_INPUT, models: ["fixtures/emotion-labels"], labelMapping: { joy: "negative", anger: "positive" }, createPr: false },
    });
    const s = await waitUntilEnded(created.id);
    // The fixture is sst2-bow-tiny with renamed labels: mapped back, it scores exactly the same.
    expect(s.evaluations[0].status).toBe("succeeded");
    expect(s.evaluations[0].results.accuracy).toBeCloseTo(0.5875, 12);
    await expectRejected({ ...BASE_INPUT, models: ["fixtures/emotion-labels"], labelMapping: { joy: "neutral" } }, 422, /"neutral", which is not a label of the dataset/, "labelMapping");
  });

  it("counts and reports unusable rows instead of dropping them silently (JSON Lines, no card)", async () => {
    const input = { ...BASE_INPUT, dataset: "fixtures/dirty-jsonl", config: "default", models: ["evalhub-demo/sst2-bow-base"], createPr: false };
    // Plain integer labels cannot be matched to negative/positive by name: refused, with both label sets…
    await expectRejected(input, 422, /\(negative, positive\) cannot be aligned with the dataset's labels \(0, 1\)/, "models.0");
    // …until the user maps them.
    const created = await createSubmission({ ...deps, input: { ...input, labelMapping: { negative: "0", positive: "1" } } });
    const s = await waitUntilEnded(created.id);
    const e = s.evaluations[0];
    expect(e.status).toBe("succeeded");
    expect(e.processed).toBe(20);
    expect(e.invalidRows?.count).toBe(3);
    expect(e.invalidRows?.examples.map((x) => [x.row, x.column])).toEqual([[17, "sentence"], [18, "label"], [19, "label"]]);
    expect(e.invalidRows?.examples[1].reason).toMatch(/5 is outside 0..1/);
    // Scored on the 17 usable rows only.
    const detail = await getEvaluation({ db: database.db, id: e.id });
    expect((detail.manifest as { rows: { scored: number } }).rows.scored).toBe(17);
    expect(Number.isInteger(Math.round(e.results.accuracy * 17 * 1e9) / 1e9)).toBe(true);
  });

  it("records a failure the user can act on when the worker cannot run a model", async () => {
    const created = await createSubmission({ ...deps, input: { ...BASE_INPUT, models: ["fixtures/broken-onnx"] } });
    const s = await waitUntilEnded(created.id);
    expect(s.evaluations[0].status).toBe("failed");
    expect(s.evaluations[0].failureReason).toMatch(/fixtures\/broken-onnx@\w+ could not be loaded by transformers.js/);
    expect(s.status).toBe("failed");
  });
});

describe("bad submissions are refused with a 4xx naming the field, and store nothing", () => {
  let before = { submissions: 0, evaluations: 0 };
  beforeAll(async () => {
    before = { submissions: await database.db.submission.count(), evaluations: await database.db.evaluation.count() };
  });
  it("unknown dataset", () => expectRejected({ ...BASE_INPUT, dataset: "nobody/nothing", models: MODELS }, 404, /nobody\/nothing.*not found/, "dataset"));
  it("unknown split", () => expectRejected({ ...BASE_INPUT, split: "test", models: MODELS }, 404, /no split "test".*train, validation/, "split"));
  it("unknown config", () => expectRejected({ ...BASE_INPUT, config: "mnli", models: MODELS }, 404, /no config "mnli"/, "config"));
  it("unknown column", () =>
    expectRejected({ ...BASE_INPUT, columnMapping: { text: "text", target: "label" }, models: MODELS }, 422, /Column "text".*columns: idx, sentence, label/, "columnMapping.text"));
  it("a mapping without the label field", () =>
    expectRejected({ ...BASE_INPUT, columnMapping: { text: "sentence" }, models: MODELS }, 422, /no dataset column for .*"target"/, "columnMapping.target"));
  it("unknown model", () => expectRejected({ ...BASE_INPUT, models: ["evalhub-demo/sst2-bow-tiny", "nobody/model"] }, 404, /nobody\/model.*not found/, "models.1"));
  it("more than 10 models", () =>
    expectRejected({ ...BASE_INPUT, models: Array.from({ length: 11 }, (_, i) => `org/m${i}`) }, 422, /at most 10 models/, "models"));
  it("labels that cannot be aligned", () =>
    expectRejected({ ...BASE_INPUT, models: ["fixtures/emotion-labels"] }, 422, /\(joy, anger\) cannot be aligned with the dataset's labels \(negative, positive\)/, "models.0"));
  it("an empty split", () =>
    expectRejected({ ...BASE_INPUT, dataset: "fixtures/sst2-empty-validation", models: MODELS }, 422, /is empty/, "split"));
  it("a malformed body", () => expectRejected({ dataset: 42, models: "all" }, 422, /Invalid input/, "dataset"));
  it("nothing was stored for any refused submission", async () => {
    expect({ submissions: await database.db.submission.count(), evaluations: await database.db.evaluation.count() }).toEqual(before);
  });
  it("AppError codes never map to 500", () => {
    expect(toErrorResponse(new AppError("NOT_FOUND", "x")).status).toBe(404);
    expect(toErrorResponse(new Error("boom")).status).toBe(500);
    expect(toErrorResponse(new Error("boom")).body.error).toBe("Internal server error");
  });
});
