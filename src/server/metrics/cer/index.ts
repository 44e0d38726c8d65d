import { z } from "zod";
import { TextSchema } from "../schemas";
import { sumRows } from "../sum-rows";
import { MetricInputError, type MetricDefinition } from "../types";
import { EDIT_WIDTH, concatenatedCharCounts, editStatistics, finalizeEdits } from "../wer/jiwer-process";

export type CerArgs = {
  /**
   * The `evaluate` argument: align the whole corpus as one string (texts stripped and joined with
   * "") instead of pair by pair. Not decomposable, so `statistics` refuses it.
   */
  concatenate_texts: boolean;
};

export const cer: MetricDefinition<string, string, CerArgs> = {
  id: "cer",
  name: "CER",
  description: "Character error rate: character-level edit operations (S + D + I) per reference character, summed over the corpus.",
  tasks: ["automatic-speech-recognition"],
  higherIsBetter: false,
  range: [0, Infinity],
  primary: "cer",
  predictionSchema: TextSchema,
  referenceSchema: TextSchema,
  argsSchema: z.object({ concatenate_texts: z.boolean().default(false) }).strict(),
  defaultArgs: { concatenate_texts: false },
  compute(predictions, references, args) {
    if (args.concatenate_texts) return finalizeEdits("cer", concatenatedCharCounts(predictions, references));
    const s = cer.statistics!(predictions, references, args);
    return s.finalize(sumRows(s));
  },
  statistics(predictions, references, args) {
    if (args.concatenate_texts) {
      throw new MetricInputError(
        "cer with concatenate_texts aligns the whole corpus at once and has no per-example statistics; " +
          "resample by recomputing, or use concatenate_texts: false",
        { field: "concatenate_texts" },
      );
    }
    return {
      width: EDIT_WIDTH,
      data: editStatistics(predictions, references, "char"),
      finalize: (sums) => finalizeEdits("cer", sums),
    };
  },
  examples: [
    {
      predictions: ["hello world", "good night moon"],
      references: ["hello world", "good night moon"],
      expected: { cer: 0 },
      source: "evaluate metrics/cer README (perfect match)",
    },
    {
      predictions: ["this is the prediction", "there is an other sample"],
      references: ["this is the reference", "there is another one"],
      expected: { cer: 0.34146341463414637 },
      source: "evaluate metrics/cer README (partial match)",
    },
    {
      predictions: ["hello"],
      references: ["gracias"],
      expected: { cer: 1 },
      source: "evaluate metrics/cer README (no match)",
    },
    {
      predictions: ["hello world"],
      references: ["hello"],
      expected: { cer: 1.2 },
      source: "evaluate metrics/cer README (insertions push CER above 1)",
    },
  ],
};
