import type { Queue } from "bullmq";
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { EvaluateModelPayload } from "@/jobs/definitions";
import { AppError } from "@/server/errors";
import { fairPriorities } from "@/server/jobs/fair-priority";
import { ENQUEUE_TIMEOUT_MS, enqueueSubmission, withinMs } from "@/server/queue";
import { getEvaluation, type EvaluationDetail } from "./get-evaluation";

export interface ControlOptions {
  db: Db;
  queue: Queue;
  id: string;
}

/**
 * Cancels a queued or running evaluation. A queued one's job is removed from the queue (so its
 * submission's notification does not wait for it); a running one stops at its next batch unless
 * another submission still waits on the same evaluation key, whose inference then goes on.
 */
export async function cancelEvaluation(opts: ControlOptions): Promise<EvaluationDetail> {
  const current = await getEvaluation(opts);
  const { count } = await opts.db.evaluation.updateMany({
    where: { id: current.id, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: new Date() },
  });
  if (count === 0) {
    throw new AppError("CONFLICT", `Evaluation of ${current.model} has already ${current.status}; only queued or running evaluations can be cancelled.`);
  }
  await withinMs(ENQUEUE_TIMEOUT_MS, "cancel", removeWaitingJobs(opts.queue, current.id)).catch(() => {
    // Redis unreachable: the worker skips the cancelled evaluation when it reaches the job.
  });
  return getEvaluation(opts);
}

/** Runs a failed or cancelled evaluation again as a new job (its submission is notified again when it ends). */
export async function retryEvaluation(opts: ControlOptions): Promise<EvaluationDetail> {
  const current = await getEvaluation(opts);
  const { count } = await opts.db.evaluation.updateMany({
    where: { id: current.id, status: { in: ["failed", "cancelled"] } },
    data: { status: "queued", progress: 0, processed: 0, failureReason: null, startedAt: null, finishedAt: null },
  });
  if (count === 0) {
    throw new AppError("CONFLICT", `Evaluation of ${current.model} is ${current.status}; only failed or cancelled evaluations can be retried.`);
  }
  // The submission's notification went out when everything had ended; the retry earns a new one.
  await opts.db.submission.updateMany({
    where: { id: current.submissionId, notifiedAt: { not: null } },
    data: { notifiedAt: null, notification: Prisma.DbNull },
  });
  const priorities = await fairPriorities(opts.db, current.submissionId, [current.id]);
  try {
    const job = { id: current.id, priority: priorities.get(current.id)! };
    await withinMs(ENQUEUE_TIMEOUT_MS, "retry", enqueueSubmission(opts.queue, { submissionId: current.submissionId, evaluations: [job], round: Date.now() }));
  } catch {
    // Saved as queued: the reconciler enqueues it once Redis answers.
  }
  return getEvaluation(opts);
}

async function removeWaitingJobs(queue: Queue, evaluationId: string): Promise<void> {
  for (const job of await queue.getJobs(["waiting", "prioritized", "delayed"])) {
    const parsed = EvaluateModelPayload.safeParse(job?.data);
    if (parsed.success && parsed.data.evaluationId === evaluationId) await job.remove().catch(() => {});
  }
}
