import type { TaskDefinition } from "../types";

export const textClassification: TaskDefinition = {
  id: "text-classification",
  name: "Text classification",
  pipelineTag: "text-classification",
  fields: [
    { id: "text", label: "Text", description: "The input text the model classifies.", kind: "text" },
    { id: "target", label: "Label", description: "The reference label (a ClassLabel id or a label name).", kind: "label" },
  ],
  defaultMetrics: ["accuracy", "precision", "recall", "f1"],
  metrics: ["accuracy", "precision", "recall", "f1", "matthews_correlation", "roc_auc"],
};
