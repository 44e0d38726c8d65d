import path from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVALUATION_QUEUE } from "@/jobs/definitions";
import { startInferenceStub, type InferenceStub } from "@/inference-stub";
import { keywordSentiment } from "@/inference-stub/demo-handlers";
import { readSplitRows } from "@/server/datasets/read-split-rows";
import { toErrorResponse } from "@/server/errors";
import { createSubmission } from "@/server/evaluations/create-submission";
import { getEvaluation } from "@/server/evaluations/get-evaluation";
import { getSubmission } from "@/server/evaluations/get-submission";
import { prepareDataset } from "@/server/evaluations/prepare-evaluation";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { createRedis } from "@/server/queue";
import { startEvaluationWorker } from "../../workers/evaluation-worker";
import { createTestDatabase, REDIS_URL, testQueuePrefix } from "../helpers/database";
import { DEMO_TOKEN, startDemoHub } from "../helpers/demo-hub";

const MODEL = "fixtures/remote-sentiment";
const INPUT = {
  dataset: "evalhub-demo/sst2",
  split: "validation",
  task: "text-classification",
  columnMapping: { text: "sentence", target: "label" },
  models: [MODEL],
  createPr: false,
};

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let stub: InferenceStub;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queue: Queue;
let worker: ReturnType<typeof startEvaluationWorker>;
let inference: InferenceConfig;

beforeAll(async () => {
  hub = await startDemoHub();
  // A model repo with labels but no ONNX weights: only a remote endpoint can run it.
  await hub.store.createRepo({ type: "model", name: MODEL });
  await hub.store.commit({
    repo: { type: "model", name: MODEL },
    message: "fixture",
    files: [
      { path: "config.json", content: JSON.stringify({ id2label: { "0": "negative", "1": "positive" } }) },
      { path: "README.md", content: "---\npipeline_tag: text-classification\n---\nServed by an inference endpoint.\n" },
    ],
  });
  stub = await startInferenceStub({ handlers: { [MODEL]: { task: "text-classification", run: keywordSentiment } } });
  inference = { remote: { endpoints: { [MODEL]: { endpointUrl: stub.endpointUrl(MODEL) } }, concurrency: 4, timeoutMs: 5_000, maxRetries: 3 } };
  database = await createTestDatabase("remote");
  const prefix = testQueuePrefix("remote");
  queue = new Queue(EVALUATION_QUEUE, { connection: createRedis(REDIS_URL), prefix });
  worker = startEvaluationWorker({
    db: database.db,
    hub: { hubUrl: hub.url, accessToken: DEMO_TOKEN },
    redisUrl: REDIS_URL,
    prefix,
    publicUrl: "http://evalhub.test",
    concurrency: 1,
    batchSize: 16,
    cacheDir: path.join(hub.dir, ".model-cache"),
    reconcileEveryMs: 0,
    inference,
    log: () => {},
  });
});

afterAll(async () => {
  await worker?.close();
  await queue?.obliterate({ force: true }).catch(() => {});
  await queue?.close();
  await database?.drop();
  await stub?.close();
  await hub?.close();
});

async function waitUntilEnded(id: string) {
  for (let i = 0; i < 300; i++) {
    const s = await getSubmission({ db: database.db, id });
    if (s.evaluations.every((e) => e.status === "succeeded" || e.status === "failed")) return s;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("timed out");
}

describe("remote runner for text classification (operator-configured endpoint)", () => {
  it("refuses a model without ONNX weights when no endpoint is configured for it", async () => {
    const err = await createSubmission({ db: database.db, hub: { hubUrl: hub.url }, queue, publicUrl: "x", input: INPUT }).catch((e) => e);
    expect(toErrorResponse(err)).toMatchObject({ status: 422, body: { fields: { "models.0": expect.stringContaining("no remote endpoint configured") } } });
  });

  it("evaluates through the endpoint in the Inference API shapes, surviving transient 503s", async () => {
    stub.setFaults(MODEL, { failFirst: { count: 2, status: 503 } });
    const created = await createSubmission({ db: database.db, hub: { hubUrl: hub.url }, queue, publicUrl: "x", input: INPUT, inference });
    const s = await waitUntilEnded(created.id);
    const e = s.evaluations[0];
    expect(e.status, e.failureReason ?? "").toBe("succeeded");
    // The same rule applied directly to the split gives the same accuracy.
    const ds = await prepareDataset({ hub: { hubUrl: hub.url }, dataset: INPUT.dataset, config: "default", split: "validation", task: "text-classification", columnMapping: INPUT.columnMapping });
    let correct = 0;
    let n = 0;
    for await (const rows of readSplitRows({ hub: { hubUrl: hub.url }, dataset: ds.repo.name, revision: ds.repo.sha, layout: ds.layout, columns: ["sentence", "label"] })) {
      for (const row of rows) {
        const top = keywordSentiment(row.sentence as string)[0].label;
        if ((top === "positive" ? 1 : 0) === Number(row.label)) correct++;
        n++;
      }
    }
    expect(e.results.accuracy).toBeCloseTo(correct / n, 12);
    expect(stub.requestsFor(MODEL).length).toBe(400 + 2);
    const detail = await getEvaluation({ db: database.db, id: e.id });
    expect((detail.manifest as { runner: Record<string, unknown> }).runner).toMatchObject({ name: "remote", endpoint: stub.endpointUrl(MODEL), retries: 2 });
  });
});
