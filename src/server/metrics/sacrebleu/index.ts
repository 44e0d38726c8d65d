import { z } from "zod";
import { TextSchema } from "../schemas";
import { sumRows } from "../sum-rows";
import { BLEU_TOKENIZERS, BLEU_TOKENIZER_NAMES, ReferenceSchema, toReferenceLists, type BleuTokenizerName, type Reference } from "../sacrebleu-tokenizers";
import type { MetricDefinition, SufficientStatistics } from "../types";
import { BLEU_STATS_WIDTH, bleuPreprocessor, bleuStatistics } from "./bleu-statistics";
import { bleuSignature, computeBleu, type SmoothMethod } from "./compute-bleu";

const ArgsSchema = z
  .object({
    smooth_method: z.enum(["exp", "floor", "add-k", "none"]).default("exp"),
    /** `null`/absent: sacreBLEU's default for the method (floor 0.1, add-k 1). */
    smooth_value: z.number().finite().nullable().optional(),
    /** `null` (evaluate's None) means 13a, as sacreBLEU does without a target language. */
    tokenize: z.enum(BLEU_TOKENIZER_NAMES).nullable().default("13a"),
    lowercase: z.boolean().default(false),
    /** Only silences sacreBLEU's "looks tokenized" warning; scores do not depend on it. */
    force: z.boolean().default(false),
    use_effective_order: z.boolean().default(false),
  })
  .strict();

type Args = z.infer<typeof ArgsSchema>;

const scoreOptions = (args: Args) => ({
  smoothMethod: args.smooth_method as SmoothMethod,
  smoothValue: args.smooth_value,
  effectiveOrder: args.use_effective_order,
});

function statisticsOf(predictions: readonly string[], references: readonly Reference[], args: Args) {
  const { refs, nrefs } = toReferenceLists(predictions, references);
  const tokenize = BLEU_TOKENIZERS[(args.tokenize ?? "13a") as BleuTokenizerName];
  const data = bleuStatistics(predictions, refs, bleuPreprocessor(tokenize, args.lowercase));
  return { data, nrefs };
}

export const sacrebleu: MetricDefinition<string, Reference, Args> = {
  id: "sacrebleu",
  name: "SacreBLEU",
  description:
    "Corpus BLEU exactly as sacreBLEU 2.6.0 computes it (13a tokenization by default): geometric mean of clipped 1–4-gram precisions times a brevity penalty, 0–100.",
  tasks: ["translation"],
  higherIsBetter: true,
  range: [0, 100],
  primary: "score",
  predictionSchema: TextSchema,
  referenceSchema: ReferenceSchema,
  argsSchema: ArgsSchema,
  defaultArgs: { smooth_method: "exp", tokenize: "13a", lowercase: false, force: false, use_effective_order: false },
  compute(predictions, references, args) {
    const { data, nrefs } = statisticsOf(predictions, references, args);
    const bleu = computeBleu(sumRows({ width: BLEU_STATS_WIDTH, data }), scoreOptions(args));
    const signature = bleuSignature({
      nrefs,
      lowercase: args.lowercase,
      effectiveOrder: args.use_effective_order,
      tokenize: args.tokenize ?? "13a",
      smoothMethod: args.smooth_method,
      smoothValue: args.smooth_value,
    });
    return { ...bleu, signature };
  },
  statistics(predictions, references, args): SufficientStatistics {
    const { data } = statisticsOf(predictions, references, args);
    const opts = scoreOptions(args);
    return {
      width: BLEU_STATS_WIDTH,
      data,
      finalize(sums) {
        const { score, bp, sys_len, ref_len } = computeBleu(sums, opts);
        return { score, bp, sys_len, ref_len };
      },
    };
  },
  examples: [
    {
      predictions: ["hello there general kenobi", "foo bar foobar"],
      references: [
        ["hello there general kenobi", "hello there !"],
        ["foo bar foobar", "foo bar foobar"],
      ],
      expected: { score: 100, counts: [7, 5, 3, 1], totals: [7, 5, 3, 1], bp: 1, sys_len: 7, ref_len: 7 },
      source: "evaluate metrics/sacrebleu README, example 1",
    },
    {
      predictions: ["hello there general kenobi", "on our way to ankh morpork"],
      references: [
        ["hello there general kenobi", "hello there !"],
        ["goodbye ankh morpork", "ankh morpork"],
      ],
      expected: {
        score: 39.76353643835252,
        counts: [6, 4, 2, 1],
        totals: [10, 8, 6, 4],
        precisions: [60.0, 50.0, 33.333333333333336, 25.0],
        bp: 1.0,
        sys_len: 10,
        ref_len: 7,
        signature: "nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
      },
      source: "evaluate metrics/sacrebleu README, example 2",
    },
    {
      predictions: ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."],
      references: [
        ["The dog bit the man.", "The dog had bit the man."],
        ["It was not unexpected.", "No one was surprised."],
        ["The man bit him first.", "The man had bitten the dog."],
      ],
      expected: { score: 48.530827 },
      source: "sacreBLEU README / test/test_bleu.py (value to 1e-6)",
    },
  ],
};
