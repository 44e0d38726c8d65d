import { z } from "zod";
import type { Label, PrfArgs } from "./classification-counts";

const LabelArg = z.union([z.number(), z.string()]);

/** A non-empty list of distinct labels (scikit-learn's `labels`). */
export const LabelListSchema = z
  .array(LabelArg)
  .min(1, "labels must name at least one label")
  .refine((ls: Label[]) => new Set(ls).size === ls.length, "labels must not repeat a label");

/** Per-example weights (scikit-learn's `sample_weight`), one per example. */
export const SampleWeightSchema = z.array(z.number().finite());

/** precision / recall / f1 arguments, with scikit-learn's names; EvalHub defaults to macro averaging. */
export const PrfArgsSchema: z.ZodType<PrfArgs> = z
  .object({
    average: z.enum(["binary", "macro", "micro", "weighted"]).nullable().default("macro"),
    pos_label: LabelArg.default(1),
    labels: LabelListSchema.optional(),
    sample_weight: SampleWeightSchema.optional(),
    zero_division: z.union([z.literal(0), z.literal(1), z.literal("warn")]).default(0),
  })
  .strict() as unknown as z.ZodType<PrfArgs>;

export const DEFAULT_PRF_ARGS: PrfArgs = { average: "macro", pos_label: 1, zero_division: 0 };
