import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { AppError, toErrorResponse } from "@/server/errors";
import { getSubmission } from "@/server/evaluations/get-submission";
import { getLeaderboard } from "@/server/leaderboards/get-leaderboard";
import { createModelSubmissions } from "@/server/models/create-model-submissions";
import { getModelResults } from "@/server/models/get-model-results";
import { listModelDatasets } from "@/server/models/list-model-datasets";
import { createSubmission } from "@/server/evaluations/create-submission";
import { parseCard } from "@/server/hub/model-card";
import { buildDemoContent } from "@/seed/demo-content";
import { stringify } from "yaml";
import { createTestDatabase } from "../helpers/database";
import { startDemoHub } from "../helpers/demo-hub";
import { startPipeline } from "../helpers/pipeline";

const MODEL = "evalhub-demo/sst2-bow-base";
const DATASET = "evalhub-demo/sst2";

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queue: Queue;
let pipeline: Awaited<ReturnType<typeof startPipeline>>;
let deps: { db: typeof database.db; hub: { hubUrl: string; accessToken: string }; queue: Queue; publicUrl: string };

beforeAll(async () => {
  pipeline = await startPipeline("model-page", { worker: { batchSize: 16 } });
  ({ hub, database, queue } = pipeline);
  deps = { ...pipeline.deps };
});

afterAll(async () => {
  await pipeline?.close();
});

