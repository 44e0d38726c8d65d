import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EvaluationExamplesQuerySchema, PredictionsExportQuerySchema, type EvaluationExamplesQueryInput } from "@/schemas/evaluation-examples";
import { toErrorResponse } from "@/server/errors";
import { createSubmission } from "@/server/evaluations/create-submission";
import { exportPredictions } from "@/server/evaluations/export-predictions";
import { getSubmission, type SubmissionView } from "@/server/evaluations/get-submission";
import { listEvaluationExamples } from "@/server/evaluations/list-evaluation-examples";
import { loadPredictions } from "@/server/evaluations/prediction-store";
import { PredictionTable } from "@/server/evaluations/prediction-table";
import { RecordTable } from "@/server/evaluations/record-table";
import { readSplitRows } from "@/server/datasets/read-split-rows";
import { prepareDataset } from "@/server/evaluations/prepare-evaluation";
import { createTestDatabase } from "../helpers/database";
import { startDemoHub } from "../helpers/demo-hub";
import { startPipeline } from "../helpers/pipeline";

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queue: Queue;
let pipeline: Awaited<ReturnType<typeof startPipeline>>;
let deps: Omit<Parameters<typeof createSubmission>[0], "input">;
let sst2Id = "";
let nerId = "";

async function evaluate(input: Record<string, unknown>): Promise<string> {
  const created = await createSubmission({ ...deps, input: { createPr: false, ...input } });
  const start = Date.now();
  for (;;) {
    const s: SubmissionView = await getSubmission({ db: database.db, id: created.id });
    const e = s.evaluations[0];
    if (e.status === "succeeded") return e.id;
    if (e.status === "failed") throw new Error(`${e.model} failed: ${e.failureReason}`);
    if (Date.now() - start > 90_000) throw new Error(`submission ${created.id} still ${s.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What the route handler does: parse the query with the shared schema, then list. */
const examples = async (id: string, query: EvaluationExamplesQueryInput | Record<string, string> = {}) =>
  listEvaluationExamples({ db: database.db, hub: deps.hub, id, query: EvaluationExamplesQuerySchema.parse(query) });

async function failure(p: Promise<unknown>) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err, "should have been refused").not.toBeNull();
  return toErrorResponse(err);
}

async function download(id: string, format: "jsonl" | "csv") {
  const file = await exportPredictions({ db: database.db, id, ...PredictionsExportQuerySchema.parse({ format }) });
  return { ...file, text: await new Response(file.body).text() };
}

beforeAll(async () => {
  pipeline = await startPipeline("examples", { worker: { batchSize: 16 } });
  ({ hub, database, queue } = pipeline);
  deps = { ...pipeline.deps };
  [sst2Id, nerId] = await Promise.all([
    evaluate({ dataset: "evalhub-demo/sst2", config: "default", split: "validation", task: "text-classification", columnMapping: { text: "sentence", target: "label" }, models: ["evalhub-demo/sst2-bow-base"] }),
    evaluate({ dataset: "evalhub-demo/conll-ner", split: "validation", task: "token-classification", columnMapping: { tokens: "tokens", tags: "ner_tags" }, models: ["evalhub-demo/ner-lexicon-base"] }),
  ]);
}, 180_000);

afterAll(async () => {
  await pipeline?.close();
});

/** The split's rows as the dataset holds them, to check the join against. */
async function splitRows(dataset: string, task: "text-classification" | "token-classification", columnMapping: Record<string, string>) {
  const ds = await prepareDataset({ hub: deps.hub, dataset, config: "default", split: "validation", task, columnMapping });
  const rows: Record<string, unknown>[] = [];
  for await (const batch of readSplitRows({ hub: deps.hub, dataset: ds.repo.name, revision: ds.repo.sha, layout: ds.layout }, ds.opened)) rows.push(...batch);
  return rows;
}

describe("GET /api/evaluations/{id}/examples on a text-classification evaluation (SST-2)", () => {
  it("pages through every example, joining each stored prediction with its sentence and label names", async () => {
    const rows = await splitRows("evalhub-demo/sst2", "text-classification", { text: "sentence", target: "label" });
    const first = await examples(sst2Id, { pageSize: 25 });
    expect(first.task).toBe("text-classification");
    expect(first.labels).toEqual(["negative", "positive"]);
    expect(first.fields).toEqual(["text"]);
    expect(first.total).toBe(400);
    expect(first.hasMore).toBe(true);
    expect(first.examples.map((e) => e.row)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const last = await examples(sst2Id, { pageSize: 25, page: 16 });
    expect(last.examples.map((e) => e.row)).toEqual(Array.from({ length: 25 }, (_, i) => 375 + i));
    expect(last.hasMore).toBe(false);
    for (const e of [...first.examples, ...last.examples]) {
      expect(e.input.text).toBe(rows[e.row].sentence);
      expect(e.reference).toBe(first.labels[Number(rows[e.row].label)]);
      expect(first.labels).toContain(e.prediction);
      expect(e.correct).toBe(e.prediction === e.reference);
      expect(e.scores!.negative + e.scores!.positive).toBeCloseTo(1, 6);
      const best = e.scores!.positive > e.scores!.negative ? "positive" : "negative";
      expect(e.prediction).toBe(best);
    }
  });

  it("errorsOnly returns exactly the misclassified examples (accuracy 0.7275: 109 of 400)", async () => {
    const table = (await loadPredictions(database.db, (await database.db.evaluation.findUniqueOrThrow({ where: { id: sst2Id } })).evaluationKey)) as PredictionTable;
    const wrongRows = table.toArray().filter((p) => p.prediction !== p.reference).map((p) => p.row);
    expect(wrongRows).toHaveLength(109);
    const page = await examples(sst2Id, { errorsOnly: "true", pageSize: 100 });
    expect(page.total).toBe(109);
    expect(page.examples.every((e) => !e.correct && e.prediction !== e.reference)).toBe(true);
    const page2 = await examples(sst2Id, { errorsOnly: "true", pageSize: 100, page: 2 });
    expect([...page.examples, ...page2.examples].map((e) => e.row)).toEqual(wrongRows);
  });

  it("filters by reference label and by confusion-matrix cell, matching the stored report", async () => {
    const ev = await database.db.evaluation.findUniqueOrThrow({ where: { id: sst2Id } });
    const report = (ev.manifest as { report: { labels: string[]; confusionMatrix: number[][] } }).report;
    const neg = await examples(sst2Id, { label: "negative", pageSize: 100 });
    expect(neg.total).toBe(report.confusionMatrix[0][0] + report.confusionMatrix[0][1]);
    expect(neg.examples.every((e) => e.reference === "negative")).toBe(true);
    const cell = await examples(sst2Id, { label: "negative", predicted: "positive", pageSize: 100 });
    expect(cell.total).toBe(report.confusionMatrix[0][1]);
    expect(cell.examples.every((e) => e.reference === "negative" && e.prediction === "positive" && !e.correct)).toBe(true);
  });

  it("searches the input text case-insensitively and stops reading once the page is full", async () => {
    const rows = await splitRows("evalhub-demo/sst2", "text-classification", { text: "sentence", target: "label" });
    const expected = rows.map((r, i) => ({ i, s: String(r.sentence) })).filter((r) => r.s.toLowerCase().includes("film")).map((r) => r.i);
    expect(expected.length).toBeGreaterThan(6);
    const all = await examples(sst2Id, { q: "FILM", pageSize: 100 });
    expect(all.total).toBe(expected.length);
    expect(all.hasMore).toBe(false);
    expect(all.examples.map((e) => e.row)).toEqual(expected);
    const page2 = await examples(sst2Id, { q: "Film", pageSize: 3, page: 2 });
    expect(page2.examples.map((e) => e.row)).toEqual(expected.slice(3, 6));
    expect(page2.hasMore).toBe(true);
    expect(page2.total).toBeNull();
    const none = await examples(sst2Id, { q: "zzzz-no-such-text" });
    expect(none.total).toBe(0);
    expect(none.examples).toEqual([]);
  });

  it("refuses bad queries with 4xx naming the parameter", async () => {
    expect((await failure(examples(sst2Id, { pageSize: "500" }))).status).toBe(422);
    expect((await failure(examples(sst2Id, { page: "0" }))).body.fields).toHaveProperty("page");
    expect((await failure(examples(sst2Id, { errorsOnly: "maybe" }))).body.fields).toHaveProperty("errorsOnly");
    expect((await failure(examples(sst2Id, { extra: "1" } as never))).status).toBe(422);
    const badLabel = await failure(examples(sst2Id, { label: "neutral" }));
    expect(badLabel.status).toBe(422);
    expect(badLabel.body.error).toMatch(/negative, positive/);
    expect((await failure(examples("00000000-0000-0000-0000-000000000000"))).status).toBe(404);
    expect((await failure(examples("not-a-uuid"))).status).toBe(404);
  });

  it("GET /api/evaluations/{id}/predictions downloads all 400 predictions as JSON Lines and CSV", async () => {
    const table = (await loadPredictions(database.db, (await database.db.evaluation.findUniqueOrThrow({ where: { id: sst2Id } })).evaluationKey)) as PredictionTable;
    const jsonl = await download(sst2Id, "jsonl");
    expect(jsonl.filename).toBe("evalhub-demo_sst2-bow-base__evalhub-demo_sst2__default__validation-predictions.jsonl");
    expect(jsonl.contentType).toMatch(/ndjson/);
    const lines = jsonl.text.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(400);
    const names = ["negative", "positive"];
    lines.forEach((l, i) => {
      const p = table.get(i);
      expect(l).toEqual({ row: p.row, prediction: names[p.prediction], reference: names[p.reference], correct: p.prediction === p.reference, scores: { negative: p.scores[0], positive: p.scores[1] } });
    });
    const csv = await download(sst2Id, "csv");
    const csvLines = csv.text.trim().split("\n");
    expect(csvLines[0]).toBe("row,prediction,reference,correct,score:negative,score:positive");
    expect(csvLines).toHaveLength(401);
    const p = table.get(7);
    expect(csvLines[8]).toBe([p.row, names[p.prediction], names[p.reference], p.prediction === p.reference, p.scores[0], p.scores[1]].join(","));
    expect(toErrorResponse((() => { try { PredictionsExportQuerySchema.parse({ format: "xml" }); } catch (e) { return e; } })()).status).toBe(422);
  });
});

describe("GET /api/evaluations/{id}/examples on a token-classification evaluation (CoNLL NER)", () => {
  it("joins tag sequences with the sentence's tokens; errorsOnly keeps sentences with a wrong tag", async () => {
    const rows = await splitRows("evalhub-demo/conll-ner", "token-classification", { tokens: "tokens", tags: "ner_tags" });
    const table = (await loadPredictions(database.db, (await database.db.evaluation.findUniqueOrThrow({ where: { id: nerId } })).evaluationKey)) as RecordTable<string[], string[]>;
    const all = await examples(nerId, { pageSize: 100 });
    expect(all.task).toBe("token-classification");
    expect(all.labels).toEqual(["LOC", "MISC", "ORG", "PER"]);
    expect(all.fields).toEqual(["tokens"]);
    expect(all.total).toBe(table.length);
    for (const e of all.examples) {
      expect(e.input.tokens).toEqual(rows[e.row].tokens);
      const stored = table.records.find((r) => r.row === e.row)!;
      expect(e.prediction).toEqual(stored.prediction);
      expect(e.reference).toEqual(stored.reference);
      expect((e.reference as string[]).length).toBe((e.input.tokens as string[]).length);
    }
    const wrong = table.records.filter((r) => r.prediction.some((t, i) => t !== r.reference[i])).map((r) => r.row);
    expect(wrong.length).toBeGreaterThan(0);
    expect(wrong.length).toBeLessThan(table.length);
    const errors = await examples(nerId, { errorsOnly: "1", pageSize: 100 });
    expect(errors.examples.map((e) => e.row)).toEqual(wrong);
  });

  it("filters by entity type in the reference or the prediction, and searches the tokens", async () => {
    const table = (await loadPredictions(database.db, (await database.db.evaluation.findUniqueOrThrow({ where: { id: nerId } })).evaluationKey)) as RecordTable<string[], string[]>;
    const withPer = table.records.filter((r) => [...r.reference, ...r.prediction].some((t) => t.endsWith("-PER"))).map((r) => r.row);
    const per = await examples(nerId, { label: "PER", pageSize: 100 });
    expect(per.examples.map((e) => e.row)).toEqual(withPer);
    const someToken = (per.examples[0].input.tokens as string[]).find((t) => t.length > 4)!;
    const found = await examples(nerId, { q: someToken.toUpperCase(), pageSize: 100 });
    expect(found.examples.map((e) => e.row)).toContain(per.examples[0].row);
    expect(found.examples.every((e) => (e.input.tokens as string[]).join(" ").toLowerCase().includes(someToken.toLowerCase()))).toBe(true);
    expect((await failure(examples(nerId, { label: "B-PER" }))).body.error).toMatch(/entity types: LOC, MISC, ORG, PER/);
    expect((await failure(examples(nerId, { predicted: "PER" }))).status).toBe(422);
  });

  it("downloads the tag sequences as JSON Lines and CSV", async () => {
    const table = (await loadPredictions(database.db, (await database.db.evaluation.findUniqueOrThrow({ where: { id: nerId } })).evaluationKey)) as RecordTable<string[], string[]>;
    const jsonl = await download(nerId, "jsonl");
    const lines = jsonl.text.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => ({ row: l.row, prediction: l.prediction, reference: l.reference }))).toEqual(table.records);
    const csv = await download(nerId, "csv");
    const csvLines = csv.text.trim().split("\n");
    expect(csvLines[0]).toBe("row,prediction,reference,correct");
    expect(csvLines).toHaveLength(table.length + 1);
    const r = table.records[0];
    const quote = (v: unknown) => `"${JSON.stringify(v).replace(/"/g, '""')}"`;
    expect(csvLines[1]).toBe(`${r.row},${quote(r.prediction)},${quote(r.reference)},${r.prediction.every((t, i) => t === r.reference[i])}`);
  });
});
