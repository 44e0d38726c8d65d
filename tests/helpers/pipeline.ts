import path from "node:path";
import { Queue } from "bullmq";
import { EVALUATION_QUEUE } from "@/jobs/definitions";
import { createRedis, obliterateQueues } from "@/server/queue";
import { startEvaluationWorker, type EvaluationWorkerOptions } from "../../workers/evaluation-worker";
import { createTestDatabase, REDIS_URL, testQueuePrefix } from "./database";
import { DEMO_TOKEN, startDemoHub } from "./demo-hub";

export const PUBLIC_URL = "http://evalhub.test";

export interface PipelineOptions {
  /** Adds repos to the hub before anything starts. */
  prepareHub?: (hub: Awaited<ReturnType<typeof startDemoHub>>) => Promise<void>;
  /** Another Redis than the machine's (e.g. one a test restarts). */
  redisUrl?: string;
  /** Start an in-process worker now with these options (default: yes, concurrency 2, no reconciler). */
  worker?: Partial<EvaluationWorkerOptions> | false;
}

/**
 * The pipeline in-process, as the integration suites use it: the seeded local hub over HTTP, a
 * fresh PostgreSQL database, a BullMQ queue under the suite's own Redis prefix and a worker.
 */
export async function startPipeline(label: string, opts: PipelineOptions = {}) {
  const hub = await startDemoHub();
  await opts.prepareHub?.(hub);
  const database = await createTestDatabase(label);
  const prefix = testQueuePrefix(label);
  const redisUrl = opts.redisUrl ?? REDIS_URL;
  const conn = createRedis(redisUrl);
  conn.on("error", () => {});
  const queue = new Queue(EVALUATION_QUEUE, { connection: conn, prefix });
  queue.on("error", () => {});
  const hubConfig = { hubUrl: hub.url, accessToken: DEMO_TOKEN };
  const deps = { db: database.db, hub: hubConfig, queue, publicUrl: PUBLIC_URL };
  let worker: ReturnType<typeof startEvaluationWorker> | null = null;
  const startWorker = (overrides: Partial<EvaluationWorkerOptions> = {}) => {
    worker = startEvaluationWorker({
      db: database.db,
      hub: hubConfig,
      redisUrl,
      prefix,
      publicUrl: PUBLIC_URL,
      concurrency: 2,
      batchSize: 16,
      cacheDir: path.join(hub.dir, ".model-cache"),
      reconcileEveryMs: 0,
      log: () => {},
      ...overrides,
    });
    return worker;
  };
  const stopWorker = async () => {
    await worker?.close();
    worker = null;
  };
  if (opts.worker !== false) startWorker(opts.worker ?? {});
  return {
    hub,
    database,
    db: database.db,
    queue,
    prefix,
    hubConfig,
    deps,
    redisUrl,
    /** The environment a worker process needs to join this pipeline. */
    workerEnv: {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      HF_ENDPOINT: hub.url,
      DATASETS_SERVER_URL: hub.url,
      HF_TOKEN: DEMO_TOKEN,
      PUBLIC_URL,
      MODEL_CACHE_DIR: path.join(hub.dir, ".model-cache"),
    } as Record<string, string>,
    startWorker,
    stopWorker,
    async close() {
      await stopWorker();
      await obliterateQueues(queue);
      await queue.close();
      conn.disconnect();
      await database.drop();
      await hub.close();
    },
  };
}
