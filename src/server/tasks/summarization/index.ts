import { z } from "zod";
import type { TaskDefinition } from "../types";

/** Generation parameters sent to the model and recorded with the results (translation adds languages). */
export const generationParameters = (maxNewTokens: number) =>
  z
    .object({
      max_new_tokens: z.number().int().min(1).max(2048).default(maxNewTokens).describe("Longest output, in tokens."),
      num_beams: z.number().int().min(1).max(16).default(1).describe("Beam search width (1: greedy)."),
    })
    .strict();

export const summarization = {
  id: "summarization",
  name: "Summarization",
  description: "A generated summary of each text, scored with ROUGE against the reference summary.",
  pipelineTag: "summarization",
  autoTrainIds: ["summarization"],
  fields: [
    { id: "text", label: "Text", description: "The document to summarize.", kind: "text" },
    { id: "target", label: "Reference summary", description: "The reference summary.", kind: "text" },
  ],
  predictionKind: "record",
  defaultMetrics: ["rouge"],
  metrics: ["rouge", "sacrebleu", "chrf", "exact_match"],
  parametersSchema: generationParameters(64),
} satisfies TaskDefinition;
