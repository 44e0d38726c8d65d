import { z } from "zod";

/**
 * Job definitions shared by the web app (which only enqueues) and workers/ (which only consumes).
 * Payloads carry ids, never tokens or addresses.
 *
 * A submission is one BullMQ flow: a `notify-submission` parent on the notifications queue whose
 * children are one `evaluate-model` job per evaluation. The parent runs once every child has
 * ended (failed children do not hold it back), and sends the submission's one notification.
 */
export const EVALUATION_QUEUE = "evaluations";
export const NOTIFICATION_QUEUE = "notifications";

export const EvaluateModelPayload = z.object({
  evaluationId: z.string().uuid(),
});
export type EvaluateModelPayload = z.infer<typeof EvaluateModelPayload>;

export const NotifySubmissionPayload = z.object({
  submissionId: z.string().uuid(),
});
export type NotifySubmissionPayload = z.infer<typeof NotifySubmissionPayload>;

export const evaluateModelJob = {
  name: "evaluate-model",
  queue: EVALUATION_QUEUE,
  schema: EvaluateModelPayload,
  options: {
    attempts: 3,
    backoff: { type: "exponential", delay: 2_000 },
    // PostgreSQL keeps the outcome; Redis forgets the job.
    removeOnComplete: true,
    removeOnFail: true,
    // A child that fails for good must not keep its submission's notification waiting.
    ignoreDependencyOnFailure: true,
  },
} as const;

export const notifySubmissionJob = {
  name: "notify-submission",
  queue: NOTIFICATION_QUEUE,
  schema: NotifySubmissionPayload,
  options: {
    attempts: 5,
    backoff: { type: "exponential", delay: 5_000 },
    removeOnComplete: true,
    removeOnFail: true,
  },
} as const;

/** Job ids: one per evaluation run (a retry is a new run), one parent per submission round. */
export function evaluationJobId(evaluationId: string, round = 0): string {
  return round === 0 ? `ev-${evaluationId}` : `ev-${evaluationId}-r${round}`;
}
export function notificationJobId(submissionId: string, round = 0): string {
  return round === 0 ? `notify-${submissionId}` : `notify-${submissionId}-r${round}`;
}
