import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubmission } from "@/server/evaluations/create-submission";
import { getSubmission } from "@/server/evaluations/get-submission";
import { parseCard } from "@/server/hub/model-card";
import { addBenchEncoder, BENCH_ENCODER } from "../../bench/bench-model";
import { startPipeline } from "../helpers/pipeline";
import { buildWorkerBundle, freePort, spawnWorkerProcess, stopProcess } from "../helpers/stack";
import { SST2_SUBMISSION, waitFor as waitForProbe } from "../helpers/wait-for";

/**
 * Recovery with real worker processes (`dist/worker.mjs`, as `npm run worker` runs them): one is
 * killed with SIGKILL mid-evaluation; Redis is restarted empty and flushed mid-run. PostgreSQL is
 * the source of truth, so every evaluation still ends once, with one result set and one PR.
 */
const BASE = SST2_SUBMISSION;
// Locks short enough for a quick takeover, long enough for a busy 2-core machine to renew them.
const WORKER_ENV = { WORKER_CONCURRENCY: "1", WORKER_LOCK_MS: "8000", RECONCILE_EVERY_MS: "1000", SELF_REPORTED_IMPORT_EVERY_MS: "0" };

type Pipeline = Awaited<ReturnType<typeof startPipeline>>;

const waitFor = <T>(what: string, probe: () => Promise<T | null | undefined | false>, logs: string[], timeoutMs = 150_000) =>
  waitForProbe(what, probe, { logs, timeoutMs, ignoreErrors: true });

const endedOk = (p: Pipeline, id: string, logs: string[]) =>
  waitFor(`submission ${id} to end`, async () => {
    const s = await getSubmission({ db: p.db, id });
    return s.evaluations.every((e) => ["succeeded", "failed", "cancelled"].includes(e.status)) ? s : null;
  }, logs);

async function runningWithProgress(p: Pipeline, evaluationId: string, logs: string[]) {
  return waitFor("the evaluation to make progress", async () => {
    const e = await p.db.evaluation.findUniqueOrThrow({ where: { id: evaluationId } });
    return e.status === "running" && e.processed > 0 ? e : null;
  }, logs);
}

beforeAll(async () => {
  await buildWorkerBundle();
});

describe("a worker killed with SIGKILL mid-evaluation", () => {
  let p: Pipeline;
  const logs: string[] = [];
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    p = await startPipeline("recovery-kill", { worker: false, prepareHub: (hub) => addBenchEncoder(hub.store, hub.url) });
    for (let i = 0; i < 2; i++) workers.push(spawnWorkerProcess({ ...p.workerEnv, ...WORKER_ENV }, `worker${i}`, logs));
  });
  afterAll(async () => {
    await Promise.all(workers.map(stopProcess));
    await p?.close();
  });

  it("is taken over by the other worker and ends with exactly one result set and one PR", async () => {
    const created = await createSubmission({ ...p.deps, input: { ...BASE, username: "alice", models: [BENCH_ENCODER] } });
    const id = created.evaluations[0].id;
    const evaluation = await runningWithProgress(p, id, logs);
    const lease = await p.db.inferenceLease.findUniqueOrThrow({ where: { evaluationKey: evaluation.evaluationKey } });
    const holder = workers.find((w) => lease.owner.split(":")[1] === String(w.pid));
    expect(holder, `lease owner ${lease.owner} is one of our workers`).toBeDefined();
    holder!.kill("SIGKILL");

    const s = await endedOk(p, created.id, logs);
    expect(s.evaluations[0].status, logs.join("")).toBe("succeeded");
    expect(s.evaluations[0].processed).toBe(s.evaluations[0].total);
    const results = await p.db.result.findMany({ where: { evaluationId: id } });
    expect(results.map((r) => r.metric).sort()).toEqual(["accuracy", "f1", "precision", "recall"]);
    // The survivor ran inference again from the start under a new lease, then let it go.
    // (The worker marks the evaluation succeeded, then releases the lease and logs: wait for both.)
    const survivor = `[worker${workers.indexOf(workers.find((w) => w !== holder)!)}]`;
    await waitFor("the survivor's log line", async () => logs.some((l) => l.startsWith(survivor) && l.includes(`evaluation ${id}: finalized 1`)), logs, 30_000);
    await waitFor("the lease to be released", async () => (await p.db.inferenceLease.count()) === 0, logs, 30_000);
    // One PR on the model, whose model-index carries the results once.
    const prs = (await (await fetch(`${p.hub.url}/api/models/${BENCH_ENCODER}/discussions?type=pull_request`)).json()) as { discussions: { num: number; isPullRequest: boolean }[] };
    const pulls = prs.discussions.filter((d) => d.isPullRequest);
    expect(pulls).toHaveLength(1);
    const readme = await (await fetch(`${p.hub.url}/${BENCH_ENCODER}/resolve/refs%2Fpr%2F${pulls[0].num}/README.md`)).text();
    type Entry = { dataset: { type: string }; metrics: { type: string; value: number }[] };
    const index = (parseCard(readme).metadata["model-index"] ?? []) as { results: Entry[] }[];
    const entries = index.flatMap((m) => m.results).filter((r) => r.dataset.type === BASE.dataset);
    expect(entries).toHaveLength(1);
    expect(entries[0].metrics.filter((m) => m.type === "accuracy")).toHaveLength(1);
    expect(entries[0].metrics.find((m) => m.type === "accuracy")?.value).toBeCloseTo(results.find((r) => r.metric === "accuracy")!.value, 12);
  }, 240_000);
});

