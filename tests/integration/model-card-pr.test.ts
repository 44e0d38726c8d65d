import path from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVALUATION_QUEUE } from "@/jobs/definitions";
import { startLocalHub } from "@/localhub/server";
import { buildDemoContent, DEFAULT_DEMO_DATASET_ID } from "@/seed/demo-content";
import { createSubmission } from "@/server/evaluations/create-submission";
import { getEvaluation, type EvaluationDetail } from "@/server/evaluations/get-evaluation";
import { processEvaluation } from "@/server/evaluations/process-evaluation";
import type { HubConfig } from "@/server/hub/hub-config";
import { parseCard } from "@/server/hub/model-card";
import { createRedis, obliterateQueues } from "@/server/queue";
import { deploymentSigningKey, verifyResultToken } from "@/server/verify";
import { createTestDatabase, REDIS_URL, testQueuePrefix } from "../helpers/database";
import { DEMO_TOKEN, startDemoHub } from "../helpers/demo-hub";

const PUBLIC_URL = "http://evalhub.test";
const TITLE = `Add evaluation results on the default config and validation split of ${DEFAULT_DEMO_DATASET_ID}`;

/** A card with everything `metadata_update` must leave alone: comments, odd quoting, a self-reported result, `---` in the body. */
const CARD_HEAD = `---
language: en # a comment
tags:
  - 'sentiment'
  - "sst2"
model-index:
- name: card-model
  results:
  - task:
      type: text-classification
      name: Text Classification
    dataset:
      type: ${DEFAULT_DEMO_DATASET_ID}
      name: ${DEFAULT_DEMO_DATASET_ID}
      config: default
      split: validation
    metrics:
    - type: accuracy
      value: 0.99   # self-reported, too good to be true
      name: Accuracy
`;
const CARD_TAIL = `license: "mit"
widget: {text: "yes"}
---
# card-model

Some text.
---
not: front matter
---
`;

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queue: Queue;
const writer = (): HubConfig => ({ hubUrl: hub.url, accessToken: DEMO_TOKEN });

beforeAll(async () => {
  hub = await startDemoHub();
  const repos = await buildDemoContent();
  const tiny = repos.find((r) => r.name === "evalhub-demo/sst2-bow-tiny")!;
  const sst2 = repos.find((r) => r.name === DEFAULT_DEMO_DATASET_ID)!;
  const modelFiles = tiny.files.filter((f) => f.path !== "README.md");
  const put = async (type: "model" | "dataset", name: string, files: { path: string; content: Uint8Array | string }[]) => {
    await hub.store.createRepo({ type, name });
    await hub.store.commit({ repo: { type, name }, message: "fixture", files });
  };
  await put("model", "fixtures/card-model", [...modelFiles, { path: "README.md", content: CARD_HEAD + CARD_TAIL }]);
  for (const name of ["fixtures/benchmark-model", "fixtures/no-token-model", "fixtures/doomed-model", "fixtures/offline-model"]) {
    await put("model", name, modelFiles);
  }
  await put("dataset", "fixtures/sst2-benchmark", [
    ...sst2.files,
    {
      path: "eval.yaml",
      content: "name: SST-2 sentiment\nevaluation_framework: inspect-ai\ntasks:\n  - id: sst2\n    config: default\n    split: validation\n    field_spec: {input: sentence, target: label}\n",
    },
  ]);
  database = await createTestDatabase("model_card_pr");
  queue = new Queue(EVALUATION_QUEUE, { connection: createRedis(REDIS_URL), prefix: testQueuePrefix("model-card-pr") });
});

afterAll(async () => {
  if (queue) await obliterateQueues(queue);
  await queue?.close();
  await database?.drop();
  await hub?.close();
});

/** A submission through the real code: validated against the hub, inference run in-process (no worker needed). */
async function evaluate(opts: { model: string; metrics: string[]; dataset?: string; hub?: HubConfig }): Promise<EvaluationDetail> {
  const hubConfig = opts.hub ?? writer();
  const created = await createSubmission({
    db: database.db,
    hub: hubConfig,
    queue,
    publicUrl: PUBLIC_URL,
    input: {
      dataset: opts.dataset ?? DEFAULT_DEMO_DATASET_ID,
      config: "default",
      split: "validation",
      task: "text-classification",
      columnMapping: { text: "sentence", target: "label" },
      metrics: opts.metrics,
      models: [opts.model],
      username: "alice",
    },
  });
  const [e] = created.evaluations;
  if (e!.status === "queued" || e!.status === "running") {
    await processEvaluation({ db: database.db, hub: hubConfig, evaluationId: e!.id, publicUrl: PUBLIC_URL, batchSize: 64, cacheDir: path.join(hub.dir, ".model-cache") });
  }
  return getEvaluation({ db: database.db, id: e!.id });
}

