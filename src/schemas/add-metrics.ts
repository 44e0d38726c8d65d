import { z } from "zod";
import { METRIC_IDS } from "@/server/metrics";

/** `POST /api/evaluations/{id}/metrics`: metrics to add to a finished evaluation. */
export const AddMetricsSchema = z
  .object({
    metrics: z
      .array(z.enum(METRIC_IDS, { message: `must be one of: ${METRIC_IDS.join(", ")}` }))
      .min(1, "name at least one metric")
      .max(20),
  })
  .strict();
export type AddMetricsInput = z.infer<typeof AddMetricsSchema>;