describe("Redis restarted empty, or flushed mid-run", () => {
  let p: Pipeline;
  let redisPort: number;
  let redis: ChildProcess | null = null;
  const logs: string[] = [];
  let worker: ChildProcess;

  const startRedis = async () => {
    redis = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await waitFor("redis to answer", async () => {
      const c = new Redis({ port: redisPort, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await c.connect();
        return (await c.ping()) === "PONG";
      } finally {
        c.disconnect();
      }
    }, logs, 10_000);
  };
  const killRedis = async () => {
    const r = redis!;
    redis = null;
    await new Promise<void>((resolve) => {
      r.once("exit", () => resolve());
      r.kill("SIGKILL");
    });
  };

  beforeAll(async () => {
    redisPort = await freePort();
    await startRedis();
    p = await startPipeline("recovery-redis", { worker: false, redisUrl: `redis://127.0.0.1:${redisPort}`, prepareHub: (hub) => addBenchEncoder(hub.store, hub.url) });
    worker = spawnWorkerProcess({ ...p.workerEnv, ...WORKER_ENV }, "worker", logs);
  });
  afterAll(async () => {
    await stopProcess(worker);
    await p?.close();
    if (redis) await killRedis();
  });

  it("loses nothing when Redis is down at submission and comes back empty", async () => {
    await killRedis();
    // The web app saves the submission as queued even though it cannot reach Redis.
    const created = await createSubmission({ ...p.deps, input: { ...BASE, username: "bob", models: ["evalhub-demo/sst2-bow-small"] } });
    expect(created.evaluations[0].status).toBe("queued");
    await startRedis();
    const s = await endedOk(p, created.id, logs);
    expect(s.evaluations[0].status, logs.join("")).toBe("succeeded");
    // The flow's parent ran too: the submission's notification was handled.
    await waitFor("the notification", async () => (await p.db.submission.findUniqueOrThrow({ where: { id: created.id } })).notifiedAt, logs);
  }, 240_000);

  it("finishes an evaluation whose jobs vanished with FLUSHALL while it ran, once", async () => {
    const created = await createSubmission({ ...p.deps, input: { ...BASE, username: "carol", models: [BENCH_ENCODER] } });
    const id = created.evaluations[0].id;
    await runningWithProgress(p, id, logs);
    const c = new Redis({ port: redisPort, host: "127.0.0.1" });
    await c.flushall();
    c.disconnect();
    const s = await endedOk(p, created.id, logs);
    expect(s.evaluations[0].status, logs.join("")).toBe("succeeded");
    expect(await p.db.result.count({ where: { evaluationId: id } })).toBe(4);
    const { evaluationKey } = await p.db.evaluation.findUniqueOrThrow({ where: { id } });
    expect(await p.db.predictionSet.count({ where: { evaluationKey } })).toBe(1);
    await waitFor("the notification", async () => (await p.db.submission.findUniqueOrThrow({ where: { id: created.id } })).notifiedAt, logs);
  }, 240_000);

  it("re-enqueues queued work that FLUSHALL erased before any worker saw it", async () => {
    await stopProcess(worker);
    const created = await createSubmission({ ...p.deps, input: { ...BASE, username: "dave", models: ["evalhub-demo/sst2-bow-tiny"] } });
    const jobs = async () => (await p.queue.getJobs(["waiting", "prioritized", "delayed", "active"])).length;
    expect(await jobs()).toBe(1);
    const c = new Redis({ port: redisPort, host: "127.0.0.1" });
    await c.flushall();
    c.disconnect();
    expect(await jobs()).toBe(0);
    worker = spawnWorkerProcess({ ...p.workerEnv, ...WORKER_ENV }, "worker-b", logs);
    const s = await endedOk(p, created.id, logs);
    expect(s.evaluations[0].status, logs.join("")).toBe("succeeded");
    expect(logs.some((l) => l.includes(`reconciler: re-enqueued 1 evaluation(s) of submission ${created.id}`))).toBe(true);
    await waitFor("the notification", async () => (await p.db.submission.findUniqueOrThrow({ where: { id: created.id } })).notifiedAt, logs);
  }, 240_000);
});
