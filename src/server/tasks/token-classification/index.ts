import { z } from "zod";
import type { TaskDefinition } from "../types";

export const tokenClassification = {
  id: "token-classification",
  name: "Token classification (NER)",
  description: "A tag per word, such as named entities in IOB2, scored at the entity level with seqeval.",
  pipelineTag: "token-classification",
  autoTrainIds: ["entity_extraction"],
  fields: [
    { id: "tokens", label: "Tokens", description: "The words of the sentence (a sequence of strings).", kind: "tokens" },
    { id: "tags", label: "Tags", description: "One gold tag per word (ClassLabel ids or tag names such as B-PER).", kind: "tags" },
  ],
  predictionKind: "record",
  defaultMetrics: ["seqeval"],
  metrics: ["seqeval"],
  parametersSchema: z
    .object({
      aggregation_strategy: z
        .enum(["first", "average", "max"])
        .default("first")
        .describe("How a word's tag is taken from its sub-word tokens: the first one's, the average of their probabilities, or the most confident one's."),
    })
    .strict(),
} satisfies TaskDefinition;
