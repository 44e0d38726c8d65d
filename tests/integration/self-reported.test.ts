import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis } from "@/server/queue";
import { SELF_REPORTED_QUEUE, SELF_REPORTED_SCHEDULER_ID } from "@/server/self-reported/import-job";
import { importSelfReported } from "@/server/self-reported/import-self-reported";
import { startSelfReportedImporter } from "../../workers/self-reported-importer";
import { createTestDatabase, REDIS_URL, testQueuePrefix } from "../helpers/database";
import { DEMO_TOKEN, startDemoHub } from "../helpers/demo-hub";

const DATASET = "evalhub-demo/sst2";
const CLAIMS = "fixtures/sst2-claims";
const BROKEN = "fixtures/sst2-broken-index";
const utf8 = (s: string) => new TextEncoder().encode(s);

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let hubConfig: { hubUrl: string; accessToken: string };

/** A third-party card: tagged with the dataset, claiming results in model-index. */
function claimsCard(metrics: string): string {
  return `---
datasets: [${DATASET}]
pipeline_tag: text-classification
model-index:
- name: sst2-claims
  results:
  - task: {type: text-classification, name: Text Classification}
    dataset: {name: SST-2, type: ${DATASET}, config: default, split: validation}
    metrics:
${metrics}
    source: {name: Our paper, url: "https://example.org/paper"}
  - task: {type: text-classification}
    dataset: {name: SST-2, type: ${DATASET}, config: default, split: validation}
    metrics: [{type: precision, value: 0.5, verified: true, verifyToken: eyJhbGciOiJFZERTQSJ9.e30.c2ln}]
---
# Claims
`;
}

const rowsOf = async (model?: string) =>
  (await database.db.selfReportedResult.findMany({ where: { dataset: DATASET, ...(model ? { model } : {}) }, orderBy: [{ model: "asc" }, { metric: "asc" }] })).map((r) => ({
    id: r.id,
    model: r.model,
    modelSha: r.modelSha,
    key: [r.config, r.split, r.task, r.metric].join("/"),
    value: r.value,
    metricName: r.metricName,
    source: r.source,
  }));

beforeAll(async () => {
  hub = await startDemoHub();
  database = await createTestDatabase("self_reported");
  hubConfig = { hubUrl: hub.url, accessToken: DEMO_TOKEN };
  await hub.store.createRepo({ type: "model", name: CLAIMS });
  await hub.store.commit({
    repo: { type: "model", name: CLAIMS },
    message: "card",
    files: [{ path: "README.md", content: utf8(claimsCard("    - {type: accuracy, value: 0.95, name: Accuracy}\n    - {type: f1, value: n/a}\n    - {type: recall, value: 0.9}")) }],
  });
  // Valid YAML (so the hub lists it by its dataset tag), but a results entry without a task.
  await hub.store.createRepo({ type: "model", name: BROKEN });
  await hub.store.commit({
    repo: { type: "model", name: BROKEN },
    message: "card",
    files: [{ path: "README.md", content: utf8(`---\ndatasets: [${DATASET}]\nmodel-index:\n- name: broken\n  results:\n  - dataset: {name: SST-2, type: ${DATASET}}\n    metrics: [{type: accuracy, value: 0.99}]\n---\n`) }],
  });
}, 120_000);

afterAll(async () => {
  await database?.drop();
  await hub?.close();
});

