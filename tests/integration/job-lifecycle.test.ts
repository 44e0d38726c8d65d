import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EvaluateModelPayload } from "@/jobs/definitions";
import { addMetrics } from "@/server/evaluations/add-metrics";
import { computeResults } from "@/server/evaluations/compute-results";
import { cancelEvaluation, retryEvaluation } from "@/server/evaluations/control-evaluation";
import { loadPredictions } from "@/server/evaluations/prediction-store";
import { deploymentSigningKey, verifyResultToken } from "@/server/verify";
import { createSubmission } from "@/server/evaluations/create-submission";
import { getSubmission, type SubmissionView } from "@/server/evaluations/get-submission";
import { toErrorResponse } from "@/server/errors";
import { addBenchEncoder, BENCH_ENCODER } from "../../bench/bench-model";
import { startPipeline } from "../helpers/pipeline";
import { SST2_SUBMISSION, waitFor as waitForProbe } from "../helpers/wait-for";

const DATASET = SST2_SUBMISSION.dataset;
const BASE = { ...SST2_SUBMISSION, createPr: false };
const ENDED = new Set(["succeeded", "failed", "cancelled"]);

let p: Awaited<ReturnType<typeof startPipeline>>;
/** Submissions whose flow parent ran, in order (the worker's notification hook). */
const notified: string[] = [];
const logs: string[] = [];

function startWorker(concurrency = 1) {
  return p.startWorker({
    concurrency,
    lockMs: 5_000,
    log: (line) => logs.push(line),
    onSubmissionEnded: async (id) => {
      notified.push(id);
      await p.db.submission.update({ where: { id }, data: { notifiedAt: new Date() } });
    },
  });
}

const waitFor = <T>(what: string, probe: () => Promise<T | null | undefined | false>) => waitForProbe(what, probe, { logs });

const ended = (id: string) =>
  waitFor(`submission ${id} to end`, async () => {
    const s = await getSubmission({ db: p.db, id });
    return s.evaluations.every((e) => ENDED.has(e.status)) ? s : null;
  });

async function jobsFor(evaluationId: string) {
  const jobs = await p.queue.getJobs(["waiting", "prioritized", "delayed", "active"]);
  return jobs.filter((j) => EvaluateModelPayload.safeParse(j?.data).data?.evaluationId === evaluationId);
}

beforeAll(async () => {
  p = await startPipeline("lifecycle", { worker: false, prepareHub: (hub) => addBenchEncoder(hub.store, hub.url) });
});

afterAll(async () => {
  await p?.close();
});

