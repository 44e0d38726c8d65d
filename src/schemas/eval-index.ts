import { z } from "zod";
import { METRIC_IDS } from "@/server/metrics";
import { TASK_IDS } from "@/server/tasks";

/** POST /api/eval-index: a manual configuration to turn into train-eval-index metadata. */
export const EvalIndexRequestSchema = z
  .object({
    dataset: z.string().trim().regex(/^[\w.-]+(\/[\w.-]+)?$/, "must look like owner/name"),
    config: z.string().trim().min(1).default("default"),
    split: z.string().trim().min(1, "is required"),
    trainSplit: z.string().trim().min(1).optional(),
    task: z.enum(TASK_IDS),
    columnMapping: z.record(z.string().min(1), z.string().trim().min(1)),
    metrics: z.array(z.enum(METRIC_IDS)).min(1).max(20).optional(),
    username: z.string().trim().regex(/^[A-Za-z0-9][\w.-]{0,95}$/).optional(),
    /** Open a pull request on the dataset card instead of only returning the YAML. */
    openPr: z.boolean().default(false),
  })
  .strict();
