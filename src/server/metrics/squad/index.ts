import { z } from "zod";
import { sumRows } from "../sum-rows";
import { commonTokenCount, normalizeSquadAnswer, pythonSplit } from "../text-normalize/squad-answer";
import { MetricInputError, type MetricDefinition } from "../types";
import { pairById } from "./pair-by-id";

/** Gold answers in the `datasets` SQuAD layout; `answer_start` is carried along but never scored. */
export const SquadAnswersSchema = z.object({
  text: z.array(z.string()),
  answer_start: z.array(z.number().int()).optional(),
});
export const SquadReferenceSchema = z.object({ id: z.string(), answers: SquadAnswersSchema });
export const SquadPredictionSchema = z.object({ id: z.string(), prediction_text: z.string() });

export type SquadReference = z.infer<typeof SquadReferenceSchema>;
export type SquadPrediction = z.infer<typeof SquadPredictionSchema>;
type Args = Record<string, never>;

/** Token F1 of the v1.1 script (`f1_score`): 0 when nothing is shared, including empty answers. */
function tokenF1(predTokens: readonly string[], goldTokens: readonly string[]): number {
  const same = commonTokenCount(predTokens, goldTokens);
  if (same === 0) return 0;
  const precision = same / predTokens.length;
  const recall = same / goldTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Exact match and F1 of one prediction, each the max over the gold answers (v1.1 `metric_max_over_ground_truths`). */
export function scoreSquadV1(prediction: string, goldAnswers: readonly string[]): { em: number; f1: number } {
  const pred = normalizeSquadAnswer(prediction);
  const predTokens = pythonSplit(pred);
  let em = 0;
  let f1 = -Infinity;
  for (const gold of goldAnswers) {
    const g = normalizeSquadAnswer(gold);
    if (g === pred) em = 1;
    f1 = Math.max(f1, tokenF1(predTokens, pythonSplit(g)));
  }
  return { em, f1 };
}

const WIDTH = 3; // [exact match (0/1), F1 in [0, 1], 1]

export const squad: MetricDefinition<SquadPrediction, SquadReference, Args> = {
  id: "squad",
  name: "SQuAD",
  description:
    "SQuAD v1.1 exact match and token F1 (official script): answers are lowercased, stripped of ASCII punctuation, articles and extra spaces; each score is the max over the gold answers, averaged and scaled to 0-100.",
  tasks: ["question-answering"],
  higherIsBetter: true,
  range: [0, 100],
  primary: "f1",
  predictionSchema: SquadPredictionSchema,
  referenceSchema: SquadReferenceSchema,
  argsSchema: z.object({}).strict() as unknown as z.ZodType<Args>,
  defaultArgs: {},
  compute(predictions, references, args) {
    const s = squad.statistics!(predictions, references, args);
    return s.finalize(sumRows(s));
  },
  statistics(predictions, references) {
    const paired = pairById(predictions, references);
    const data = new Float64Array(references.length * WIDTH);
    references.forEach((ref, i) => {
      // The official script calls max() on the gold list, which fails when it is empty.
      if (ref.answers.text.length === 0) {
        throw new MetricInputError(`reference "${ref.id}" has no gold answer (answers.text is empty); SQuAD v1.1 needs at least one, use squad_v2 for unanswerable questions`, {
          index: i,
          field: "references",
        });
      }
      const { em, f1 } = scoreSquadV1(paired[i].prediction_text, ref.answers.text);
      data[WIDTH * i] = em;
      data[WIDTH * i + 1] = f1;
      data[WIDTH * i + 2] = 1;
    });
    return {
      width: WIDTH,
      data,
      finalize: (sums) => ({ exact_match: (100 * sums[0]) / sums[2], f1: (100 * sums[1]) / sums[2] }),
    };
  },
  examples: [
    {
      predictions: [{ id: "56e10a3be3433e1400422b22", prediction_text: "1976" }],
      references: [{ id: "56e10a3be3433e1400422b22", answers: { answer_start: [97], text: ["1976"] } }],
      expected: { exact_match: 100, f1: 100 },
      source: "evaluate metrics/squad README",
    },
    {
      predictions: [{ id: "56e10a3be3433e1400422b22", prediction_text: "1999" }],
      references: [{ id: "56e10a3be3433e1400422b22", answers: { answer_start: [97], text: ["1976"] } }],
      expected: { exact_match: 0, f1: 0 },
      source: "evaluate metrics/squad README",
    },
    {
      predictions: [
        { id: "56e10a3be3433e1400422b22", prediction_text: "1976" },
        { id: "56d2051ce7d4791d0090260b", prediction_text: "Beyonce" },
        { id: "5733b5344776f419006610e1", prediction_text: "climate change" },
      ],
      references: [
        { id: "56e10a3be3433e1400422b22", answers: { answer_start: [97], text: ["1976"] } },
        { id: "56d2051ce7d4791d0090260b", answers: { answer_start: [233], text: ["Beyoncé and Bruno Mars"] } },
        { id: "5733b5344776f419006610e1", answers: { answer_start: [891], text: ["climate change"] } },
      ],
      expected: { exact_match: 66.66666666666667, f1: 66.66666666666667 },
      source: "evaluate metrics/squad README",
    },
  ],
};
