import { z } from "zod";
import { LabelSchema } from "../schemas";
import { assertSameLength, type MetricDefinition } from "../types";

type Label = z.infer<typeof LabelSchema>;
type Args = { normalize: boolean; sample_weight?: number[] };

export const accuracy: MetricDefinition<Label, Label, Args> = {
  id: "accuracy",
  name: "Accuracy",
  description: "Fraction of examples whose predicted label equals the reference label.",
  tasks: ["text-classification", "image-classification", "zero-shot-classification"],
  higherIsBetter: true,
  range: [0, 1],
  primary: "accuracy",
  predictionSchema: LabelSchema,
  referenceSchema: LabelSchema,
  argsSchema: z.object({ normalize: z.boolean().default(true), sample_weight: z.array(z.number().finite()).optional() }).strict(),
  defaultArgs: { normalize: true },
  compute(predictions, references, args) {
    const s = accuracy.statistics!(predictions, references, args);
    const sums = new Float64Array(2);
    for (let i = 0; i < s.data.length; i += 2) {
      sums[0] += s.data[i];
      sums[1] += s.data[i + 1];
    }
    return s.finalize(sums);
  },
  statistics(predictions, references, args) {
    assertSameLength(predictions, references);
    const w = args.sample_weight;
    if (w && w.length !== predictions.length) assertSameLength(predictions, w);
    const data = new Float64Array(predictions.length * 2);
    for (let i = 0; i < predictions.length; i++) {
      const weight = w ? w[i] : 1;
      data[2 * i] = predictions[i] === references[i] ? weight : 0;
      data[2 * i + 1] = weight;
    }
    return {
      width: 2,
      data,
      finalize: (sums) => ({ accuracy: args.normalize ? (sums[1] ? sums[0] / sums[1] : 0) : sums[0] }),
    };
  },
  examples: [
    { predictions: [0, 1, 2, 0, 1, 2], references: [0, 1, 1, 2, 1, 0], expected: { accuracy: 0.5 }, source: "evaluate metrics/accuracy README" },
    { predictions: [0, 1, 2, 0, 1, 2], references: [0, 1, 1, 2, 1, 0], args: { normalize: false }, expected: { accuracy: 3 }, source: "evaluate metrics/accuracy README" },
    {
      predictions: [0, 1, 2, 0, 1, 2],
      references: [0, 1, 1, 2, 1, 0],
      args: { sample_weight: [0.5, 2, 0.7, 0.5, 9, 0.4] },
      expected: { accuracy: 0.8778625954198473 },
      source: "evaluate metrics/accuracy README",
    },
  ],
};