describe("importSelfReported against the local hub's model cards", () => {
  it("imports the claims of every model tagged with the dataset, skipping EvalHub's own, bad values and a malformed card with reasons", async () => {
    const summary = await importSelfReported({ db: database.db, hub: hubConfig, datasets: [DATASET] });
    expect(summary.datasets).toEqual([DATASET]);
    // The four SST-2 demo classifiers, two zero-shot NLI models and the two fixtures are tagged.
    expect(summary.models).toBe(8);
    const rows = await rowsOf();
    expect(rows.map((r) => [r.model, r.key, r.value])).toEqual([
      ["evalhub-demo/nli-sentiment-base", "default/validation/zero-shot-classification/accuracy", 0.73],
      ["evalhub-demo/nli-sentiment-small", "default/validation/zero-shot-classification/accuracy", 0.58],
      [CLAIMS, "default/validation/text-classification/accuracy", 0.95],
      [CLAIMS, "default/validation/text-classification/recall", 0.9],
    ]);
    const claims = rows.find((r) => r.model === CLAIMS)!;
    expect(claims.metricName).toBe("Accuracy");
    expect(claims.source).toEqual({ name: "Our paper", url: "https://example.org/paper" });
    const sha = (await (await fetch(`${hub.url}/api/models/${CLAIMS}`)).json()).sha;
    expect(claims.modelSha).toBe(sha);
    expect(summary.upserted).toBe(4);
    expect([...summary.skipped].sort((a, b) => a.model!.localeCompare(b.model!))).toEqual([
      { dataset: DATASET, model: BROKEN, reason: expect.stringMatching(/model-index\[0\]\.results\[0\]\.task/) },
      { dataset: DATASET, model: CLAIMS, reason: expect.stringMatching(/\(f1\): value "n\/a" is not a number/) },
    ]);
  });

  it("is idempotent: a second run keeps the same rows and ids and deletes nothing", async () => {
    const before = await rowsOf();
    const summary = await importSelfReported({ db: database.db, hub: hubConfig, datasets: [DATASET] });
    expect(summary.deleted).toBe(0);
    expect(summary.upserted).toBe(4);
    expect(await rowsOf()).toEqual(before);
  });

  it("deletes a result that vanished from the card and follows the card's new commit", async () => {
    const { oid } = await hub.store.commit({
      repo: { type: "model", name: CLAIMS },
      message: "drop recall, correct accuracy",
      files: [{ path: "README.md", content: utf8(claimsCard("    - {type: accuracy, value: 0.93}")) }],
    });
    const summary = await importSelfReported({ db: database.db, hub: hubConfig, datasets: [DATASET] });
    expect(summary.deleted).toBe(1);
    const rows = await rowsOf(CLAIMS);
    expect(rows.map((r) => [r.key, r.value, r.modelSha])).toEqual([["default/validation/text-classification/accuracy", 0.93, oid]]);
  });

  it("removes the rows of a model that no longer carries the dataset tag", async () => {
    await hub.store.commit({ repo: { type: "model", name: CLAIMS }, message: "untag", files: [{ path: "README.md", content: utf8("---\npipeline_tag: text-classification\n---\n# gone\n") }] });
    const summary = await importSelfReported({ db: database.db, hub: hubConfig, datasets: [DATASET] });
    expect(summary.deleted).toBe(1);
    expect(await rowsOf(CLAIMS)).toEqual([]);
  });

  it("records an unreachable hub as a skipped dataset and keeps every row", async () => {
    const before = await rowsOf();
    const summary = await importSelfReported({ db: database.db, hub: { hubUrl: "http://127.0.0.1:9" }, datasets: [DATASET] });
    expect(summary.skipped).toEqual([{ dataset: DATASET, reason: expect.stringMatching(/could not list the models tagged dataset:evalhub-demo\/sst2/) }]);
    expect(await rowsOf()).toEqual(before);
  });
});

describe("the self-reported importer's BullMQ job scheduler", () => {
  it("registers one schedule and runs the import at once on its own queue, over the datasets already known", async () => {
    await database.db.selfReportedResult.deleteMany({ where: { model: "evalhub-demo/nli-sentiment-small" } });
    const prefix = testQueuePrefix("self-reported");
    const lines: string[] = [];
    const importer = startSelfReportedImporter({ db: database.db, hub: hubConfig, redisUrl: REDIS_URL, prefix, everyMs: 3_600_000, log: (l) => lines.push(l) });
    const queue = new Queue(SELF_REPORTED_QUEUE, { connection: createRedis(REDIS_URL), prefix });
    try {
      await importer.ready;
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.every])).toEqual([[SELF_REPORTED_SCHEDULER_ID, 3_600_000]]);
      const start = Date.now();
      while ((await queue.getJobCountByTypes("completed")) === 0) {
        if (Date.now() - start > 30_000) throw new Error(`no import completed: ${lines.join("\n")}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const [job] = await queue.getJobs(["completed"]);
      expect(job.returnvalue.datasets).toEqual([DATASET]);
      expect((await rowsOf("evalhub-demo/nli-sentiment-small")).map((r) => r.value)).toEqual([0.58]);
      expect(lines.some((l) => l.startsWith("self-reported import: 1 datasets"))).toBe(true);
      // A second process upserting the same schedule does not add one.
      const second = startSelfReportedImporter({ db: database.db, hub: hubConfig, redisUrl: REDIS_URL, prefix, everyMs: 3_600_000, log: () => {} });
      await second.ready;
      expect(await queue.getJobSchedulers()).toHaveLength(1);
      await second.close();
    } finally {
      await importer.close();
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
    }
  }, 60_000);
});
