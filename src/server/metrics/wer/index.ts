import { z } from "zod";
import { TextSchema } from "../schemas";
import { sumRows } from "../sum-rows";
import type { MetricDefinition } from "../types";
import { EDIT_WIDTH, editStatistics, finalizeEdits } from "./jiwer-process";

export type WerArgs = {
  /**
   * The `evaluate` argument. With jiwer 3 every pair is still aligned on its own when the lists are
   * passed whole, so the value is the same either way.
   */
  concatenate_texts: boolean;
};

export const wer: MetricDefinition<string, string, WerArgs> = {
  id: "wer",
  name: "WER",
  description: "Word error rate: word-level edit operations (S + D + I) per reference word, summed over the corpus.",
  tasks: ["automatic-speech-recognition"],
  higherIsBetter: false,
  range: [0, Infinity],
  primary: "wer",
  predictionSchema: TextSchema,
  referenceSchema: TextSchema,
  argsSchema: z.object({ concatenate_texts: z.boolean().default(false) }).strict(),
  defaultArgs: { concatenate_texts: false },
  compute(predictions, references, args) {
    const s = wer.statistics!(predictions, references, args);
    return s.finalize(sumRows(s));
  },
  statistics(predictions, references) {
    return {
      width: EDIT_WIDTH,
      data: editStatistics(predictions, references, "word"),
      finalize: (sums) => finalizeEdits("wer", sums),
    };
  },
  examples: [
    {
      predictions: ["hello world", "good night moon"],
      references: ["hello world", "good night moon"],
      expected: { wer: 0 },
      source: "evaluate metrics/wer README (perfect match)",
    },
    {
      predictions: ["this is the prediction", "there is an other sample"],
      references: ["this is the reference", "there is another one"],
      expected: { wer: 0.5, substitutions: 3, deletions: 0, insertions: 1, hits: 5 },
      source: "evaluate metrics/wer README (partial match); S/D/I as rapidfuzz aligns them",
    },
    {
      predictions: ["hello world", "good night moon"],
      references: ["hi everyone", "have a great day"],
      expected: { wer: 1 },
      source: "evaluate metrics/wer README (no match)",
    },
  ],
};
