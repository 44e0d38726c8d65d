import { inferenceConfig, readEnv } from "@/env";
import { getDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { notifySubmission } from "@/server/notifications";
import { startEvaluationWorker } from "./evaluation-worker";
import { startSelfReportedImporter } from "./self-reported-importer";

/** `npm run worker`: one process running WORKER_CONCURRENCY evaluations at a time. */
const env = readEnv();
await migrateDatabase({ databaseUrl: env.DATABASE_URL });
const db = getDb(env.DATABASE_URL);
const hub = { hubUrl: env.HF_ENDPOINT, accessToken: env.HF_TOKEN };
// The SMTP URL may hold a password: it goes to nodemailer only, never to a log line.
const smtp = env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM } : null;
const handle = startEvaluationWorker({
  db,
  hub,
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
  onSubmissionEnded: (submissionId, { finalAttempt }) =>
    notifySubmission({ db, hub, submissionId, publicUrl: env.PUBLIC_URL, smtp, retryIfUndelivered: !finalAttempt, log: (line) => console.log(line) }),
});
const importer = startSelfReportedImporter({
  db,
  hub,
  redisUrl: env.REDIS_URL,
  prefix: env.QUEUE_PREFIX,
  everyMs: env.SELF_REPORTED_IMPORT_EVERY_MS,
});
console.log(`worker: concurrency ${env.WORKER_CONCURRENCY}, hub ${env.HF_ENDPOINT}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await handle.close();
    await importer.close();
    await db.$disconnect();
    process.exit(0);
  });
}
