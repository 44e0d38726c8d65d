import { FlowProducer, Queue } from "bullmq";
import { Redis } from "ioredis";
import { SELF_REPORTED_QUEUE } from "@/server/self-reported/import-job";
import {
  EVALUATION_QUEUE,
  NOTIFICATION_QUEUE,
  evaluateModelJob,
  evaluationJobId,
  notificationJobId,
  notifySubmissionJob,
} from "@/jobs/definitions";

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

/** The producers that go with an evaluation queue: the flow producer and the notifications queue share its connection. */
const companions = new WeakMap<Queue, { flows: FlowProducer; notifications: Queue }>();

export function queueCompanions(queue: Queue): { flows: FlowProducer; notifications: Queue } {
  let c = companions.get(queue);
  if (!c) {
    const opts = { connection: queue.opts.connection, prefix: queue.opts.prefix };
    c = { flows: new FlowProducer(opts), notifications: new Queue(NOTIFICATION_QUEUE, opts) };
    c.flows.on("error", () => {});
    c.notifications.on("error", () => {});
    companions.set(queue, c);
  }
  return c;
}

/**
 * BullMQ waits for a connection that is not ready yet instead of failing, so a call made while
 * Redis is down would hang until it returns. Callers that can leave the work to the reconciler
 * give up after `ms` instead (the call may still complete later; jobs are idempotent).
 */
export async function withinMs<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: Redis did not answer within ${ms} ms`)), ms);
  });
  work.catch(() => {}); // a late failure after the timeout is nobody's concern
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long the web app waits for Redis when queueing before leaving it to the reconciler. */
export const ENQUEUE_TIMEOUT_MS = 3_000;

export interface SubmissionJobs {
  submissionId: string;
  /** Evaluations to run, each with its BullMQ priority (1 runs first; see fair-priority.ts). */
  evaluations: { id: string; priority: number }[];
  /** 0 for the submission itself; a retry or a reconciliation uses a new round (job ids must be new). */
  round?: number;
}

/**
 * Queues a submission as one flow: the notification parent waits for one job per evaluation.
 * With nothing left to run (every result reused), only the notification is queued.
 */
export async function enqueueSubmission(queue: Queue, jobs: SubmissionJobs): Promise<void> {
  const round = jobs.round ?? 0;
  const { flows, notifications } = queueCompanions(queue);
  const parent = {
    name: notifySubmissionJob.name,
    queueName: NOTIFICATION_QUEUE,
    data: notifySubmissionJob.schema.parse({ submissionId: jobs.submissionId }),
    opts: { ...notifySubmissionJob.options, jobId: notificationJobId(jobs.submissionId, round) },
  };
  if (jobs.evaluations.length === 0) {
    await notifications.add(parent.name, parent.data, parent.opts);
    return;
  }
  await flows.add({
    ...parent,
    children: jobs.evaluations.map((e) => ({
      name: evaluateModelJob.name,
      queueName: EVALUATION_QUEUE,
      data: evaluateModelJob.schema.parse({ evaluationId: e.id }),
      opts: { ...evaluateModelJob.options, jobId: evaluationJobId(e.id, round), priority: e.priority },
    })),
  });
}

/** Removes every job of this prefix, in every queue EvalHub uses (test teardown). */
export async function obliterateQueues(queue: Queue): Promise<void> {
  const { notifications, flows } = queueCompanions(queue);
  const imports = new Queue(SELF_REPORTED_QUEUE, { connection: queue.opts.connection, prefix: queue.opts.prefix });
  for (const q of [queue, notifications, imports]) await withinMs(10_000, "obliterate", q.obliterate({ force: true })).catch(() => {});
  await imports.close().catch(() => {});
  await notifications.close().catch(() => {});
  await flows.close().catch(() => {});
  companions.delete(queue);
}
