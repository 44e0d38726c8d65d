import { z } from "zod";
import { sumRows } from "../sum-rows";
import { assertSameLength, MetricInputError, type MetricDefinition, type SufficientStatistics } from "../types";

/** One text: the natural-log probability the model gave each of its tokens, in order. */
export type TokenLogProbs = number[];

export type PerplexityArgs = Record<string, never>;

// log_softmax in float32 can round a near-certain token to a tiny positive value.
const ROUNDING = 1e-6;

export const TokenLogProbsSchema = z
  .array(z.number().finite().max(ROUNDING, "a log-probability is at most 0"))
  .min(1, "a text needs at least one token log-probability");

/** exp(−mean log p) of one text; throws for a shape the schema would have refused. */
function textPerplexity(logProbs: unknown, i: number): number {
  if (!Array.isArray(logProbs) || logProbs.length === 0) {
    throw new MetricInputError(`predictions[${i}] must be a non-empty list of token log-probabilities (natural log), got ${JSON.stringify(logProbs)}`, {
      index: i,
      field: "predictions",
    });
  }
  let total = 0;
  logProbs.forEach((lp, t) => {
    if (typeof lp !== "number" || !Number.isFinite(lp) || lp > ROUNDING) {
      throw new MetricInputError(`predictions[${i}][${t}] is ${JSON.stringify(lp)}; token log-probabilities are finite numbers <= 0`, {
        index: i,
        field: "predictions",
      });
    }
    total += Math.min(lp, 0);
  });
  return Math.exp(-total / logProbs.length);
}

function check(predictions: readonly TokenLogProbs[], references: readonly unknown[]): void {
  // References are optional: none at all, or one (ignored) per text.
  if (references.length > 0) assertSameLength(predictions, references);
  if (predictions.length === 0) throw new MetricInputError("no texts to score: predictions is empty", { field: "predictions" });
}

/** Rows [perplexity of the text, 1]: mean_perplexity is a plain mean over texts, as in evaluate. */
function perplexityStatistics(predictions: readonly TokenLogProbs[], references: readonly unknown[]): SufficientStatistics {
  check(predictions, references);
  const data = new Float64Array(predictions.length * 2);
  predictions.forEach((p, i) => {
    data[2 * i] = textPerplexity(p, i);
    data[2 * i + 1] = 1;
  });
  return { width: 2, data, finalize: (sums) => ({ mean_perplexity: sums[0] / sums[1] }) };
}

export const perplexity: MetricDefinition<TokenLogProbs, unknown, PerplexityArgs> = {
  id: "perplexity",
  name: "Perplexity",
  description: "exp of the mean negative log-likelihood per token of each text, averaged over texts; computed from the model's token log-probabilities.",
  tasks: ["text-generation", "fill-mask"],
  higherIsBetter: false,
  range: [1, Infinity],
  primary: "mean_perplexity",
  predictionSchema: TokenLogProbsSchema,
  referenceSchema: z.unknown(),
  argsSchema: z.object({}).strict() as unknown as z.ZodType<PerplexityArgs>,
  defaultArgs: {},
  compute(predictions, references) {
    const s = perplexityStatistics(predictions, references);
    const perplexities = Array.from({ length: predictions.length }, (_, i) => s.data[2 * i]);
    return { perplexities, mean_perplexity: s.finalize(sumRows(s)).mean_perplexity };
  },
  statistics: perplexityStatistics,
  examples: [
    {
      // Hand-derived: text 1 has token probabilities 1/2 and 1/8 → exp((ln 2 + ln 8) / 2) = 4; text 2
      // a single token of probability 1/10 → 10; mean 7.
      predictions: [[Math.log(0.5), Math.log(0.125)], [Math.log(0.1)]],
      references: [],
      expected: { perplexities: [4, 10], mean_perplexity: 7 },
      source: "hand-derived from evaluate's definition (exp of the mean token cross-entropy per text, then the mean)",
    },
    {
      // A uniform model over a 50,257-token vocabulary (GPT-2's) has perplexity 50,257 on any text.
      predictions: [[-Math.log(50257), -Math.log(50257), -Math.log(50257)]],
      references: [null],
      expected: { perplexities: [50257], mean_perplexity: 50257 },
      source: "hand-derived",
    },
  ],
};
