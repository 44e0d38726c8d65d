import { z } from "zod";
import type { TaskDefinition } from "../types";

export const textClassification = {
  id: "text-classification",
  name: "Text classification",
  description: "Binary or multi-class labels for a text, or for a pair of sentences such as natural language inference.",
  pipelineTag: "text-classification",
  autoTrainIds: ["binary_classification", "multi_class_classification", "natural_language_inference"],
  fields: [
    { id: "text", label: "Text", description: "The input text (for sentence pairs: the first sentence, text1).", kind: "text" },
    { id: "text2", label: "Second text", description: "For sentence pairs such as NLI: the second sentence (hypothesis). Leave unmapped for single texts.", kind: "text", optional: true },
    { id: "target", label: "Label", description: "The reference label (a ClassLabel id or a label name).", kind: "label" },
  ],
  predictionKind: "label",
  defaultMetrics: ["accuracy", "precision", "recall", "f1"],
  metrics: ["accuracy", "precision", "recall", "f1", "matthews_correlation", "roc_auc"],
  parametersSchema: z.object({}).strict(),
} satisfies TaskDefinition;
