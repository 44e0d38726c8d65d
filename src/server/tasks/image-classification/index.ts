import { z } from "zod";
import type { TaskDefinition } from "../types";

export const imageClassification = {
  id: "image-classification",
  name: "Image classification",
  description: "Binary or multi-class labels for an image.",
  pipelineTag: "image-classification",
  autoTrainIds: ["image_binary_classification", "image_multi_class_classification"],
  fields: [
    { id: "image", label: "Image", description: "The image (an Image column: PNG, JPEG, ... bytes).", kind: "image" },
    { id: "target", label: "Label", description: "The reference label (a ClassLabel id or a label name).", kind: "label" },
  ],
  predictionKind: "label",
  defaultMetrics: ["accuracy", "precision", "recall", "f1"],
  metrics: ["accuracy", "precision", "recall", "f1", "matthews_correlation", "roc_auc"],
  parametersSchema: z.object({}).strict(),
} satisfies TaskDefinition;