async function hubJson(p: string): Promise<any> {
  const res = await fetch(`${hub.url}${p}`, { headers: { Authorization: `Bearer ${DEMO_TOKEN}` } });
  expect(res.status, p).toBe(200);
  return res.json();
}

async function readText(model: string, revision: string, file: string): Promise<string | null> {
  const bytes = await hub.store.readFile({ type: "model", name: model }, revision, file);
  return bytes ? new TextDecoder().decode(bytes) : null;
}

function expectTokensVerify(e: EvaluationDetail) {
  const key = deploymentSigningKey();
  for (const [metric, value] of Object.entries(e.results)) {
    const token = e.verifyTokens[metric]!;
    const r = { modelSha: e.modelSha, datasetSha: e.datasetSha, config: e.config, split: e.split, metric, value };
    expect(verifyResultToken(key, token, r), metric).toMatchObject({ valid: true });
  }
}

describe("model-card pull requests", () => {
  it("two submissions on one model, dataset, config and split make one PR with two commits; the card changes only in model-index", async () => {
    const model = "fixtures/card-model";
    const first = await evaluate({ model, metrics: ["accuracy"] });
    expect(first).toMatchObject({ status: "succeeded", pullRequestError: null, pullRequestUrl: expect.stringMatching(/\/discussions\/1$/) });
    const second = await evaluate({ model, metrics: ["accuracy", "f1"] });
    expect(second).toMatchObject({ status: "succeeded", pullRequestError: null, pullRequestUrl: first.pullRequestUrl });
    expect(second.results.accuracy).toBe(first.results.accuracy);
    expectTokensVerify(second);

    const prs = (await hubJson(`/api/models/${model}/discussions?type=pull_request`)).discussions;
    expect(prs).toHaveLength(1);
    expect(prs[0]).toMatchObject({ num: 1, title: TITLE, status: "open", author: { name: "evalhub-bot" } });
    const events = (await hubJson(`/api/models/${model}/discussions/1`)).events;
    expect(events.filter((ev: { type: string }) => ev.type === "commit")).toHaveLength(2);

    // main is untouched; on the PR branch only lines are inserted after the existing model-index entry.
    expect(await readText(model, "main", "README.md")).toBe(CARD_HEAD + CARD_TAIL);
    const card = (await readText(model, "refs/pr/1", "README.md"))!;
    expect(card.startsWith(CARD_HEAD)).toBe(true);
    expect(card.endsWith(CARD_TAIL)).toBe(true);
    expect(card.length).toBeGreaterThan(CARD_HEAD.length + CARD_TAIL.length);
    const results = (parseCard(card).metadata["model-index"] as any)[0].results;
    // The self-reported 0.99 never merges with our verified numbers: a separate entry, untouched.
    expect(results).toHaveLength(2);
    expect(results[0].metrics).toEqual([{ type: "accuracy", value: 0.99, name: "Accuracy" }]);
    expect(results[1]).toEqual({
      task: { type: "text-classification", name: "Text classification" },
      dataset: { name: DEFAULT_DEMO_DATASET_ID, type: DEFAULT_DEMO_DATASET_ID, config: "default", split: "validation", revision: second.datasetSha },
      metrics: [
        // The first run's accuracy was replaced (value and token), not duplicated; f1 was added.
        { type: "accuracy", value: second.results.accuracy, name: "Accuracy", verified: true, verifyToken: second.verifyTokens.accuracy },
        { type: "f1", value: second.results.f1, name: "F1 (macro)", args: { average: "macro" }, verified: true, verifyToken: second.verifyTokens.f1 },
      ],
      source: { url: `${PUBLIC_URL}/leaderboards/${DEFAULT_DEMO_DATASET_ID}?config=default&split=validation`, name: "EvalHub" },
    });
  });

  it("writes .eval_results/<benchmark>.yaml in the same commit when the dataset has an eval.yaml", async () => {
    const model = "fixtures/benchmark-model";
    const e = await evaluate({ model, metrics: ["accuracy", "f1"], dataset: "fixtures/sst2-benchmark" });
    expect(e).toMatchObject({ status: "succeeded", pullRequestError: null, pullRequestUrl: expect.stringMatching(/\/discussions\/1$/) });
    const file = await readText(model, "refs/pr/1", ".eval_results/sst2-benchmark.yaml");
    const { parse } = await import("yaml");
    expect(parse(file!)).toEqual([
      {
        dataset: { id: "fixtures/sst2-benchmark", task_id: "sst2", revision: e.datasetSha },
        value: e.results.accuracy,
        verifyToken: e.verifyTokens.accuracy,
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        source: { url: `${PUBLIC_URL}/evaluations/${e.id}`, name: "EvalHub" },
        notes: `Accuracy of ${model} on the validation split, computed by EvalHub`,
      },
    ]);
    const events = (await hubJson(`/api/models/${model}/discussions/1`)).events;
    expect(events.filter((ev: { type: string }) => ev.type === "commit")).toHaveLength(1);
    expect(await readText(model, "refs/pr/1", "README.md")).toContain(`verifyToken: ${e.verifyTokens.accuracy}`);
    // A dataset without eval.yaml gets no such file (the first test's model).
    expect(await readText("fixtures/card-model", "refs/pr/1", ".eval_results/sst2.yaml")).toBeNull();
  });
});

