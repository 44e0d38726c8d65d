import { z } from "zod";

/**
 * Job definitions shared by the web app (which only enqueues) and workers/ (which only consumes).
 * Payloads carry ids, never tokens.
 */
export const EVALUATION_QUEUE = "evaluations";

export const EvaluateModelPayload = z.object({
  /** The evaluation key is also the jobId, so an identical evaluation is queued once. */
  evaluationKey: z.string().regex(/^ek_[0-9a-f]{40}$/),
});
export type EvaluateModelPayload = z.infer<typeof EvaluateModelPayload>;

export const evaluateModelJob = {
  name: "evaluate-model",
  queue: EVALUATION_QUEUE,
  schema: EvaluateModelPayload,
  options: {
    attempts: 3,
    backoff: { type: "exponential", delay: 2_000 },
    // PostgreSQL keeps the outcome; Redis forgets the job so a retry can reuse the jobId.
    removeOnComplete: true,
    removeOnFail: true,
  },
} as const;
