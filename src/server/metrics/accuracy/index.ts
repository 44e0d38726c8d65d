import { z } from "zod";
import type { MetricDefinition } from "../types";

export const accuracy: MetricDefinition<{ normalize: boolean }> = {
  id: "accuracy",
  name: "Accuracy",
  description: "Fraction of examples whose predicted label equals the reference label.",
  higherIsBetter: true,
  range: [0, 1],
  argsSchema: z.object({ normalize: z.boolean().default(true) }).strict(),
  defaultArgs: { normalize: true },
  compute(predictions, references, args) {
    if (predictions.length !== references.length) throw new Error("predictions and references differ in length");
    let correct = 0;
    for (let i = 0; i < predictions.length; i++) if (predictions[i] === references[i]) correct++;
    return args.normalize ? (predictions.length ? correct / predictions.length : 0) : correct;
  },
};
