import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { EVALUATION_QUEUE, evaluateModelJob, type EvaluateModelPayload } from "@/jobs/definitions";

export interface QueueConfig {
  redisUrl: string;
  prefix: string;
}

export function createRedis(redisUrl: string, opts: { forWorker?: boolean } = {}): Redis {
  return new Redis(redisUrl, {
    // Workers block on Redis and must wait forever; the web app should fail fast instead.
    maxRetriesPerRequest: opts.forWorker ? null : 2,
    enableOfflineQueue: opts.forWorker ?? false,
    lazyConnect: false,
  });
}

const globalForQueue = globalThis as unknown as { evalhubQueue?: { key: string; queue: Queue } };

/** One evaluation queue per process and config. */
export function getEvaluationQueue(cfg: QueueConfig): Queue {
  const key = `${cfg.redisUrl}|${cfg.prefix}`;
  const existing = globalForQueue.evalhubQueue;
  if (existing?.key === key) return existing.queue;
  const queue = new Queue(EVALUATION_QUEUE, { connection: createRedis(cfg.redisUrl), prefix: cfg.prefix });
  queue.on("error", () => {}); // surfaced through /api/health and the failing call instead
  globalForQueue.evalhubQueue = { key, queue };
  return queue;
}

export async function enqueueEvaluation(queue: Queue, payload: EvaluateModelPayload): Promise<void> {
  const data = evaluateModelJob.schema.parse(payload);
  await queue.add(evaluateModelJob.name, data, { ...evaluateModelJob.options, jobId: data.evaluationKey });
}
