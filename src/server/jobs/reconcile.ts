import type { Queue } from "bullmq";
import type { Db } from "@/server/db/client";
import { EvaluateModelPayload, NotifySubmissionPayload, notificationJobId, notifySubmissionJob } from "@/jobs/definitions";
import { enqueueSubmission, queueCompanions } from "@/server/queue";
import { fairPriorities } from "./fair-priority";

/** States in which a job still stands for its evaluation or submission. */
const LIVE_STATES = ["waiting", "active", "delayed", "prioritized", "waiting-children"] as const;

export interface ReconcileOptions {
  db: Db;
  queue: Queue;
  /** Rows younger than this may still be on their way into Redis from the web app. */
  graceMs?: number;
  log?: (line: string) => void;
}

/**
 * PostgreSQL is the source of truth; Redis only carries work. Re-enqueues every evaluation that
 * PostgreSQL says is queued or running but no job stands for (Redis flushed or restarted without
 * persistence, or the web app could not reach it), and the notification of every ended
 * submission that was never sent and has no job left.
 */
export async function reconcileQueues(opts: ReconcileOptions): Promise<{ requeued: number; notifications: number }> {
  const { db, queue } = opts;
  const before = new Date(Date.now() - (opts.graceMs ?? 10_000));
  const { notifications } = queueCompanions(queue);

  const liveEvaluations = new Set<string>();
  for (const job of await queue.getJobs([...LIVE_STATES])) {
    const parsed = EvaluateModelPayload.safeParse(job?.data);
    if (parsed.success) liveEvaluations.add(parsed.data.evaluationId);
  }
  const pending = await db.evaluation.findMany({
    where: { status: { in: ["queued", "running"] }, createdAt: { lt: before } },
    select: { id: true, submissionId: true },
    orderBy: { createdAt: "asc" },
  });
  const missing = new Map<string, string[]>();
  for (const e of pending) {
    if (liveEvaluations.has(e.id)) continue;
    missing.set(e.submissionId, [...(missing.get(e.submissionId) ?? []), e.id]);
  }
  let requeued = 0;
  for (const [submissionId, ids] of missing) {
    const priorities = await fairPriorities(db, submissionId, ids);
    await enqueueSubmission(queue, { submissionId, evaluations: ids.map((id) => ({ id, priority: priorities.get(id)! })), round: Date.now() });
    requeued += ids.length;
    opts.log?.(`reconciler: re-enqueued ${ids.length} evaluation(s) of submission ${submissionId}`);
  }

  const liveNotifications = new Set<string>();
  for (const job of await notifications.getJobs([...LIVE_STATES])) {
    const parsed = NotifySubmissionPayload.safeParse(job?.data);
    if (parsed.success) liveNotifications.add(parsed.data.submissionId);
  }
  const unsent = await db.submission.findMany({
    where: {
      notifiedAt: null,
      createdAt: { lt: before, gt: new Date(Date.now() - 7 * 24 * 3600_000) },
      evaluations: { none: { status: { in: ["queued", "running"] } } },
    },
    select: { id: true },
  });
  let sent = 0;
  for (const { id } of unsent) {
    if (liveNotifications.has(id) || missing.has(id)) continue;
    await notifications.add(notifySubmissionJob.name, { submissionId: id }, { ...notifySubmissionJob.options, jobId: notificationJobId(id, Date.now()) });
    sent++;
  }
  return { requeued, notifications: sent };
}
