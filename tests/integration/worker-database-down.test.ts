import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubmission } from "@/server/evaluations/create-submission";
import { getSubmission } from "@/server/evaluations/get-submission";
import { addBenchEncoder, BENCH_ENCODER } from "../../bench/bench-model";
import { startPipeline } from "../helpers/pipeline";
import { buildWorkerBundle, freePort, spawnWorkerProcess, stopProcess } from "../helpers/stack";
import { TcpProxy, viaProxy, withDefaultPort } from "../helpers/tcp-proxy";
import { SST2_SUBMISSION, waitFor as waitForProbe } from "../helpers/wait-for";

/**
 * PostgreSQL going away under a running worker process, mid-evaluation, for longer than BullMQ's
 * retry backoff: the worker reaches the database through a TCP proxy the test cuts and restores.
 * The worker must not crash, and the evaluation must end once, succeeded, with one result set.
 */
const BASE = { ...SST2_SUBMISSION, createPr: false };
const WORKER_ENV = { WORKER_CONCURRENCY: "1", WORKER_LOCK_MS: "8000", RECONCILE_EVERY_MS: "1000", SELF_REPORTED_IMPORT_EVERY_MS: "0" };
/** Longer than the evaluation job's whole retry chain (2 s then 4 s of exponential backoff). */
const OUTAGE_MS = 12_000;

let p: Awaited<ReturnType<typeof startPipeline>>;
let proxy: TcpProxy;
let worker: ChildProcess;
const logs: string[] = [];

const waitFor = <T>(what: string, probe: () => Promise<T | null | undefined | false>) => waitForProbe(what, probe, { logs, timeoutMs: 150_000, ignoreErrors: true });

beforeAll(async () => {
  await buildWorkerBundle();
  p = await startPipeline("worker-db-down", { worker: false, prepareHub: (hub) => addBenchEncoder(hub.store, hub.url) });
  proxy = new TcpProxy(await freePort(), withDefaultPort(p.database.url, 5432));
  await proxy.listen("forward");
  worker = spawnWorkerProcess({ ...p.workerEnv, ...WORKER_ENV, DATABASE_URL: viaProxy(p.database.url, proxy).toString() }, "worker", logs);
}, 180_000);

afterAll(async () => {
  if (worker) await stopProcess(worker);
  await proxy?.cut();
  await p?.close();
});

describe("PostgreSQL down under a running worker", () => {
  it("survives an outage longer than the retry backoff mid-evaluation, and the evaluation ends once, succeeded", async () => {
    const created = await createSubmission({ ...p.deps, input: { ...BASE, models: [BENCH_ENCODER] } });
    const id = created.evaluations[0].id;
    await waitFor("the evaluation to make progress", async () => {
      const e = await p.db.evaluation.findUniqueOrThrow({ where: { id } });
      return e.status === "running" && e.processed > 0 ? e : null;
    });
    await proxy.cut();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    await proxy.listen("forward");
    const s = await waitFor("the submission to end", async () => {
      const x = await getSubmission({ db: p.db, id: created.id });
      return x.evaluations.every((e) => ["succeeded", "failed", "cancelled"].includes(e.status)) ? x : null;
    });
    const out = logs.join("");
    expect(s.evaluations[0].status, `${s.evaluations[0].failureReason}\n${out}`).toBe("succeeded");
    expect(s.evaluations[0].processed).toBe(s.evaluations[0].total);
    expect(worker.exitCode, out).toBeNull();
    const results = await p.db.result.findMany({ where: { evaluationId: id } });
    expect(results.map((r) => r.metric).sort()).toEqual(["accuracy", "f1", "precision", "recall"]);
    // The outage was waited out (one line each time), not counted as failed attempts.
    expect(out).toMatch(new RegExp(`evaluation ${id}: database unavailable \\(.*\\); trying again in 5000 ms`));
    expect(out).not.toContain(`evaluation ${id} failed`);
    // One line per event: no multi-line Prisma dumps in the worker's log.
    expect(out).not.toMatch(/invocation:\s*\n/);
    // The reconciler (every second here) says so once per outage, not once per round.
    expect(out.match(/reconciler: database unavailable/g)?.length ?? 0).toBeLessThanOrEqual(1);
    await waitFor("the lease to be released", async () => (await p.db.inferenceLease.count()) === 0);
  }, 240_000);
});
