import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EvaluateModelPayload } from "@/jobs/definitions";
import { createSubmission } from "@/server/evaluations/create-submission";
import { getSubmission } from "@/server/evaluations/get-submission";
import { buildDemoContent } from "@/seed/demo-content";
import { startPipeline } from "../helpers/pipeline";
import { SST2_SUBMISSION, waitFor as waitForProbe } from "../helpers/wait-for";

/**
 * Issue 7, "transient hub or inference errors retry with backoff; permanent ones fail fast with
 * the reason": the worker reads the real local hub through a fetch that answers 503 while the test
 * says so (the hub having a bad minute), or the model is deleted after the submission (permanent).
 */
const BASE = { ...SST2_SUBMISSION, createPr: false };

let p: Awaited<ReturnType<typeof startPipeline>>;
const logs: string[] = [];
let hubDown = false;
let refused = 0;
/** The worker's fetch: the hub answers 503 while `hubDown`. */
const flakyFetch: typeof fetch = async (input, init) => {
  if (hubDown) {
    refused++;
    return new Response(JSON.stringify({ error: "Service Unavailable" }), { status: 503, headers: { "Content-Type": "application/json" } });
  }
  return fetch(input, init);
};

const waitFor = <T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false) => waitForProbe(what, probe, { logs, timeoutMs: 60_000 });

const evaluationOf = async (submissionId: string) => (await getSubmission({ db: p.db, id: submissionId })).evaluations[0];

beforeAll(async () => {
  p = await startPipeline("transient", {
    worker: false,
    prepareHub: async (hub) => {
      const tiny = (await buildDemoContent()).find((r) => r.name === "evalhub-demo/sst2-bow-tiny")!;
      await hub.store.createRepo({ type: "model", name: "fixtures/vanishing-model" });
      await hub.store.commit({ repo: { type: "model", name: "fixtures/vanishing-model" }, message: "fixture", files: tiny.files });
    },
  });
  p.startWorker({ concurrency: 1, hub: { ...p.hubConfig, fetch: flakyFetch }, log: (line) => logs.push(line) });
}, 120_000);

afterAll(async () => {
  await p?.close();
});

describe("transient and permanent errors in the worker", () => {
  it("retries an evaluation while the hub answers 503, with backoff, and it succeeds once the hub is back", async () => {
    hubDown = true;
    const created = await createSubmission({ ...p.deps, input: { ...BASE, models: ["evalhub-demo/sst2-bow-base"] } });
    const { id } = await evaluationOf(created.id);
    await waitFor("the first attempt to fail", () => logs.some((l) => l.startsWith(`evaluation ${id} failed (attempt 1)`)));
    expect(refused).toBeGreaterThan(0);
    // Not failed for good: queued again (BullMQ's exponential backoff holds the job as delayed).
    const e = await evaluationOf(created.id);
    expect(e.status, e.failureReason ?? "").not.toBe("failed");
    const delayed = await p.queue.getJobs(["delayed"]);
    const job = delayed.find((j) => EvaluateModelPayload.safeParse(j?.data).data?.evaluationId === id);
    expect(job?.opts.backoff).toMatchObject({ type: "exponential" });
    expect(job?.attemptsMade).toBe(1);
    hubDown = false;
    const done = await waitFor("the evaluation to succeed", async () => {
      const x = await evaluationOf(created.id);
      return x.status === "succeeded" || x.status === "failed" ? x : null;
    });
    expect(done.status, done.failureReason ?? "").toBe("succeeded");
    expect(done.failureReason).toBeNull();
    expect(Object.keys(done.results).sort()).toEqual(["accuracy", "f1", "precision", "recall"]);
    expect(await p.db.result.count({ where: { evaluationId: id } })).toBe(4);
    const attempts = logs.filter((l) => l.startsWith(`evaluation ${id} failed`));
    expect(attempts[0]).toMatch(/The hub answered 503 for dataset "evalhub-demo\/sst2"/);
  }, 90_000);

  it("fails at the first attempt, with the reason, when the model was deleted after the submission", async () => {
    const created = await createSubmission({ ...p.deps, input: { ...BASE, models: ["fixtures/vanishing-model"] } });
    await p.hub.store.deleteRepo({ type: "model", name: "fixtures/vanishing-model" });
    const { id } = await evaluationOf(created.id);
    const failed = await waitFor("the evaluation to fail", async () => {
      const x = await evaluationOf(created.id);
      return x.status === "failed" || x.status === "succeeded" ? x : null;
    });
    expect(failed.status).toBe("failed");
    expect(failed.failureReason).toMatch(/Model "fixtures\/vanishing-model" was not found on the hub/);
    await waitFor("the worker's log line", () => logs.some((l) => l.startsWith(`evaluation ${id} failed (attempt 1)`)));
    // Unrecoverable: no retry waits in the queue, and there was one attempt only.
    const pending = await p.queue.getJobs(["waiting", "prioritized", "delayed", "active"]);
    expect(pending.filter((j) => EvaluateModelPayload.safeParse(j?.data).data?.evaluationId === id)).toEqual([]);
    expect(logs.filter((l) => l.startsWith(`evaluation ${id} failed`))).toHaveLength(1);
  }, 60_000);
});
