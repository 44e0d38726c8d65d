import { z } from "zod";
import type { TaskDefinition } from "../types";

export const textGeneration = {
  id: "text-generation",
  name: "Zero-shot classification (causal LM)",
  description:
    "The original tool's zero-shot form: each candidate completion is appended to the prompt and scored by the model's summed token log-probabilities; the best one is compared with the target index.",
  pipelineTag: "text-generation",
  autoTrainIds: ["text_zero_shot_classification"],
  fields: [
    { id: "text", label: "Prompt", description: "The prompt the completions are appended to.", kind: "text" },
    { id: "classes", label: "Classes", description: "The candidate completions (a sequence of strings).", kind: "classes" },
    { id: "target", label: "Target index", description: "Index of the correct completion in classes.", kind: "class-index" },
  ],
  predictionKind: "label",
  defaultMetrics: ["accuracy"],
  metrics: ["accuracy"],
  parametersSchema: z
    .object({
      normalize: z
        .enum(["none", "tokens"])
        .default("none")
        .describe("none: compare summed log-probabilities; tokens: divide each by its number of tokens (favours no length)."),
    })
    .strict(),
} satisfies TaskDefinition;
