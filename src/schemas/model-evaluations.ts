import { z } from "zod";
import { EmailSchema, RepoIdSchema, UsernameSchema } from "./contact";

/**
 * The body of POST /api/models/{id}/evaluations; also the model page form's schema.
 * Config and split narrow which of the dataset's presets is used.
 */
export const CreateModelEvaluationsSchema = z
  .object({
    datasets: z
      .array(
        z
          .object({
            dataset: RepoIdSchema,
            config: z.string().trim().min(1).max(200).optional(),
            split: z.string().trim().min(1).max(200).optional(),
          })
          .strict(),
      )
      .min(1, "pick at least one dataset")
      .max(20, "at most 20 datasets at once")
      .refine((d) => new Set(d.map((x) => `${x.dataset}\u0000${x.config ?? ""}\u0000${x.split ?? ""}`)).size === d.length, "lists a dataset twice"),
    // As in CreateSubmissionSchema; repeated so the browser bundle does not pull in the metric registry.
    username: UsernameSchema,
    email: EmailSchema,
    createPr: z.boolean().default(true),
  })
  .strict();

export type CreateModelEvaluationsInput = z.input<typeof CreateModelEvaluationsSchema>;
