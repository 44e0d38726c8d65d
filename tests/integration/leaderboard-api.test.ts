import path from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVALUATION_QUEUE } from "@/jobs/definitions";
import { createSubmission } from "@/server/evaluations/create-submission";
import { getSubmission } from "@/server/evaluations/get-submission";
import { route } from "@/server/http/route";
import type { Leaderboard } from "@/server/leaderboards/get-leaderboard";
import { respondLeaderboard } from "@/server/leaderboards/respond-leaderboard";
import { createRedis } from "@/server/queue";
import { startEvaluationWorker } from "../../workers/evaluation-worker";
import { createTestDatabase, REDIS_URL, testQueuePrefix } from "../helpers/database";
import { DEMO_TOKEN, startDemoHub } from "../helpers/demo-hub";
import { csvObjects } from "../helpers/parse-csv";

const DATASET = "evalhub-demo/sst2";
const BOW = ["evalhub-demo/sst2-bow-tiny", "evalhub-demo/sst2-bow-small", "evalhub-demo/sst2-bow-base", "evalhub-demo/tiny-distilbert-sst2"];
// Measured on the 400 validation rows (README, tests/integration/evaluation-pipeline.test.ts).
const ACCURACY: Record<string, number> = {
  "evalhub-demo/sst2-bow-base": 0.7275,
  "evalhub-demo/sst2-bow-small": 0.6525,
  "evalhub-demo/sst2-bow-tiny": 0.5875,
  "evalhub-demo/tiny-distilbert-sst2": 0.49,
};

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queue: Queue;
let worker: ReturnType<typeof startEvaluationWorker>;

/** The route handler's code path: query validation, `route()` error mapping, JSON/CSV bodies. */
const handler = route(async (req: Request) =>
  respondLeaderboard({ db: database.db, dataset: DATASET, searchParams: new URL(req.url).searchParams }),
);
const get = (query: string) => handler(new Request(`http://evalhub.test/api/leaderboards/${DATASET}?${query}`));
const board = async (query: string): Promise<Leaderboard> => {
  const res = await get(query);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
};