async function waitUntilEnded(id: string, timeoutMs = 60_000) {
  const start = Date.now();
  for (;;) {
    const s = await getSubmission({ db: database.db, id });
    if (s.evaluations.every((e) => e.status === "succeeded" || e.status === "failed")) return s;
    if (Date.now() - start > timeoutMs) throw new Error(`submission ${id} still ${s.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("the model page's data", () => {
  it("getModelResults reports the model's pipeline tag from the hub and no rows before any evaluation", async () => {
    const r = await getModelResults({ db: database.db, hub: deps.hub, model: MODEL });
    expect(r).toMatchObject({ model: MODEL, pipelineTag: "text-classification", task: "text-classification", onHub: true, rows: [] });
  });

  it("getModelResults is a 404 for a model unknown to the hub and to EvalHub", async () => {
    const err = await getModelResults({ db: database.db, hub: deps.hub, model: "evalhub-demo/no-such-model" }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(toErrorResponse(err).status).toBe(404);
  });

  it("listModelDatasets offers sst2 preconfigured from its train-eval-index and datasets without metadata for manual mapping", async () => {
    const { candidates, warnings } = await listModelDatasets({ db: database.db, hub: deps.hub, task: "text-classification" });
    expect(warnings).toEqual([]);
    expect(candidates.length).toBeLessThanOrEqual(20);
    expect(candidates.find((c) => c.dataset === DATASET)).toMatchObject({
      preset: { config: "default", split: "validation", columnMapping: { text: "sentence", target: "label" }, source: "train-eval-index" },
      hasLeaderboard: false,
    });
    const manual = candidates.filter((c) => !c.preset).map((c) => c.dataset);
    expect(manual).toContain("evalhub-demo/sst2-zero-shot");
    // Preconfigured datasets come first.
    expect(candidates.findIndex((c) => !c.preset)).toBeGreaterThan(candidates.findIndex((c) => c.dataset === DATASET));
  });
});

describe("POST /api/models/{id}/evaluations (createModelSubmissions)", () => {
  let evaluationId = "";

  it("rejects a body without datasets, with a field message (422, not 500)", async () => {
    const err = await createModelSubmissions({ ...deps, model: MODEL, input: { datasets: [] } }).catch((e) => e);
    expect(err).toBeInstanceOf(ZodError);
    const { status, body } = toErrorResponse(err);
    expect(status).toBe(422);
    expect(body.fields).toEqual({ datasets: "pick at least one dataset" });
    const bad = await createModelSubmissions({ ...deps, model: MODEL, input: { datasets: [{ dataset: "not a repo id" }], email: "nope" } }).catch((e) => e);
    expect(toErrorResponse(bad).body.fields).toMatchObject({ "datasets.0.dataset": "must look like owner/name", email: "must be an email address" });
  });

  it("creates one submission for sst2 and reports each failing dataset with its reason", async () => {
    const before = await database.db.submission.count();
    const out = await createModelSubmissions({
      ...deps,
      model: MODEL,
      input: {
        datasets: [{ dataset: DATASET }, { dataset: "evalhub-demo/no-such-dataset" }, { dataset: "evalhub-demo/sst2-zero-shot" }, { dataset: DATASET, split: "train" }],
        username: "alice",
      },
    });
    expect(out).toMatchObject({ model: MODEL, task: "text-classification", created: 1, failed: 3 });
    const [ok, missing, unmapped, noPreset] = out.results;
    expect(ok).toMatchObject({ dataset: DATASET, config: "default", split: "validation", status: "created" });
    if (ok.status !== "created") throw new Error("unreachable");
    expect(ok.submissionUrl).toBe(`/submissions/${ok.submissionId}`);
    expect(missing).toMatchObject({ dataset: "evalhub-demo/no-such-dataset", status: "failed" });
    expect(missing.status === "failed" && missing.error).toMatch(/does not exist/);
    expect(unmapped).toMatchObject({ status: "failed", mapUrl: "/evaluate?dataset=evalhub-demo%2Fsst2-zero-shot" });
    expect(unmapped.status === "failed" && unmapped.error).toMatch(/no evaluation metadata for text-classification/);
    expect(noPreset.status === "failed" && noPreset.error).toMatch(/\(train\) has no evaluation metadata/);
    expect(await database.db.submission.count()).toBe(before + 1);

    const submission = await waitUntilEnded(ok.submissionId, 90_000);
    expect(submission.evaluations.map((e) => [e.model, e.status])).toEqual([[MODEL, "succeeded"]]);
    const stored = await database.db.submission.findUniqueOrThrow({ where: { id: ok.submissionId } });
    expect(stored).toMatchObject({ dataset: DATASET, task: "text-classification", columnMapping: { text: "sentence", target: "label" }, username: "alice", createPr: true });
    expect(stored.metrics).toEqual(["accuracy", "precision", "recall", "f1"]);
    evaluationId = submission.evaluations[0].id;
  }, 120_000);

  it("getModelResults then lists the sst2 result with every metric, its interval and links", async () => {
    const r = await getModelResults({ db: database.db, hub: deps.hub, model: MODEL });
    expect(r.rows).toHaveLength(1);
    const row = r.rows[0];
    expect(row).toMatchObject({
      dataset: DATASET,
      config: "default",
      split: "validation",
      task: "text-classification",
      evaluationId,
      evaluationUrl: `/evaluations/${evaluationId}`,
      leaderboardUrl: `/leaderboards/${DATASET}?config=default&split=validation`,
    });
    expect(row.metrics.map((m) => m.metric)).toEqual(["accuracy", "f1", "precision", "recall"]);
    const board = await getLeaderboard({ db: database.db, dataset: DATASET });
    const boardRow = board.rows.find((b) => b.model === MODEL)!;
    for (const m of row.metrics) {
      expect(m.value).toBe(boardRow.results[m.metric]);
      expect(m.interval).toEqual(boardRow.intervals[m.metric]);
      expect(m.interval![0]).toBeLessThanOrEqual(m.value);
      expect(m.interval![1]).toBeGreaterThanOrEqual(m.value);
    }
    expect(row.pullRequestUrl).toMatch(/\/discussions\/\d+$/);
  });

  it("keeps only the latest run per dataset/config/split/task, and sst2 is then marked as having a leaderboard", async () => {
    const out = await createModelSubmissions({ ...deps, model: MODEL, input: { datasets: [{ dataset: DATASET, config: "default", split: "validation" }], createPr: false } });
    expect(out.created).toBe(1);
    const created = out.results[0];
    if (created.status !== "created") throw new Error(`not created: ${JSON.stringify(created)}`);
    const s = await waitUntilEnded(created.submissionId, 60_000);
    const r = await getModelResults({ db: database.db, hub: deps.hub, model: MODEL });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0].evaluationId).toBe(s.evaluations[0].id);
    expect(r.rows[0].evaluationId).not.toBe(evaluationId);
    const { candidates } = await listModelDatasets({ db: database.db, hub: deps.hub, task: "text-classification" });
    expect(candidates.find((c) => c.dataset === DATASET)?.hasLeaderboard).toBe(true);
  }, 90_000);

  it("is a 404 for a model that does not exist, before touching any dataset", async () => {
    const before = await database.db.submission.count();
    const err = await createModelSubmissions({ ...deps, model: "evalhub-demo/no-such-model", input: { datasets: [{ dataset: DATASET }] } }).catch((e) => e);
    expect(toErrorResponse(err).status).toBe(404);
    expect(await database.db.submission.count()).toBe(before);
  });

  it("preconfigures a dataset without train-eval-index from its latest successful submission of the task", async () => {
    // sst2 with the same data and labels, but a card without evaluation metadata.
    const sst2 = (await buildDemoContent()).find((r) => r.name === DATASET)!;
    const files = sst2.files.map((f) => {
      if (f.path !== "README.md") return f;
      const card = parseCard(new TextDecoder().decode(f.content));
      const { "train-eval-index": _dropped, ...metadata } = card.metadata;
      return { path: f.path, content: new TextEncoder().encode(`---\n${stringify(metadata)}---\n${card.body}`) };
    });
    const name = "fixtures/sst2-no-eval-index";
    await hub.store.createRepo({ type: "dataset", name });
    await hub.store.commit({ repo: { type: "dataset", name }, message: "fixture", files });

    const first = await createModelSubmissions({ ...deps, model: MODEL, input: { datasets: [{ dataset: name }], createPr: false } });
    expect(first.results[0]).toMatchObject({ status: "failed", mapUrl: "/evaluate?dataset=fixtures%2Fsst2-no-eval-index" });

    // Someone maps it by hand for another model ...
    const manual = await createSubmission({
      ...deps,
      input: { dataset: name, config: "default", split: "validation", task: "text-classification", columnMapping: { text: "sentence", target: "label" }, metrics: ["accuracy"], models: ["evalhub-demo/sst2-bow-small"], createPr: false },
    });
    await waitUntilEnded(manual.id, 60_000);
    const { candidates } = await listModelDatasets({ db: database.db, hub: deps.hub, task: "text-classification" });
    expect(candidates.find((c) => c.dataset === name)).toMatchObject({
      preset: { config: "default", split: "validation", columnMapping: { text: "sentence", target: "label" }, metrics: ["accuracy"], source: "previous-submission" },
      hasLeaderboard: true,
    });

    // ... and now this model's page evaluates on it in one click.
    const second = await createModelSubmissions({ ...deps, model: MODEL, input: { datasets: [{ dataset: name }], createPr: false } });
    expect(second.results[0]).toMatchObject({ dataset: name, status: "created", config: "default", split: "validation" });
    const created = second.results[0];
    if (created.status !== "created") throw new Error("unreachable");
    const s = await waitUntilEnded(created.submissionId, 60_000);
    expect(s.evaluations[0].status).toBe("succeeded");
    const rows = (await getModelResults({ db: database.db, hub: deps.hub, model: MODEL })).rows;
    expect(rows.map((r) => r.dataset)).toEqual([DATASET, name]);
    expect(rows[1].metrics.map((m) => m.metric)).toEqual(["accuracy"]);
  }, 120_000);
});
