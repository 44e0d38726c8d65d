import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { Queue } from "bullmq";
import { EVALUATION_QUEUE, evaluationJobId } from "@/jobs/definitions";
import { createDb } from "@/server/db/client";
import { dropDatabase, migrateDatabase } from "@/server/db/migrate";
import { computeResults } from "@/server/evaluations/compute-results";
import { createSubmission } from "@/server/evaluations/create-submission";
import { loadPredictions, savePredictions } from "@/server/evaluations/prediction-store";
import { prepareDataset, prepareModel } from "@/server/evaluations/prepare-evaluation";
import { buildEvalResult } from "@/server/hub/model-card";
import { openModelCardPr } from "@/server/hub/open-model-card-pr";
import { readSplitRows } from "@/server/datasets/read-split-rows";
import { loadTextClassifier } from "@/server/inference/text-classifier";
import { lengthBuckets } from "@/server/evaluations/length-buckets";
import { createRedis, obliterateQueues } from "@/server/queue";
import { writeSst2Parquet, splitParquetPath } from "@/seed/parquet";
import { TASKS } from "@/server/tasks";
import { startEvaluationWorker } from "../workers/evaluation-worker";
import { addBenchEncoder, BENCH_ENCODER } from "./bench-model";
import { printTable, type Row } from "./harness";
import { BENCH_MODELS, BENCH_THREADS, WORKER_BATCH_SIZE, interleaved, ratioRow, sst2Examples, startBenchHub, type Measured, type RatioRow } from "./inference";

const EXAMPLES = 2000;
const ROUNDS = 3;
const DATABASE_BASE = process.env.BENCH_DATABASE_BASE_URL ?? process.env.TEST_DATABASE_BASE_URL ?? "postgresql://postgres@127.0.0.1:5432";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** Any hf_ token acts as the local hub's default user, who may open pull requests. */
const TOKEN = "hf_evalhub_bench_token";
const PUBLIC_URL = "http://evalhub.bench";
const INPUT = { config: "default", split: "validation", task: "text-classification", columnMapping: { text: "sentence", target: "label" } } as const;

interface QueueRun {
  /** createSubmission: validation against the hub, rows stored, job enqueued. */
  submitMs: number;
  /** From createSubmission's return to the worker taking the job (negative: it took it before). */
  pickupMs: number;
  /** The worker's job, from taking it to marking it complete. */
  jobMs: number;
  /** runInference's own timings, from the stored manifest. */
  inference: { loadMs: number; inferenceMs: number; totalMs: number };
}

/**
 * A 2,000-row evaluation through the whole product (createSubmission, PostgreSQL, Redis, BullMQ,
 * the worker's processEvaluation, scoring with bootstrap intervals, the model-card pull request)
 * against the bare inference loop on the same model, batch size and threads. Both sides load the
 * model (from the same warm on-disk cache, as a long-running worker would): the worker loads it
 * for every job, so leaving it out of the baseline would hide nothing but make the sides unequal.
 *
 * The worker is the in-process one (workers/evaluation-worker.ts), not dist/worker.mjs: the
 * baseline runs in this process, so both sides share one runtime (tsx, the same JIT state and
 * transformers.js module), and the difference measured is the pipeline, not node vs tsx or a
 * second process competing for the machine's two cores.
 */
