import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubmission, type CreateSubmissionOptions } from "@/server/evaluations/create-submission";
import { getSubmission } from "@/server/evaluations/get-submission";
import { route } from "@/server/http/route";
import type { Leaderboard } from "@/server/leaderboards/get-leaderboard";
import { respondLeaderboard } from "@/server/leaderboards/respond-leaderboard";
import { importSelfReported } from "@/server/self-reported/import-self-reported";
import { createTestDatabase } from "../helpers/database";
import { DEMO_TOKEN, startDemoHub } from "../helpers/demo-hub";
import { csvObjects } from "../helpers/parse-csv";
import { startPipeline } from "../helpers/pipeline";

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
let pipeline: Awaited<ReturnType<typeof startPipeline>>;
let deps: Omit<CreateSubmissionOptions, "input">;

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
  pipeline = await startPipeline("leaderboard", { worker: { batchSize: 32 } });
  ({ hub, database, queue } = pipeline);
  deps = { ...pipeline.deps };
  const base = { dataset: DATASET, config: "default", columnMapping: { text: "sentence", target: "label" }, createPr: false };
  const inputs = [
    { ...base, split: "validation", task: "text-classification", models: BOW, metrics: ["accuracy", "f1", "matthews_correlation"] },
    { ...base, split: "validation", task: "zero-shot-classification", models: ["evalhub-demo/nli-sentiment-small", "evalhub-demo/nli-sentiment-base"], metrics: ["accuracy"] },
    { ...base, split: "train", task: "text-classification", models: ["evalhub-demo/sst2-bow-base"], metrics: ["accuracy"] },
  ];
  const ids = [];
  for (const input of inputs) ids.push((await createSubmission({ ...deps, input })).id);
  await waitForSubmissions(ids);
}, 240_000);

async function waitForSubmissions(ids: string[]) {
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
}

