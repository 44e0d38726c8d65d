import { z } from "zod";
import { EmailSchema, RepoIdSchema, UsernameSchema } from "./contact";
import { METRIC_IDS } from "@/server/metrics";
import { TASK_IDS } from "@/server/tasks";

/** The body of POST /api/submissions; also the form's schema. */
export const CreateSubmissionSchema = z
  .object({
    dataset: RepoIdSchema,
    config: z.string().trim().min(1, "is required").max(200).default("default"),
    split: z.string().trim().min(1, "is required").max(200),
    task: z.enum(TASK_IDS, { message: `must be one of: ${TASK_IDS.join(", ")}` }),
    /** Task field id -> dataset column name, e.g. {"text": "sentence", "target": "label"}. */
    columnMapping: z.record(z.string().min(1), z.string().trim().min(1, "must name a column").max(200)),
    metrics: z
      .array(z.enum(METRIC_IDS, { message: `must be one of: ${METRIC_IDS.join(", ")}` }))
      .max(20)
      .optional(),
    models: z
      .array(RepoIdSchema)
      .min(1, "pick at least one model")
      .max(10, "at most 10 models per submission")
      .refine((m) => new Set(m).size === m.length, "lists a model twice"),
    username: UsernameSchema,
    email: EmailSchema,
    /** Model label -> dataset label name, for models whose labels cannot be aligned automatically. */
    labelMapping: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).optional(),
    /** Task parameters (e.g. {"max_new_tokens": 64}); validated against the task's own schema. */
    parameters: z.record(z.string(), z.unknown()).optional(),
    /** When false, results stay on EvalHub and no pull request is opened. */
    createPr: z.boolean().default(true),
  })
  .strict();

export type CreateSubmissionInput = z.input<typeof CreateSubmissionSchema>;
export type CreateSubmission = z.output<typeof CreateSubmissionSchema>;

export const LeaderboardQuerySchema = z.object({
  config: z.string().min(1).optional(),
  split: z.string().min(1).optional(),
  metric: z.enum(METRIC_IDS).optional(),
});
