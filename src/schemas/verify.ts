import { z } from "zod";

const sha = z.string().trim().min(1, "is required").max(200, "must be at most 200 characters");
const name = z.string().trim().min(1, "is required").max(200, "must be at most 200 characters");

/** The result a token is checked against, as `VerifiableResult` (model and dataset ids optional). */
export const VerifiableResultSchema = z.object({
  modelSha: sha,
  datasetSha: sha,
  config: name,
  split: name,
  metric: name,
  value: z.number({ message: "must be a number" }).finite("must be a finite number"),
  model: name.optional(),
  dataset: name.optional(),
});

/**
 * Body of `POST /api/verify`: a token and either the result it claims to vouch for, or an evaluation
 * of this deployment and one of its metrics (the stored result is used).
 */
export const VerifyRequestSchema = z
  .object({
    token: z.string({ message: "is required" }).trim().min(1, "is required").max(4000, "must be at most 4000 characters"),
    result: VerifiableResultSchema.optional(),
    evaluationId: z.string().uuid("must be an evaluation id (a UUID)").optional(),
    metric: name.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.result && body.evaluationId) {
      ctx.addIssue({ code: "custom", path: ["evaluationId"], message: "give either result or evaluationId, not both" });
    } else if (!body.result && !body.evaluationId) {
      ctx.addIssue({ code: "custom", path: ["result"], message: "is required (or evaluationId and metric)" });
    } else if (body.evaluationId && !body.metric) {
      ctx.addIssue({ code: "custom", path: ["metric"], message: "is required with evaluationId" });
    }
  });

export type VerifyRequest = z.infer<typeof VerifyRequestSchema>;
