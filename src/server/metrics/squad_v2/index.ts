import { z } from "zod";
import { pairById } from "../squad/pair-by-id";
import { SquadReferenceSchema, type SquadReference } from "../squad";
import { sumRows } from "../sum-rows";
import type { MetricDefinition, MetricOutput } from "../types";
import { findBestThreshold, rawScoresV2 } from "./score";

export const SquadV2PredictionSchema = z.object({
  id: z.string(),
  prediction_text: z.string(),
  no_answer_probability: z.number().finite(),
});
export type SquadV2Prediction = z.infer<typeof SquadV2PredictionSchema>;
type Args = { no_answer_threshold: number };

// Row: [exact, f1, 1, hasAns, hasAns·exact, hasAns·f1, noAns, noAns·exact, noAns·f1]; exact and f1
// after the no-answer threshold, f1 in [0, 1]. Multiplying by 0/1 and adding zeros is exact, so the
// sums equal the script's sums over each group in reference order.
const WIDTH = 9;

function scoresOf(predictions: readonly SquadV2Prediction[], references: readonly SquadReference[], args: Args) {
  const paired = pairById(predictions, references);
  const n = references.length;
  const raw = references.map((ref, i) => rawScoresV2(paired[i].prediction_text, ref.answers.text));
  // `evaluate` stores no_answer_probability as a float32 feature, so it compares (and reports as
  // best_*_thresh) the float32 value: 0.1 is 0.10000000149011612 there, and here.
  const naProbs = paired.map((p) => Math.fround(p.no_answer_probability));
  // make_qid_to_has_ans looks at the raw list: [""] counts as answerable although it scores as [""].
  const hasAns = references.map((r) => r.answers.text.length > 0);
  const data = new Float64Array(n * WIDTH);
  for (let i = 0; i < n; i++) {
    const predNa = naProbs[i] > args.no_answer_threshold;
    const exact = predNa ? (hasAns[i] ? 0 : 1) : raw[i].exact;
    const f1 = predNa ? (hasAns[i] ? 0 : 1) : raw[i].f1;
    const h = hasAns[i] ? 1 : 0;
    data.set([exact, f1, 1, h, h * exact, h * f1, 1 - h, (1 - h) * exact, (1 - h) * f1], i * WIDTH);
  }
  return { paired, raw, naProbs, hasAns, data };
}

function finalize(sums: Float64Array): Record<string, number> {
  const out: Record<string, number> = { exact: (100 * sums[0]) / sums[2], f1: (100 * sums[1]) / sums[2], total: sums[2] };
  if (sums[3] > 0) Object.assign(out, { HasAns_exact: (100 * sums[4]) / sums[3], HasAns_f1: (100 * sums[5]) / sums[3], HasAns_total: sums[3] });
  if (sums[6] > 0) Object.assign(out, { NoAns_exact: (100 * sums[7]) / sums[6], NoAns_f1: (100 * sums[8]) / sums[6], NoAns_total: sums[6] });
  return out;
}

export const squad_v2: MetricDefinition<SquadV2Prediction, SquadReference, Args> = {
  id: "squad_v2",
  name: "SQuAD v2",
  description:
    "SQuAD v2.0 exact match and token F1 (official script) with unanswerable questions: a prediction whose no_answer_probability exceeds no_answer_threshold counts as abstaining; also reports the HasAns/NoAns split and the best threshold.",
  tasks: ["question-answering"],
  higherIsBetter: true,
  range: [0, 100],
  primary: "f1",
  predictionSchema: SquadV2PredictionSchema,
  referenceSchema: SquadReferenceSchema,
  argsSchema: z.object({ no_answer_threshold: z.number().default(1.0) }).strict() as unknown as z.ZodType<Args>,
  defaultArgs: { no_answer_threshold: 1.0 },
  compute(predictions, references, args) {
    const { paired, raw, naProbs, hasAns, data } = scoresOf(predictions, references, args);
    const out: MetricOutput = finalize(sumRows({ width: WIDTH, data }));
    // Predictions in their own order: the script sorts its no-answer-probability dict, which keeps
    // insertion (prediction) order among ties.
    const refIndex = new Map(references.map((r, i) => [r.id, i]));
    const order = predictions.map((p) => refIndex.get(p.id)!);
    const answered = paired.map((p) => p.prediction_text !== "");
    const bestExact = findBestThreshold({ scores: raw.map((r) => r.exact), naProbs, hasAns, answered, order });
    const bestF1 = findBestThreshold({ scores: raw.map((r) => r.f1), naProbs, hasAns, answered, order });
    out.best_exact = bestExact.best;
    out.best_exact_thresh = bestExact.thresh;
    out.best_f1 = bestF1.best;
    out.best_f1_thresh = bestF1.thresh;
    return out;
  },
  statistics(predictions, references, args) {
    return { width: WIDTH, data: scoresOf(predictions, references, args).data, finalize };
  },
  examples: [
    {
      predictions: [{ id: "56e10a3be3433e1400422b22", prediction_text: "1976", no_answer_probability: 0 }],
      references: [{ id: "56e10a3be3433e1400422b22", answers: { answer_start: [97], text: ["1976"] } }],
      expected: {
        exact: 100,
        f1: 100,
        total: 1,
        HasAns_exact: 100,
        HasAns_f1: 100,
        HasAns_total: 1,
        best_exact: 100,
        best_exact_thresh: 0,
        best_f1: 100,
        best_f1_thresh: 0,
      },
      source: "evaluate metrics/squad_v2 README",
    },
    {
      predictions: [{ id: "56e10a3be3433e1400422b22", prediction_text: "1999", no_answer_probability: 0 }],
      references: [{ id: "56e10a3be3433e1400422b22", answers: { answer_start: [97], text: ["1976"] } }],
      expected: {
        exact: 0,
        f1: 0,
        total: 1,
        HasAns_exact: 0,
        HasAns_f1: 0,
        HasAns_total: 1,
        best_exact: 0,
        best_exact_thresh: 0,
        best_f1: 0,
        best_f1_thresh: 0,
      },
      source: "evaluate metrics/squad_v2 README",
    },
    {
      predictions: [
        { id: "56e10a3be3433e1400422b22", prediction_text: "1976", no_answer_probability: 0 },
        { id: "56d2051ce7d4791d0090260b", prediction_text: "Beyonce", no_answer_probability: 0 },
        { id: "5733b5344776f419006610e1", prediction_text: "climate change", no_answer_probability: 0 },
      ],
      references: [
        { id: "56e10a3be3433e1400422b22", answers: { answer_start: [97], text: ["1976"] } },
        { id: "56d2051ce7d4791d0090260b", answers: { answer_start: [233], text: ["Beyoncé and Bruno Mars"] } },
        { id: "5733b5344776f419006610e1", answers: { answer_start: [891], text: ["climate change"] } },
      ],
      expected: {
        exact: 66.66666666666667,
        f1: 66.66666666666667,
        total: 3,
        HasAns_exact: 66.66666666666667,
        HasAns_f1: 66.66666666666667,
        HasAns_total: 3,
        best_exact: 66.66666666666667,
        best_exact_thresh: 0,
        best_f1: 66.66666666666667,
        best_f1_thresh: 0,
      },
      source: "evaluate metrics/squad_v2 README",
    },
  ],
};
