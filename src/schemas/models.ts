import { z } from "zod";
import { TASK_IDS } from "@/server/tasks";

/** GET /api/models query: compatible models for a task, optionally trained on a dataset, or matching a search. */
export const ListModelsQuerySchema = z
  .object({
    task: z.enum(TASK_IDS, { message: `must be one of: ${TASK_IDS.join(", ")}` }),
    dataset: z
      .string()
      .trim()
      .regex(/^[\w.-]+(\/[\w.-]+)?$/, "must look like owner/name")
      .optional(),
    search: z.string().trim().min(1).max(100).optional(),
    /** Describe exactly this model id (the form's "Add model"), whatever its task. */
    model: z
      .string()
      .trim()
      .regex(/^[\w.-]+(\/[\w.-]+)?$/, "must look like owner/name")
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
