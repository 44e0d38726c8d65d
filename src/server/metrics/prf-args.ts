import { z } from "zod";
import type { PrfArgs } from "./classification-counts";

export const PrfArgsSchema: z.ZodType<PrfArgs> = z
  .object({
    average: z.enum(["binary", "macro", "micro", "weighted"]).default("macro"),
    pos_label: z.union([z.number(), z.string()]).default(1),
    zero_division: z.union([z.literal(0), z.literal(1)]).default(0),
  })
  .strict() as unknown as z.ZodType<PrfArgs>;

export const DEFAULT_PRF_ARGS: PrfArgs = { average: "macro", pos_label: 1, zero_division: 0 };
