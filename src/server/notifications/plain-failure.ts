import type { EvaluationStatus } from "@/server/evaluations/views";

/** Low-level causes a user cannot read, and what they mean. The technical detail is kept after. */
const PATTERNS: [RegExp, string][] = [
  [/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|fetch failed|socket hang up/i, "A server it needed (the hub or an inference endpoint) could not be reached"],
  [/ETIMEDOUT|timed? ?out|timeout/i, "A server it needed took too long to answer"],
  [/heap out of memory|out of memory|ENOMEM|allocation failed/i, "The worker ran out of memory running this model"],
  [/job stalled|stalled more than/i, "The worker running it stopped responding"],
];

/**
 * A failure reason in plain words for the submission page, the email and the PR comment.
 * Reasons our own code raises (AppError messages) are already written for users and pass through.
 */
export function plainFailure(status: EvaluationStatus, reason: string | null): string | null {
  if (status === "cancelled") return reason ? `Cancelled: ${reason}` : "Cancelled before it finished; no results were recorded.";
  if (status !== "failed") return null;
  if (!reason) return "It failed without a recorded reason.";
  const match = PATTERNS.find(([re]) => re.test(reason));
  return match ? `${match[1]} (${reason})` : reason;
}
