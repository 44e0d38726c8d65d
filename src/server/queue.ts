import { FlowProducer, Queue } from "bullmq";
import { Redis } from "ioredis";
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

/** Removes every job of this prefix (tests and `evalhub` teardown). */
export async function obliterateQueues(queue: Queue): Promise<void> {
  const { notifications, flows } = queueCompanions(queue);
  await queue.obliterate({ force: true }).catch(() => {});
  await notifications.obliterate({ force: true }).catch(() => {});
  await notifications.close().catch(() => {});
  await flows.close().catch(() => {});
  companions.delete(queue);
}