describe("a PR that cannot be opened keeps the results and says why", () => {
  async function expectKeptWithReason(e: EvaluationDetail, model: string, reason: RegExp) {
    expect(e.status).toBe("succeeded");
    expect(e.pullRequestUrl).toBeNull();
    expect(e.pullRequestError).toMatch(reason);
    expect(Object.keys(e.results).sort()).toEqual(["accuracy"]);
    expectTokensVerify(e);
    // What the run page reads.
    const again = await getEvaluation({ db: database.db, id: e.id });
    expect(again.pullRequestError).toBe(e.pullRequestError);
    expect(JSON.stringify(again)).not.toContain(DEMO_TOKEN);
    return model;
  }

  it("without a write token", async () => {
    const model = "fixtures/no-token-model";
    const e = await evaluate({ model, metrics: ["accuracy"], hub: { hubUrl: hub.url } });
    await expectKeptWithReason(e, model, /no HF_TOKEN with write access/);
    expect((await hubJson(`/api/models/${model}/discussions`)).discussions).toEqual([]);
  });

  it("when the model repo was deleted before the PR", async () => {
    const model = "fixtures/doomed-model";
    let deleted = false;
    // The repo disappears between inference and the PR: right when the PR step first calls the hub.
    const fetchThenDelete: typeof fetch = async (input, init) => {
      if (!deleted && String(input).endsWith("/api/whoami-v2")) {
        deleted = true;
        await hub.store.deleteRepo({ type: "model", name: model });
      }
      return fetch(input, init);
    };
    const e = await evaluate({ model, metrics: ["accuracy"], hub: { ...writer(), fetch: fetchThenDelete } });
    expect(deleted).toBe(true);
    await expectKeptWithReason(e, model, /Could not open a pull request on fixtures\/doomed-model: the model repo no longer exists/);
  });

  it("when the hub is down", async () => {
    const model = "fixtures/offline-model";
    // A second hub server over the same repos, stopped right before the PR step's first request.
    const second = await startLocalHub({ dir: hub.dir, port: 0 });
    let stopped = false;
    const fetchThenStop: typeof fetch = async (input, init) => {
      if (!stopped && String(input).endsWith("/api/whoami-v2")) {
        stopped = true;
        await second.close();
      }
      return fetch(input, init);
    };
    const e = await evaluate({ model, metrics: ["accuracy"], hub: { hubUrl: second.url, accessToken: DEMO_TOKEN, fetch: fetchThenStop } });
    expect(stopped).toBe(true);
    await expectKeptWithReason(e, model, new RegExp(`Could not open a pull request on fixtures/offline-model: the hub at ${second.url} is unreachable \\((ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET)\\)`));
  });
});

describe("read-only token (needs the local hub's readOnlyTokens)", () => {
  it("with a token that has no write access", async () => {
    const model = "fixtures/no-token-model";
    const readOnly = await startLocalHub({ dir: hub.dir, port: 0, readOnlyTokens: ["hf_read_only"] });
    try {
      const e = await evaluate({ model, metrics: ["accuracy"], hub: { hubUrl: readOnly.url, accessToken: "hf_read_only" } });
      expect(e.status).toBe("succeeded");
      expect(e.pullRequestUrl).toBeNull();
      expect(e.pullRequestError).toBe("Could not open a pull request on fixtures/no-token-model: the server's token has no write access to this model.");
      expect(e.verifyTokens.accuracy).toEqual(expect.any(String));
    } finally {
      await readOnly.close();
    }
  });
});
