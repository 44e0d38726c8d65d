import { z } from "zod";
import type { TaskDefinition } from "../types";

export const translation = {
  id: "translation",
  name: "Translation",
  description: "A generated translation of each source text, scored with sacreBLEU (and chrF, TER) against the reference.",
  pipelineTag: "translation",
  autoTrainIds: ["translation"],
  fields: [
    { id: "source", label: "Source", description: "The text to translate (e.g. translation.en).", kind: "text" },
    { id: "target", label: "Reference translation", description: "The reference translation (e.g. translation.ro).", kind: "text" },
  ],
  predictionKind: "record",
  defaultMetrics: ["sacrebleu"],
  metrics: ["sacrebleu", "chrf", "ter", "exact_match"],
  parametersSchema: z
    .object({
      max_new_tokens: z.number().int().min(1).max(2048).default(128).describe("Longest output, in tokens."),
      num_beams: z.number().int().min(1).max(16).default(1).describe("Beam search width (1: greedy)."),
      src_lang: z.string().min(1).max(20).optional().describe("Source language code, for multilingual models (e.g. en_XX)."),
      tgt_lang: z.string().min(1).max(20).optional().describe("Target language code, for multilingual models (e.g. ro_RO)."),
    })
    .strict(),
} satisfies TaskDefinition;
