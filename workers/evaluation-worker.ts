import { DelayedError, UnrecoverableError, Worker, type Job } from "bullmq";
import { EVALUATION_QUEUE, NOTIFICATION_QUEUE, evaluateModelJob, notifySubmissionJob } from "@/jobs/definitions";
import type { Db } from "@/server/db/client";
import { AppError, isDatabaseUnavailable, oneLine } from "@/server/errors";
import { failEvaluations, processEvaluation } from "@/server/evaluations/process-evaluation";
import type { HubConfig } from "@/server/hub/hub-config";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { reconcileQueues } from "@/server/jobs/reconcile";
import { createRedis, getEvaluationQueue } from "@/server/queue";

export interface EvaluationWorkerOptions {
  db: Db;
  hub: HubConfig;
  redisUrl: string;
  prefix: string;
  publicUrl: string;
  concurrency: number;
  batchSize: number;
  cacheDir: string;
  threads?: number;
  /** Operator configuration of remote endpoints. */
  inference?: InferenceConfig;
  /** How often PostgreSQL's pending work is re-enqueued (covers a flushed Redis). 0 disables. */
  reconcileEveryMs?: number;
  /**
   * How long a job's lock and an inference lease last without renewal. A worker killed mid-job
   * is noticed after about this long and its job handed to another worker.
   */
  lockMs?: number;
  /** How long a job waits before trying again while PostgreSQL is unreachable (default 5 s). */
  databaseRetryMs?: number;
  /** Sends a submission's one notification once all its evaluations have ended (the flow's parent job). */
  onSubmissionEnded?: (submissionId: string, attempt: { finalAttempt: boolean }) => Promise<unknown>;
  log?: (line: string) => void;
}

/** Puts the job back as delayed for `ms` without using up an attempt (BullMQ's DelayedError protocol). */
async function retryLater(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}

/** Starts the BullMQ workers for evaluations and notifications plus the reconciler; returns a stop function. */
export function startEvaluationWorker(opts: EvaluationWorkerOptions): { worker: Worker; close(): Promise<void> } {
  const log = opts.log ?? ((line: string) => console.log(line));
  const lockMs = opts.lockMs ?? 30_000;
  const databaseRetryMs = opts.databaseRetryMs ?? 5_000;
  const worker = new Worker(
    EVALUATION_QUEUE,
    async (job: Job, token?: string) => {
      const { evaluationId } = evaluateModelJob.schema.parse(job.data);
      try {
        const out = await processEvaluation({ ...opts, evaluationId, leaseMs: lockMs });
        if (out.outcome === "waiting") {
          // Another worker runs inference for the same key: look again shortly (then its stored predictions are scored).
          return await retryLater(job, token, Math.min(2_000, lockMs / 4));
        }
        log(`evaluation ${evaluationId}: ${out.outcome}${out.outcome === "finalized" ? ` ${out.finalized}${out.reused ? " (reused predictions)" : ""}` : ""}`);
        return out;
      } catch (err) {
        if (err instanceof DelayedError) throw err;
        if (isDatabaseUnavailable(err)) {
          // PostgreSQL is away: try again later without using up an attempt (an outage is nobody's
          // fault, and failing the evaluation would need the database anyway). The lease expires
          // meanwhile, so whichever worker picks the job up next starts it over.
          log(`evaluation ${evaluationId}: database unavailable (${oneLine(err)}); trying again in ${databaseRetryMs} ms`);
          return await retryLater(job, token, databaseRetryMs);
        }
        const message = (err as Error).message;
        const permanent = err instanceof AppError && err.code !== "UNAVAILABLE" && err.code !== "UPSTREAM";
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        log(`evaluation ${evaluationId} failed (attempt ${job.attemptsMade + 1}): ${message.replace(/\s*\n\s*/g, " ")}`);
        if (permanent || lastAttempt) {
          const evaluation = await opts.db.evaluation.findUnique({ where: { id: evaluationId }, select: { evaluationKey: true } });
          if (evaluation) await failEvaluations(opts.db, evaluation.evaluationKey, message);
          throw new UnrecoverableError(message);
        }
        throw err;
      }
    },
    {
      connection: createRedis(opts.redisUrl, { forWorker: true }),
      prefix: opts.prefix,
      concurrency: opts.concurrency,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: 2,
    },
  );
  worker.on("error", (err) => log(`worker error: ${err.message}`));

  const notifier = new Worker(
    NOTIFICATION_QUEUE,
    async (job: Job, token?: string) => {
      const { submissionId } = notifySubmissionJob.schema.parse(job.data);
      if (opts.onSubmissionEnded) {
        try {
          await opts.onSubmissionEnded(submissionId, { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
        } catch (err) {
          if (err instanceof AppError && err.code === "CONFLICT") {
            // A retried evaluation of this submission is still in progress: its own round's parent
            // job notifies once it ends, so this round has nothing to send.
            log(`submission ${submissionId}: ${err.message}`);
            return;
          }
          if (!isDatabaseUnavailable(err)) throw err;
          log(`submission ${submissionId}: database unavailable (${oneLine(err)}); notifying in ${databaseRetryMs} ms`);
          return await retryLater(job, token, databaseRetryMs);
        }
      } else {
        // No notifier configured (tests, tools): record that the submission ended and nobody was told.
        await opts.db.submission.updateMany({
          where: { id: submissionId, notifiedAt: null },
          data: { notifiedAt: new Date(), notification: { channels: [], note: "no notifier configured on this worker" } },
        });
      }
      log(`submission ${submissionId}: ended, notification handled`);
    },
    { connection: createRedis(opts.redisUrl, { forWorker: true }), prefix: opts.prefix, concurrency: 1 },
  );
  notifier.on("error", (err) => log(`notification worker error: ${err.message}`));

  const queue = getEvaluationQueue({ redisUrl: opts.redisUrl, prefix: opts.prefix });
  let reconciling = false;
  /** The reconciler's last failure, so an outage is logged once rather than every round. */
  let lastFailure: string | null = null;
  const reconcile = async () => {
    if (reconciling) return;
    reconciling = true;
    try {
      await reconcileQueues({ db: opts.db, queue, log });
      if (lastFailure) log("reconciler: working again");
      lastFailure = null;
    } catch (err) {
      // Keyed by kind: an outage shows several messages (connection cut, then can't reach).
      const kind = isDatabaseUnavailable(err) ? "database unavailable" : oneLine(err);
      if (kind !== lastFailure) log(`reconciler: ${kind === "database unavailable" ? `${kind} (${oneLine(err)})` : kind}; retrying every round, quietly`);
      lastFailure = kind;
    } finally {
      reconciling = false;
    }
  };
  const every = opts.reconcileEveryMs ?? 15_000;
  const timer = every > 0 ? setInterval(reconcile, every) : undefined;
  if (every > 0) void reconcile();
  return {
    worker,
    async close() {
      clearInterval(timer);
      await Promise.all([worker.close(), notifier.close()]);
    },
  };
}
