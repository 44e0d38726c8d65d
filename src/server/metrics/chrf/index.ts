import { z } from "zod";
import { TextSchema } from "../schemas";
import { sumRows } from "../sum-rows";
import { ReferenceSchema, toReferenceLists, type Reference } from "../sacrebleu-tokenizers";
import { MetricInputError, type MetricDefinition, type SufficientStatistics } from "../types";
import { chrfScore, chrfStatistics, type ChrfOptions } from "./chrf-statistics";

const ArgsSchema = z
  .object({
    char_order: z.number().int().min(0).max(100).default(6),
    /** 2 gives chrF++. */
    word_order: z.number().int().min(0).max(100).default(0),
    beta: z.number().finite().min(0).default(2),
    lowercase: z.boolean().default(false),
    /** Keep whitespace inside character n-grams. */
    whitespace: z.boolean().default(false),
    /** chrF++.py/NLTK/Moses epsilon smoothing instead of sacreBLEU's effective-order averaging. */
    eps_smoothing: z.boolean().default(false),
  })
  .strict();

type Args = z.infer<typeof ArgsSchema>;

function options(args: Args): ChrfOptions {
  if (args.char_order + args.word_order === 0) {
    throw new MetricInputError("char_order and word_order are both 0: chrF needs at least one n-gram order", { field: "char_order" });
  }
  return {
    charOrder: args.char_order,
    wordOrder: args.word_order,
    beta: args.beta,
    lowercase: args.lowercase,
    whitespace: args.whitespace,
    epsSmoothing: args.eps_smoothing,
  };
}

function statisticsOf(predictions: readonly string[], references: readonly Reference[], args: Args): SufficientStatistics {
  const o = options(args);
  const { refs } = toReferenceLists(predictions, references);
  const order = o.charOrder + o.wordOrder;
  return {
    width: 3 * order,
    data: chrfStatistics(predictions, refs, o),
    finalize: (sums) => ({
      score: chrfScore(sums, o.beta, order, o.epsSmoothing),
      char_order: o.charOrder,
      word_order: o.wordOrder,
      beta: o.beta,
    }),
  };
}

export const chrf: MetricDefinition<string, Reference, Args> = {
  id: "chrf",
  name: "chrF",
  description:
    "Character n-gram F-score (chrF; chrF++ with word_order 2) exactly as sacreBLEU 2.6.0 computes it: F-beta of character (and word) n-gram precision and recall, 0–100.",
  tasks: ["translation"],
  higherIsBetter: true,
  range: [0, 100],
  primary: "score",
  predictionSchema: TextSchema,
  referenceSchema: ReferenceSchema,
  argsSchema: ArgsSchema,
  defaultArgs: { char_order: 6, word_order: 0, beta: 2, lowercase: false, whitespace: false, eps_smoothing: false },
  compute(predictions, references, args) {
    const s = statisticsOf(predictions, references, args);
    return s.finalize(sumRows(s));
  },
  statistics: statisticsOf,
  examples: [
    {
      predictions: [
        "The relationship between cats and dogs is not exactly friendly.",
        "a good bookshop is just a genteel black hole that knows how to read.",
      ],
      references: [
        ["The relationship between dogs and cats is not exactly friendly."],
        ["A good bookshop is just a genteel Black Hole that knows how to read."],
      ],
      expected: { score: 84.64214891738334, char_order: 6, word_order: 0, beta: 2 },
      source: "evaluate metrics/chrf README, example 1",
    },
    {
      predictions: [
        "The relationship between cats and dogs is not exactly friendly.",
        "a good bookshop is just a genteel black hole that knows how to read.",
      ],
      references: [
        ["The relationship between dogs and cats is not exactly friendly."],
        ["A good bookshop is just a genteel Black Hole that knows how to read."],
      ],
      args: { word_order: 2 },
      expected: { score: 82.87263732906315, char_order: 6, word_order: 2, beta: 2 },
      source: "evaluate metrics/chrf README, example 2 (chrF++)",
    },
    {
      predictions: [
        "The relationship between cats and dogs is not exactly friendly.",
        "a good bookshop is just a genteel black hole that knows how to read.",
      ],
      references: [
        ["The relationship between dogs and cats is not exactly friendly."],
        ["A good bookshop is just a genteel Black Hole that knows how to read."],
      ],
      args: { word_order: 2, lowercase: true },
      expected: { score: 92.12853119829202, char_order: 6, word_order: 2, beta: 2 },
      source: "evaluate metrics/chrf README, example 3 (chrF++, lowercase)",
    },
  ],
};
