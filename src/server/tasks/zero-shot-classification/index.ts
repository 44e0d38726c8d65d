import { z } from "zod";
import type { TaskDefinition } from "../types";

export const zeroShotClassification = {
  id: "zero-shot-classification",
  name: "Zero-shot classification (NLI)",
  description: "An NLI model scores each of the dataset's label names as a hypothesis about the text; the most entailed label is the prediction.",
  pipelineTag: "zero-shot-classification",
  autoTrainIds: [],
  fields: [
    { id: "text", label: "Text", description: "The text to classify (the premise).", kind: "text" },
    { id: "target", label: "Label", description: "The reference label; its names (ClassLabel names or the column's distinct values) are the candidate labels.", kind: "label" },
  ],
  predictionKind: "label",
  defaultMetrics: ["accuracy", "f1"],
  metrics: ["accuracy", "precision", "recall", "f1", "matthews_correlation", "roc_auc"],
  parametersSchema: z
    .object({
      hypothesis_template: z
        .string()
        .min(3)
        .max(300)
        .refine((t) => t.includes("{}"), "must contain {} where the label goes")
        .default("This example is {}.")
        .describe("The hypothesis each label name is put into ({} marks the place)."),
    })
    .strict(),
} satisfies TaskDefinition;
