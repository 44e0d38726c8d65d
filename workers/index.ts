import { inferenceConfig, readEnv } from "@/env";
import { getDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { startEvaluationWorker } from "./evaluation-worker";

/** `npm run worker`: one process running WORKER_CONCURRENCY evaluations at a time. */
const env = readEnv();
await migrateDatabase({ databaseUrl: env.DATABASE_URL });
const db = getDb(env.DATABASE_URL);
const handle = startEvaluationWorker({
  db,
  hub: { hubUrl: env.HF_ENDPOINT, accessToken: env.HF_TOKEN },
  redisUrl: env.REDIS_URL,
  prefix: env.QUEUE_PREFIX,
  publicUrl: env.PUBLIC_URL,
  concurrency: env.WORKER_CONCURRENCY,
  batchSize: env.EVAL_BATCH_SIZE,
  cacheDir: env.MODEL_CACHE_DIR,
  threads: env.INFERENCE_THREADS,
  inference: inferenceConfig(env),
  lockMs: env.WORKER_LOCK_MS,
  reconcileEveryMs: env.RECONCILE_EVERY_MS,
});
console.log(`worker: concurrency ${env.WORKER_CONCURRENCY}, hub ${env.HF_ENDPOINT}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await handle.close();
    await db.$disconnect();
    process.exit(0);
  });
}