export async function benchQueueOverhead(): Promise<Row[]> {
  const hub = await startBenchHub();
  const hubConfig = { hubUrl: hub.url, accessToken: TOKEN };
  const suffix = randomBytes(4).toString("hex");
  const databaseUrl = `${DATABASE_BASE}/evalhub_bench_queue_${suffix}`;
  const prefix = `evalhub-bench-queue-${suffix}`;
  const examples = await sst2Examples(EXAMPLES);
  const texts = examples.map((e) => e.sentence);
  const parquet = writeSst2Parquet(examples.map((e, idx) => ({ idx, sentence: e.sentence, label: e.label ? 1 : 0 })));
  // One dataset repo per submission (warm-up + rounds, per variant), so every submission is a new
  // evaluation key and opens a new pull request, like a first evaluation of a model on a dataset.
  let nextDataset = 0;
  const newDataset = async () => {
    const name = `bench/sst2-2k-${nextDataset++}`;
    await hub.store.createRepo({ type: "dataset", name });
    await hub.store.commit({ repo: { type: "dataset", name }, message: "2,000 SST-2 rows", files: [{ path: splitParquetPath("validation"), content: parquet }], author: "evalhub-demo" });
    return name;
  };

  await migrateDatabase({ databaseUrl });
  const db = createDb(databaseUrl);
  const queue = new Queue(EVALUATION_QUEUE, { connection: createRedis(REDIS_URL), prefix });
  const handle = startEvaluationWorker({
    db,
    hub: hubConfig,
    redisUrl: REDIS_URL,
    prefix,
    publicUrl: PUBLIC_URL,
    concurrency: 1,
    batchSize: WORKER_BATCH_SIZE,
    cacheDir: hub.cacheDir,
    threads: BENCH_THREADS,
    reconcileEveryMs: 0,
    log: () => {},
  });
  const events = new Map<string, { activeAt?: number; endedAt?: number; error?: string }>();
  const event = (id: string) => events.get(id) ?? (events.set(id, {}), events.get(id)!);
  handle.worker.on("active", (job) => void (event(job.id!).activeAt = performance.now()));
  handle.worker.on("completed", (job) => void (event(job.id!).endedAt = performance.now()));
  handle.worker.on("failed", (job, err) => job && Object.assign(event(job.id!), { endedAt: performance.now(), error: err.message }));

  const runs: Record<string, QueueRun[]> = {};
  /** Submits one evaluation and waits for the worker to finish it; records where the time went. */
  const throughQueue = async (model: string, createPr: boolean): Promise<Measured> => {
    const dataset = await newDataset();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const created = await createSubmission({ input: { ...INPUT, dataset, models: [model], createPr }, db, hub: hubConfig, queue, publicUrl: PUBLIC_URL });
    const submitted = performance.now();
    const evaluation = await db.evaluation.findUniqueOrThrow({ where: { id: created.evaluations[0].id } });
    const e = event(evaluationJobId(evaluation.id));
    while (e.endedAt === undefined) await new Promise((r) => setTimeout(r, 2));
    const cpu = process.cpuUsage(c0);
    if (e.error) throw new Error(`evaluation of ${model} on ${dataset} failed: ${e.error}`);
    const done = await db.evaluation.findUniqueOrThrow({ where: { id: evaluation.id }, include: { results: true } });
    if (done.status !== "succeeded" || done.results.length === 0 || done.processed !== EXAMPLES) {
      throw new Error(`evaluation of ${model} ended ${done.status} with ${done.results.length} results, ${done.processed} rows`);
    }
    const timings = (done.manifest as { timings: QueueRun["inference"] }).timings;
    (runs[`${model}|${createPr}`] ??= []).push({
      submitMs: submitted - t0,
      pickupMs: e.activeAt! - submitted,
      jobMs: e.endedAt - e.activeAt!,
      inference: { loadMs: timings.loadMs, inferenceMs: timings.inferenceMs, totalMs: timings.totalMs },
    });
    return { wallMs: e.endedAt - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
  };

  const rows: RatioRow[] = [];
  try {
    await addBenchEncoder(hub.store, hubConfig.hubUrl);
    console.log(`  ${EXAMPLES.toLocaleString("en")}-row split, batch size ${WORKER_BATCH_SIZE}, ${BENCH_THREADS} thread(s); in-process worker; median of ${ROUNDS}`);
    // The target is checked on a model whose inference costs what a real encoder's does; the demo
    // models are informative (their inference is so cheap that the fixed cost per evaluation dominates).
    // BENCH_QUEUE_DEMO_MODELS=0 skips the informative demo-model rows.
    for (const model of [BENCH_ENCODER, ...(process.env.BENCH_QUEUE_DEMO_MODELS === "0" ? [] : BENCH_MODELS)]) {
      const revision = await hub.sha(model);
      const big = model === BENCH_ENCODER;
      const cases: Record<string, () => Promise<unknown>> = {
          bare: async () => {
            const classifier = await loadTextClassifier({ hub: hubConfig, model, revision, cacheDir: hub.cacheDir, threads: BENCH_THREADS });
            try {
              // The same batching the worker does: length-sorted windows of 8 batches.
              for (let i = 0; i < texts.length; i += WORKER_BATCH_SIZE * 8) {
                const window = texts.slice(i, i + WORKER_BATCH_SIZE * 8);
                for (const batch of lengthBuckets(window.map((t) => t.length), WORKER_BATCH_SIZE)) await classifier.classify(batch.map((j) => window[j]));
              }
            } finally {
              await classifier.dispose();
            }
          },
          queue: () => throughQueue(model, true),
          ...(big ? {} : { queueNoPr: () => throughQueue(model, false) }),
      };
      const m = (await interleaved(cases, big ? 2 : ROUNDS)) as Record<"bare" | "queue" | "queueNoPr", Measured & { runs: number[] }>;
      const name = model.split("/")[1];
      const target = big ? 1.15 : undefined;
      rows.push(ratioRow(`${name}: submission to stored results through the queue vs bare load + inference loop`, m.queue, m.bare, target));
      if (m.queueNoPr) rows.push(ratioRow(`${name}: the same without opening the model-card PR (createPr: false)`, m.queueNoPr, m.bare));
      console.log(`  ${name}: bare loop runs ${m.bare.runs.join(", ")} ms; queue runs ${m.queue.runs.join(", ")} ms`);
      // The pipeline's cost is mostly fixed per evaluation, so the ratio depends on how long inference takes.
      const fixed = m.queue.wallMs - m.bare.wallMs;
      console.log(
        `  ${name}: fixed cost of the pipeline ≈ ${Math.round(fixed)} ms; 1.15x holds once the bare loop takes ≥ ${Math.round(fixed / 0.15)} ms ` +
          `(≥ ${(fixed / 0.15 / EXAMPLES).toFixed(1)} ms per example; this model takes ${(m.bare.wallMs / EXAMPLES).toFixed(2)})`,
      );
      printBreakdown(name, runs[`${model}|true`].slice(1), m.bare.wallMs);
      if (!big) await printPhaseCosts({ model, dataset: await newDataset(), hubConfig, db });
    }
  } finally {
    await handle.close();
    await obliterateQueues(queue);
    await queue.close();
    await db.$disconnect();
    await dropDatabase(databaseUrl);
    await hub.close();
  }
  return rows;
}

/** Medians of where the queued evaluation's time went (warm-up run excluded). */
function printBreakdown(name: string, runs: QueueRun[], bareMs: number) {
  const med = (f: (r: QueueRun) => number) => Math.round(runs.map(f).sort((a, b) => a - b)[Math.floor(runs.length / 2)]);
  const job = med((r) => r.jobMs);
  const inf = med((r) => r.inference.totalMs);
  console.log(
    `  ${name} through the queue (medians, ms): createSubmission ${med((r) => r.submitMs)}; pickup ${med((r) => r.pickupMs)}; ` +
      `worker job ${job} = runInference ${inf} (model load ${med((r) => r.inference.loadMs)}, classify ${med((r) => r.inference.inferenceMs)}, ` +
      `dataset read + softmax + progress ${med((r) => r.inference.totalMs - r.inference.loadMs - r.inference.inferenceMs)}) ` +
      `+ the rest of the job (re-prepare, save predictions, score, PR, status) ${med((r) => r.jobMs - r.inference.totalMs)}; bare loop ${Math.round(bareMs)}`,
  );
}

/**
 * Times the steps around inference one by one, with the same inputs the worker uses, to say what
 * "the rest of the job" is made of. Each is run once after a warm-up call, so these are indications.
 */
async function printPhaseCosts(opts: { model: string; dataset: string; hubConfig: { hubUrl: string; accessToken: string }; db: ReturnType<typeof createDb> }) {
  const { model, dataset, hubConfig, db } = opts;
  const timeIt = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
    await fn();
    const t0 = performance.now();
    const out = await fn();
    return [Math.round(performance.now() - t0), out];
  };
  const [prepareMs, prepared] = await timeIt(async () => {
    const ds = await prepareDataset({ hub: hubConfig, dataset, ...INPUT });
    return prepareModel({ hub: hubConfig, dataset: ds, task: INPUT.task, columnMapping: INPUT.columnMapping, model });
  });
  const ds = prepared.dataset;
  const [readMs] = await timeIt(async () => {
    let n = 0;
    const split = { hub: hubConfig, dataset: ds.repo.name, revision: ds.repo.sha, layout: ds.layout, columns: Object.values(INPUT.columnMapping) };
    for await (const rows of readSplitRows(split)) n += rows.length;
    return n;
  });
  // Predictions of an earlier queued run of this model: the same size and shape the worker scores.
  const key = (await db.evaluation.findFirstOrThrow({ where: { model, status: "succeeded" } })).evaluationKey;
  const predictions = (await loadPredictions(db, key))!;
  const [saveMs] = await timeIt(() => savePredictions(db, `bench-${key}`, predictions));
  const [loadMs] = await timeIt(() => loadPredictions(db, key));
  const metrics = TASKS["text-classification"].defaultMetrics;
  const [scoreMs, results] = await timeIt(async () => computeResults(predictions, metrics));
  const evalResult = buildEvalResult({
    task: { type: INPUT.task, name: TASKS[INPUT.task].name },
    dataset: { type: dataset, name: dataset, config: INPUT.config, split: INPUT.split, revision: prepared.dataset.repo.sha },
    metrics: results.map((r) => ({ type: r.metric, value: r.value, verified: false })),
    source: { name: "EvalHub", url: PUBLIC_URL },
  });
  let n = 0;
  // A new title each call, so each opens a new PR as the worker's first evaluation does.
  const [prMs] = await timeIt(() => openModelCardPr({ hub: hubConfig, model, title: `Bench ${dataset} ${n++}`, description: "bench", results: [evalResult] }));
  console.log(
    `  ${model.split("/")[1]} steps alone (ms): prepareDataset + prepareModel ${prepareMs} (done twice: createSubmission and the worker); ` +
      `read the split ${readMs}; savePredictions ${saveMs}; loadPredictions ${loadMs}; computeResults ${metrics.join("/")} with bootstrap ${scoreMs}; openModelCardPr ${prMs}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await benchQueueOverhead();
  printTable("Queue: a 2,000-row evaluation through the whole product vs the bare inference loop", rows);
  process.exit(0);
}