beforeAll(async () => {
  hub = await startDemoHub();
  database = await createTestDatabase("leaderboard");
  const prefix = testQueuePrefix("leaderboard");
  queue = new Queue(EVALUATION_QUEUE, { connection: createRedis(REDIS_URL), prefix });
  const hubConfig = { hubUrl: hub.url, accessToken: DEMO_TOKEN };
  worker = startEvaluationWorker({
    db: database.db,
    hub: hubConfig,
    redisUrl: REDIS_URL,
    prefix,
    publicUrl: "http://evalhub.test",
    concurrency: 2,
    batchSize: 32,
    cacheDir: path.join(hub.dir, ".model-cache"),
    reconcileEveryMs: 0,
    log: () => {},
  });
  const deps = { db: database.db, hub: hubConfig, queue, publicUrl: "http://evalhub.test" };
  const base = { dataset: DATASET, config: "default", columnMapping: { text: "sentence", target: "label" }, createPr: false };
  const inputs = [
    { ...base, split: "validation", task: "text-classification", models: BOW, metrics: ["accuracy", "f1", "matthews_correlation"] },
    { ...base, split: "validation", task: "zero-shot-classification", models: ["evalhub-demo/nli-sentiment-small", "evalhub-demo/nli-sentiment-base"], metrics: ["accuracy"] },
    { ...base, split: "train", task: "text-classification", models: ["evalhub-demo/sst2-bow-base"], metrics: ["accuracy"] },
  ];
  const ids = [];
  for (const input of inputs) ids.push((await createSubmission({ ...deps, input })).id);
  const start = Date.now();
  for (const id of ids) {
    for (;;) {
      const s = await getSubmission({ db: database.db, id });
      if (s.evaluations.every((e) => e.status === "succeeded")) break;
      if (s.evaluations.some((e) => e.status === "failed")) throw new Error(`evaluation failed: ${JSON.stringify(s.evaluations.map((e) => e.failureReason))}`);
      if (Date.now() - start > 150_000) throw new Error(`submission ${id} did not finish`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}, 240_000);

afterAll(async () => {
  await worker?.close();
  await queue?.obliterate({ force: true }).catch(() => {});
  await queue?.close();
  await database?.drop();
  await hub?.close();
});

describe("GET /api/leaderboards/{dataset} over evaluations run through the queue", () => {
  it("lists every latest evaluation ranked by accuracy, with the selectors' options", async () => {
    const b = await board("");
    expect(b.metric).toBe("accuracy");
    expect(b.higherIsBetter).toBe(true);
    expect(b.sort).toBe("accuracy");
    expect(b.direction).toBe("desc");
    expect(b.rows).toHaveLength(7);
    expect(b.available).toEqual([{ config: "default", split: "train" }, { config: "default", split: "validation" }]);
    expect(b.tasks).toEqual(["text-classification", "zero-shot-classification"]);
    expect(b.metrics).toEqual(["accuracy", "f1", "matthews_correlation"]);
    const acc = b.rows.map((r) => r.results.accuracy);
    expect(acc).toEqual([...acc].sort((x, y) => y - x));
    expect(b.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("filters by split, task and model search", async () => {
    const tc = await board("config=default&split=validation&task=text-classification");
    expect(tc.rows.map((r) => r.model)).toEqual(["evalhub-demo/sst2-bow-base", "evalhub-demo/sst2-bow-small", "evalhub-demo/sst2-bow-tiny", "evalhub-demo/tiny-distilbert-sst2"]);
    for (const r of tc.rows) expect(r.results.accuracy).toBeCloseTo(ACCURACY[r.model], 12);
    const zs = await board("split=validation&task=zero-shot-classification");
    expect(zs.rows.map((r) => r.model)).toEqual(["evalhub-demo/nli-sentiment-base", "evalhub-demo/nli-sentiment-small"]);
    expect(zs.metrics).toEqual(["accuracy"]);
    const train = await board("split=train");
    expect(train.rows.map((r) => [r.model, r.split])).toEqual([["evalhub-demo/sst2-bow-base", "train"]]);
    const search = await board("split=validation&search=BOW-");
    expect(search.rows.map((r) => r.model).sort()).toEqual(["evalhub-demo/sst2-bow-base", "evalhub-demo/sst2-bow-small", "evalhub-demo/sst2-bow-tiny"]);
    const none = await board("split=test");
    expect(none.rows).toEqual([]);
    // Nothing is signed yet (verification is issue 7's), so the verified-only view is empty.
    expect((await board("verified=true&split=validation")).rows).toHaveLength(0);
  });

  it("sorts by any metric, defaulting to its own direction, while rank stays by the ranking metric", async () => {
    const byMcc = await board("split=validation&task=text-classification&sort=matthews_correlation");
    expect(byMcc.direction).toBe("desc");
    const mcc = byMcc.rows.map((r) => r.results.matthews_correlation);
    expect(mcc).toEqual([...mcc].sort((x, y) => y - x));
    const asc = await board("split=validation&task=text-classification&sort=accuracy&dir=asc");
    expect(asc.rows.map((r) => r.model)).toEqual(["evalhub-demo/tiny-distilbert-sst2", "evalhub-demo/sst2-bow-tiny", "evalhub-demo/sst2-bow-small", "evalhub-demo/sst2-bow-base"]);
    expect(asc.rows.map((r) => r.rank)).toEqual([4, 3, 2, 1]);
    const byF1 = await board("split=validation&task=text-classification&metric=f1");
    expect(byF1.metric).toBe("f1");
    const f1 = byF1.rows.map((r) => r.results.f1);
    expect(f1).toEqual([...f1].sort((x, y) => y - x));
  });

  it("marks the leader and the models whose interval overlaps the leader's as tied", async () => {
    const b = await board("split=validation&task=text-classification");
    const [leader, ...rest] = b.rows;
    expect(leader.leader).toBe(true);
    expect(leader.model).toBe("evalhub-demo/sst2-bow-base");
    const [lo, hi] = leader.intervals.accuracy;
    for (const r of rest) {
      const [a, z] = r.intervals.accuracy;
      expect(r.tied, r.model).toBe(a <= hi && z >= lo);
    }
    // 0.49 against 0.7275 on 400 rows is far outside any 95% interval.
    expect(rest.find((r) => r.model === "evalhub-demo/tiny-distilbert-sst2")!.tied).toBe(false);
  });

  it("exports the same filtered view as RFC 4180 CSV with a header and one row per model", async () => {
    const query = "split=validation&task=text-classification&sort=f1";
    const res = await get(`${query}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="evalhub-demo_sst2-validation-text-classification-leaderboard.csv"');
    const text = await res.text();
    expect(text.endsWith("\r\n")).toBe(true);
    const records = csvObjects(text);
    const json = await board(query);
    expect(records.map((r) => r.model)).toEqual(json.rows.map((r) => r.model));
    for (const [i, rec] of records.entries()) {
      const row = json.rows[i];
      expect(rec.model_sha).toBe(row.modelSha);
      expect(rec.evaluation_id).toBe(row.evaluationId);
      for (const m of ["accuracy", "f1", "matthews_correlation"]) {
        expect(Number(rec[m])).toBe(row.results[m]);
        expect(Number(rec[`${m}_ci_low`])).toBe(row.intervals[m][0]);
        expect(Number(rec[`${m}_ci_high`])).toBe(row.intervals[m][1]);
      }
    }
    expect(Number(records.find((r) => r.model === "evalhub-demo/sst2-bow-small")!.accuracy)).toBeCloseTo(0.6525, 12);
  });

  it("exports JSON as a download with the same filters", async () => {
    const res = await get("split=train&format=json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="evalhub-demo_sst2-train-leaderboard\.json"$/);
    expect((await res.json()).rows.map((r: { model: string }) => r.model)).toEqual(["evalhub-demo/sst2-bow-base"]);
  });

  it("answers 422 naming the field for a bad metric, sort, direction, task or format", async () => {
    for (const [query, field] of [
      ["metric=bleurt", "metric"],
      ["sort=speed", "sort"],
      ["dir=up", "dir"],
      ["task=regression", "task"],
      ["format=xml", "format"],
      ["verified=maybe", "verified"],
    ]) {
      const res = await get(query);
      expect(res.status, query).toBe(422);
      const body = await res.json();
      expect(Object.keys(body.fields), query).toEqual([field]);
      expect(body.error).toMatch(/must be/);
    }
  });
});