describe("job lifecycle: flows, fair scheduling, cancel and retry", () => {
  it("schedules fairly between submitters and notifies each submission once, when all its models have ended", async () => {
    // Alice queues three models before Bob queues one; the worker runs one job at a time.
    const alice = await createSubmission({
      ...p.deps,
      input: { ...BASE, username: "alice", models: ["evalhub-demo/sst2-bow-tiny", "evalhub-demo/sst2-bow-small", "evalhub-demo/sst2-bow-base"] },
    });
    const bob = await createSubmission({ ...p.deps, input: { ...BASE, username: "bob", models: ["evalhub-demo/tiny-distilbert-sst2"] } });
    const priorities = new Map<string, number>();
    for (const e of [...alice.evaluations, ...bob.evaluations]) priorities.set(e.model, (await jobsFor(e.id))[0].opts.priority!);
    expect([...priorities.values()].sort()).toEqual([1, 1, 2, 3]);
    expect(priorities.get("evalhub-demo/tiny-distilbert-sst2")).toBe(1);

    startWorker(1);
    const [a, b] = await Promise.all([ended(alice.id), ended(bob.id)]);
    expect(a.status).toBe("succeeded");
    expect(b.status).toBe("succeeded");
    // Bob's only model started before Alice's second and third, not after all of hers.
    const starts = [...a.evaluations, ...b.evaluations].map((e) => ({ model: e.model, at: Date.parse(e.startedAt!) })).sort((x, y) => x.at - y.at);
    const bobRank = starts.findIndex((s) => s.model === "evalhub-demo/tiny-distilbert-sst2");
    expect(bobRank).toBeLessThanOrEqual(1);
    await waitFor("both notifications", async () => notified.includes(alice.id) && notified.includes(bob.id));
    expect(notified.filter((id) => id === alice.id)).toHaveLength(1);
    expect(notified.filter((id) => id === bob.id)).toHaveLength(1);
  });

  it("runs inference once for two submissions waiting on the same evaluation key", async () => {
    await p.stopWorker();
    const input = { ...BASE, username: "carol", models: ["evalhub-demo/sst2-bow-base"], parameters: {} };
    // A row cap makes a new evaluation key that nothing has computed yet.
    const first = await createSubmission({ ...p.deps, maxRows: 120, input });
    const second = await createSubmission({ ...p.deps, maxRows: 120, input: { ...input, username: "dave" } });
    expect(first.evaluations[0].status).toBe("queued");
    expect(second.evaluations[0].status).toBe("queued");
    logs.length = 0;
    startWorker(2);
    const [a, b] = await Promise.all([ended(first.id), ended(second.id)]);
    expect(a.evaluations[0].status).toBe("succeeded");
    expect(b.evaluations[0].results).toEqual(a.evaluations[0].results);
    // One job ran inference and finalized both; the other found nothing left to do.
    // (Logged just after the evaluations are marked succeeded.)
    await waitFor("the job's log line", async () => logs.some((l) => / finalized 2$/.test(l)));
    expect(logs.filter((l) => / finalized 2$/.test(l))).toHaveLength(1);
  });

  it("adds a metric to a finished evaluation by re-scoring its stored predictions, without inference", async () => {
    const [done] = await p.db.evaluation.findMany({ where: { status: "succeeded", submission: { username: "alice" } }, include: { submission: true }, take: 1 });
    const jobLines = () => logs.filter((l) => l.startsWith("evaluation ")).length;
    const before = jobLines();
    const startedAt = done.startedAt;
    const out = await addMetrics({ db: p.db, hub: p.hubConfig, publicUrl: "http://evalhub.test", id: done.id, input: { metrics: ["matthews_correlation"] } });
    expect(Object.keys(out.results).sort()).toEqual(["accuracy", "f1", "matthews_correlation", "precision", "recall"]);
    // The same number the metric gives on the stored predictions, signed like the others.
    const predictions = (await loadPredictions(p.db, done.evaluationKey))!;
    const [mcc] = computeResults(predictions, ["matthews_correlation"]);
    expect(out.results.matthews_correlation).toBe(mcc.value);
    const stored = await p.db.result.findUniqueOrThrow({ where: { evaluationId_metric: { evaluationId: done.id, metric: "matthews_correlation" } } });
    const { config, split } = done.submission;
    const check = verifyResultToken(deploymentSigningKey(), stored.verifyToken!, { modelSha: done.modelSha, datasetSha: done.datasetSha, config, split, metric: "matthews_correlation", value: stored.value });
    expect(check.valid).toBe(true);
    // No job ran and the evaluation kept its run's timings.
    expect(jobLines()).toBe(before);
    expect((await p.db.evaluation.findUniqueOrThrow({ where: { id: done.id } })).startedAt).toEqual(startedAt);

    const refuse = (input: unknown, id = done.id) => addMetrics({ db: p.db, hub: p.hubConfig, publicUrl: "x", id, input }).catch((e: unknown) => toErrorResponse(e));
    expect(await refuse({ metrics: ["seqeval"] })).toMatchObject({ status: 422, body: { fields: { "metrics.0": expect.stringMatching(/does not apply to text-classification/) } } });
    expect(await refuse({ metrics: ["nope"] })).toMatchObject({ status: 422, body: { fields: { "metrics.0": expect.any(String) } } });
    expect(await refuse({ metrics: [] })).toMatchObject({ status: 422 });
    expect(await refuse({ metrics: ["f1"] }, "00000000-0000-4000-8000-000000000000")).toMatchObject({ status: 404 });
  });

  it("cancels a queued evaluation (its job leaves the queue), refuses invalid transitions, and retries it", async () => {
    await p.stopWorker();
    const created = await createSubmission({ ...p.deps, maxRows: 80, input: { ...BASE, username: "erin", models: ["evalhub-demo/sst2-bow-tiny", "evalhub-demo/sst2-bow-small"] } });
    const [keep, drop] = created.evaluations;
    expect(await jobsFor(drop.id)).toHaveLength(1);
    const cancelled = await cancelEvaluation({ db: p.db, queue: p.queue, id: drop.id });
    expect(cancelled.status).toBe("cancelled");
    expect(await jobsFor(drop.id)).toHaveLength(0);
    const again = await cancelEvaluation({ db: p.db, queue: p.queue, id: drop.id }).catch((e: unknown) => toErrorResponse(e));
    expect(again).toMatchObject({ status: 409, body: { error: expect.stringMatching(/already cancelled/) } });
    const early = await retryEvaluation({ db: p.db, queue: p.queue, id: keep.id }).catch((e: unknown) => toErrorResponse(e));
    expect(early).toMatchObject({ status: 409, body: { error: expect.stringMatching(/only failed or cancelled/) } });
    const rescoreQueued = await addMetrics({ db: p.db, hub: p.hubConfig, publicUrl: "x", id: keep.id, input: { metrics: ["matthews_correlation"] } }).catch((e: unknown) => toErrorResponse(e));
    expect(rescoreQueued).toMatchObject({ status: 409, body: { error: expect.stringMatching(/once the evaluation has succeeded/) } });
    const unknown = await cancelEvaluation({ db: p.db, queue: p.queue, id: "00000000-0000-4000-8000-000000000000" }).catch((e: unknown) => toErrorResponse(e));
    expect(unknown).toMatchObject({ status: 404 });

    startWorker(1);
    let s: SubmissionView = await ended(created.id);
    expect(s.evaluations.find((e) => e.id === keep.id)?.status).toBe("succeeded");
    expect(s.evaluations.find((e) => e.id === drop.id)).toMatchObject({ status: "cancelled", results: {} });
    // The notification did not wait for the removed job.
    await waitFor("notification after the cancel", async () => notified.includes(created.id));

    const retried = await retryEvaluation({ db: p.db, queue: p.queue, id: drop.id });
    expect(retried.status).toBe("queued");
    s = await ended(created.id);
    expect(s.evaluations.find((e) => e.id === drop.id)?.status).toBe("succeeded");
    expect(Object.keys(s.evaluations.find((e) => e.id === drop.id)!.results).sort()).toEqual(["accuracy", "f1", "precision", "recall"]);
    await waitFor("a second notification after the retry", async () => notified.filter((id) => id === created.id).length === 2);
  });

  it("stops a running evaluation at its next batch when it is cancelled, storing no predictions", async () => {
    const created = await createSubmission({ ...p.deps, input: { ...BASE, username: "frank", models: [BENCH_ENCODER] } });
    const id = created.evaluations[0].id;
    await waitFor("the bench encoder to make progress", async () => {
      const e = await p.db.evaluation.findUniqueOrThrow({ where: { id } });
      return e.status === "running" && e.processed > 0;
    });
    await cancelEvaluation({ db: p.db, queue: p.queue, id });
    const e = await p.db.evaluation.findUniqueOrThrow({ where: { id } });
    await waitFor("the worker to let go of the key", async () => (await p.db.inferenceLease.count({ where: { evaluationKey: e.evaluationKey } })) === 0);
    const after = await p.db.evaluation.findUniqueOrThrow({ where: { id }, include: { results: true } });
    expect(after.status).toBe("cancelled");
    expect(after.results).toHaveLength(0);
    expect(after.processed).toBeLessThan(after.total!);
    expect(await p.db.predictionSet.count({ where: { evaluationKey: e.evaluationKey } })).toBe(0);
    await waitFor("the worker's log line", async () => logs.some((l) => l.includes(`evaluation ${id}: cancelled`)));
  });
});
