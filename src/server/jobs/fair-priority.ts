import type { Db } from "@/server/db/client";

/** BullMQ's largest priority; beyond it every job of a very busy submitter shares the last slot. */
const MAX_PRIORITY = 2_097_152;

/**
 * Fair scheduling between submitters: each evaluation's BullMQ priority is 1 + the number of
 * the same submitter's evaluations already waiting or running ahead of it. One user's ten models
 * get priorities 1..10, so another user's first model (priority 1) runs before their second.
 * Jobs of equal priority run in arrival order. The submitter is the Hub username, else the
 * email, else everyone anonymous shares one bucket.
 */
export async function fairPriorities(db: Db, submissionId: string, evaluationIds: string[]): Promise<Map<string, number>> {
  const sub = await db.submission.findUniqueOrThrow({ where: { id: submissionId }, select: { username: true, email: true } });
  const submitter = sub.username
    ? { username: sub.username }
    : sub.email
      ? { username: null, email: sub.email }
      : { username: null, email: null };
  const ahead = await db.evaluation.count({
    where: { status: { in: ["queued", "running"] }, id: { notIn: evaluationIds }, submission: submitter },
  });
  return new Map(evaluationIds.map((id, i) => [id, Math.min(ahead + i + 1, MAX_PRIORITY)]));
}