afterAll(async () => {
  await pipeline?.close();
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
    // Every result EvalHub computed carries a verifyToken: the verified-only view keeps all six.
    const verified = await board("verified=true&split=validation");
    expect(verified.rows).toHaveLength(6);
    expect(verified.rows.every((r) => r.verified)).toBe(true);
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

  it("marks the leader and compares every other model with it by a paired bootstrap on the same rows", async () => {
    const b = await board("split=validation&task=text-classification");
    const [leader, ...rest] = b.rows;
    expect(leader.leader).toBe(true);
    expect(leader.model).toBe("evalhub-demo/sst2-bow-base");
    expect(leader.comparison).toBeNull();
    for (const r of rest) {
      // Same dataset commit, split, mapping and no row limit, predictions stored: the paired test applies.
      expect(r.comparison, r.model).toMatchObject({ with: leader.model, test: "paired-bootstrap", rows: 400, resamples: 1000 });
      expect(r.comparison!.difference).toBeCloseTo(r.results.accuracy - leader.results.accuracy, 12);
      const [lo, hi] = r.comparison!.interval!;
      expect(r.tied, r.model).toBe(lo <= 0 && hi >= 0);
      expect(r.tie).toEqual(r.tied ? r.comparison : null);
    }
    // 0.49 against 0.7275 on the same 400 rows: the paired difference is far from 0.
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

describe("self-reported rows and paired ties", () => {
  const COPY = "fixtures/sst2-bow-base-copy";

  beforeAll(async () => {
    await importSelfReported({ db: database.db, hub: { hubUrl: hub.url, accessToken: DEMO_TOKEN }, datasets: [DATASET] });
    // The same files as sst2-bow-base under another name: identical predictions, another evaluation key.
    const files = [];
    for (const path of ["README.md", "config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx"]) {
      const res = await fetch(`${hub.url}/evalhub-demo/sst2-bow-base/resolve/main/${path}`);
      files.push({ path, content: new Uint8Array(await res.arrayBuffer()) });
    }
    await hub.store.createRepo({ type: "model", name: COPY });
    await hub.store.commit({ repo: { type: "model", name: COPY }, message: "copy", files });
    const base = { dataset: DATASET, config: "default", columnMapping: { text: "sentence", target: "label" }, createPr: false, task: "text-classification", metrics: ["accuracy", "f1"] };
    const ids = [(await createSubmission({ ...deps, input: { ...base, split: "validation", models: [COPY] } })).id];
    // bow-small again on a 150-row sample: not the leader's rows, so no paired test for it.
    ids.push((await createSubmission({ ...deps, maxRows: 150, input: { ...base, split: "validation", models: ["evalhub-demo/sst2-bow-small"] } })).id);
    await waitForSubmissions(ids);
  }, 180_000);

  it("shows the imported model-card claims marked self-reported, with no interval, never leader or tied", async () => {
    const b = await board("split=validation&task=zero-shot-classification");
    expect(b.selfReported).toBe(true);
    expect(b.rows.map((r) => [r.model, r.source])).toEqual([
      ["evalhub-demo/nli-sentiment-base", "evalhub"],
      ["evalhub-demo/nli-sentiment-base", "self-reported"],
      ["evalhub-demo/nli-sentiment-small", "evalhub"],
      ["evalhub-demo/nli-sentiment-small", "self-reported"],
    ]);
    for (const r of b.rows.filter((x) => x.source === "self-reported")) {
      expect(r).toMatchObject({ evaluationId: null, intervals: {}, verified: false, leader: false, tied: false, tie: null, comparison: null });
      expect(r.key).toMatch(/^self-reported:/);
    }
    expect(b.rows.find((r) => r.source === "self-reported" && r.model.endsWith("base"))!.results.accuracy).toBe(0.73);
    expect(b.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(b.rows[0].leader).toBe(true);
  });

  it("hides them with selfReported=false and with verified=true, and 422s a bad value", async () => {
    const hidden = await board("split=validation&task=zero-shot-classification&selfReported=false");
    expect(hidden.selfReported).toBe(false);
    expect(hidden.rows.map((r) => r.source)).toEqual(["evalhub", "evalhub"]);
    const verified = await board("verified=true&split=validation&task=zero-shot-classification");
    expect(verified.rows.map((r) => [r.source, r.verified])).toEqual([["evalhub", true], ["evalhub", true]]);
    const res = await get("selfReported=maybe");
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).fields)).toEqual(["selfReported"]);
  });

  it("exports the source and tie test in CSV, with no evaluation id for self-reported rows", async () => {
    const records = csvObjects(await (await get("split=validation&task=zero-shot-classification&format=csv")).text());
    expect(records.map((r) => [r.source, r.evaluation_id === ""])).toEqual([
      ["evalhub", false],
      ["self-reported", true],
      ["evalhub", false],
      ["self-reported", true],
    ]);
    expect(records[1].accuracy).toBe("0.73");
    expect(records[1].accuracy_ci_low).toBe("");
  });

  it("ties identical predictions by the paired test and falls back to CI overlap for a run on other rows", async () => {
    const b = await board("split=validation&task=text-classification");
    const leader = b.rows[0];
    expect(leader.model).toBe("evalhub-demo/sst2-bow-base");
    const copy = b.rows.find((r) => r.model === COPY)!;
    expect(copy.results.accuracy).toBe(leader.results.accuracy);
    expect(copy.tied).toBe(true);
    expect(copy.tie).toMatchObject({ with: leader.model, test: "paired-bootstrap", difference: 0, interval: [0, 0], rows: 400 });
    const distilbert = b.rows.find((r) => r.model === "evalhub-demo/tiny-distilbert-sst2")!;
    expect(distilbert.comparison).toMatchObject({ test: "paired-bootstrap", tied: false });
    const sampled = b.rows.find((r) => r.model === "evalhub-demo/sst2-bow-small")!;
    expect(sampled.comparison?.test).toBe("ci-overlap");
    const [lo, hi] = leader.intervals.accuracy;
    const [a, z] = sampled.intervals.accuracy;
    expect(sampled.tied).toBe(a <= hi && z >= lo);
    // The same view again is answered from the per-(keys, metric) cache with the same numbers.
    expect((await board("split=validation&task=text-classification")).rows.map((r) => r.comparison)).toEqual(b.rows.map((r) => r.comparison));
  });

  it("does not mark a row verified once its value is changed in the database (the token no longer matches)", async () => {
    const row = (await board("split=validation&search=bow-tiny")).rows[0]!;
    expect(row.verified).toBe(true);
    const result = await database.db.result.findFirstOrThrow({ where: { evaluationId: row.evaluationId!, metric: "accuracy" } });
    await database.db.result.update({ where: { id: result.id }, data: { value: result.value + 0.01 } });
    try {
      const after = (await board("split=validation&search=bow-tiny")).rows[0]!;
      expect(after).toMatchObject({ evaluationId: row.evaluationId, verified: false });
      expect((await board("verified=true&split=validation&search=bow-tiny")).rows).toEqual([]);
    } finally {
      await database.db.result.update({ where: { id: result.id }, data: { value: result.value } });
    }
  });
});
