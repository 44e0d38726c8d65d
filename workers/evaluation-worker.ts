import { UnrecoverableError, Worker, type Job } from "bullmq";
import { evaluateModelJob, EVALUATION_QUEUE } from "@/jobs/definitions";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { failEvaluations, processEvaluation } from "@/server/evaluations/process-evaluation";
import type { HubConfig } from "@/server/hub/hub-config";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { createRedis, enqueueEvaluation, getEvaluationQueue } from "@/server/queue";

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
  log?: (line: string) => void;
}

/** Starts a BullMQ worker for evaluation jobs plus the reconciler; returns a stop function. */
export function startEvaluationWorker(opts: EvaluationWorkerOptions): { worker: Worker; close(): Promise<void> } {
  const log = opts.log ?? ((line: string) => console.log(line));
  const worker = new Worker(
    EVALUATION_QUEUE,
    async (job: Job) => {
      const payload = evaluateModelJob.schema.parse(job.data);
      try {
        const out = await processEvaluation({ ...opts, evaluationKey: payload.evaluationKey });
        log(`evaluation ${payload.evaluationKey}: finalized ${out.finalized}${out.reused ? " (reused predictions)" : ""}`);
        return out;
      } catch (err) {
        const message = (err as Error).message;
        const permanent = err instanceof AppError && err.code !== "UNAVAILABLE" && err.code !== "UPSTREAM";
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        log(`evaluation ${payload.evaluationKey} failed (attempt ${job.attemptsMade + 1}): ${message}`);
        if (permanent || lastAttempt) {
          await failEvaluations(opts.db, payload.evaluationKey, message);
          throw new UnrecoverableError(message);
        }
        throw err;
      }
    },
    { connection: createRedis(opts.redisUrl, { forWorker: true }), prefix: opts.prefix, concurrency: opts.concurrency },
  );
  worker.on("error", (err) => log(`worker error: ${err.message}`));

  const queue = getEvaluationQueue({ redisUrl: opts.redisUrl, prefix: opts.prefix });
  const reconcile = async () => {
    try {
      const pending = await opts.db.evaluation.findMany({
        where: { status: { in: ["queued", "running"] } },
        select: { evaluationKey: true },
        distinct: ["evaluationKey"],
      });
      for (const { evaluationKey } of pending) {
        const job = await queue.getJob(evaluationKey);
        if (!job) await enqueueEvaluation(queue, { evaluationKey });
      }
    } catch (err) {
      log(`reconciler: ${(err as Error).message}`);
    }
  };
  const every = opts.reconcileEveryMs ?? 15_000;
  const timer = every > 0 ? setInterval(reconcile, every) : undefined;
  if (every > 0) void reconcile();
  return {
    worker,
    async close() {
      clearInterval(timer);
      await worker.close();
    },
  };
}
