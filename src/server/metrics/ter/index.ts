import { z } from "zod";
import { TextSchema } from "../schemas";
import { sumRows } from "../sum-rows";
import { ReferenceSchema, pyRstrip, pySplit, toReferenceLists, type Reference } from "../sacrebleu-tokenizers";
import type { MetricDefinition, SufficientStatistics } from "../types";
import { tercomTokenize, type TercomOptions } from "./tercom-tokenizer";
import { translationEditRate } from "./translation-edit-rate";

const ArgsSchema = z
  .object({
    /** Tercom normalization: split punctuation, unescape XML entities (sacreBLEU `normalized`). */
    normalized: z.boolean().default(false),
    /** Remove punctuation (sacreBLEU `no_punct`). */
    ignore_punct: z.boolean().default(false),
    /** Split CJK characters / remove CJK punctuation when normalizing (sacreBLEU `asian_support`). */
    support_zh_ja_chars: z.boolean().default(false),
    case_sensitive: z.boolean().default(false),
  })
  .strict();

type Args = z.infer<typeof ArgsSchema>;

/** sacreBLEU's `TER._compute_score_from_stats` on `[edits, average reference length]` sums. */
function terScore(sums: ArrayLike<number>): { score: number; num_edits: number; ref_length: number } {
  const totalEdits = sums[0];
  const refLength = sums[1];
  let score: number;
  if (refLength > 0) score = totalEdits / refLength;
  else if (totalEdits > 0) score = 1.0; // empty reference(s), non-empty hypothesis
  else score = 0.0; // both empty
  return { score: 100 * score, num_edits: Math.trunc(totalEdits), ref_length: refLength };
}

/**
 * One row per example: the fewest edits over its references and the average reference length
 * (sacreBLEU's `_compute_segment_statistics`).
 */
function terStatistics(predictions: readonly string[], refs: readonly string[][], o: TercomOptions): Float64Array {
  const vocab = new Map<string, number>();
  const preprocess = (s: string) => tercomTokenize(pyRstrip(s), o);
  const words = (s: string, isRef: boolean): Int32Array => {
    // sacreBLEU preprocesses references twice (once when caching them, again in
    // `TER._extract_reference_info`), hypotheses once. With `normalized` the second pass still
    // changes things ("Jim's\tcar" is "jim's car" after one pass, "jim 's car" after two);
    // `evaluate` inherits this.
    const toks = pySplit(isRef ? preprocess(preprocess(s)) : preprocess(s));
    const ids = new Int32Array(toks.length);
    for (let i = 0; i < toks.length; i++) {
      let id = vocab.get(toks[i]);
      if (id === undefined) vocab.set(toks[i], (id = vocab.size + 1));
      ids[i] = id;
    }
    return ids;
  };
  const data = new Float64Array(predictions.length * 2);
  for (let e = 0; e < predictions.length; e++) {
    const hyp = words(predictions[e], false);
    let refLengths = 0;
    let bestEdits = 1e16;
    for (const ref of refs[e]) {
      const [edits, refLen] = translationEditRate(hyp, words(ref, true));
      refLengths += refLen;
      if (edits < bestEdits) bestEdits = edits;
    }
    data[2 * e] = bestEdits;
    data[2 * e + 1] = refLengths / refs[e].length;
  }
  return data;
}

function statisticsOf(predictions: readonly string[], references: readonly Reference[], args: Args): SufficientStatistics {
  const { refs } = toReferenceLists(predictions, references);
  const o: TercomOptions = {
    normalized: args.normalized,
    noPunct: args.ignore_punct,
    asianSupport: args.support_zh_ja_chars,
    caseSensitive: args.case_sensitive,
  };
  return { width: 2, data: terStatistics(predictions, refs, o), finalize: terScore };
}

export const ter: MetricDefinition<string, Reference, Args> = {
  id: "ter",
  name: "TER",
  description:
    "Translation Edit Rate exactly as sacreBLEU 2.6.0 computes it: word edits (insertions, deletions, substitutions, block shifts) per reference word, ×100. Lower is better.",
  tasks: ["translation"],
  higherIsBetter: false,
  range: [0, Infinity],
  primary: "score",
  predictionSchema: TextSchema,
  referenceSchema: ReferenceSchema,
  argsSchema: ArgsSchema,
  defaultArgs: { normalized: false, ignore_punct: false, support_zh_ja_chars: false, case_sensitive: false },
  compute(predictions, references, args) {
    const s = statisticsOf(predictions, references, args);
    return s.finalize(sumRows(s));
  },
  statistics: statisticsOf,
  examples: [
    {
      predictions: ["does this sentence match??", "what about this sentence?", "What did the TER metric user say to the developer?"],
      references: [
        ["does this sentence match", "does this sentence match!?!"],
        ["wHaT aBoUt ThIs SeNtEnCe?", "wHaT aBoUt ThIs SeNtEnCe?"],
        ["Your jokes are...", "...TERrible"],
      ],
      args: { case_sensitive: true },
      expected: { score: 150.0, num_edits: 15, ref_length: 10.0 },
      source: "evaluate metrics/ter README, example 1",
    },
    {
      predictions: ["does this sentence match??", "what about this sentence?"],
      references: [
        ["does this sentence match", "does this sentence match!?!"],
        ["wHaT aBoUt ThIs SeNtEnCe?", "wHaT aBoUt ThIs SeNtEnCe?"],
      ],
      args: { case_sensitive: true },
      expected: { score: 62.5, num_edits: 5, ref_length: 8.0 },
      source: "evaluate metrics/ter README, example 2",
    },
    {
      predictions: ["does this sentence match??", "what about this sentence?"],
      references: [
        ["does this sentence match", "does this sentence match!?!"],
        ["wHaT aBoUt ThIs SeNtEnCe?", "wHaT aBoUt ThIs SeNtEnCe?"],
      ],
      args: { normalized: true, case_sensitive: true },
      expected: { score: 57.14285714285714, num_edits: 6, ref_length: 10.5 },
      source: "evaluate metrics/ter README, example 3",
    },
    {
      predictions: ["does this sentence match??", "what about this sentence?"],
      references: [
        ["does this sentence match", "does this sentence match!?!"],
        ["wHaT aBoUt ThIs SeNtEnCe?", "wHaT aBoUt ThIs SeNtEnCe?"],
      ],
      args: { ignore_punct: true, case_sensitive: false },
      expected: { score: 0.0, num_edits: 0, ref_length: 8.0 },
      source: "evaluate metrics/ter README, example 4",
    },
    {
      predictions: ["does this sentence match??", "what about this sentence?", "What did the TER metric user say to the developer?"],
      references: [
        ["does this sentence match", "does this sentence match!?!"],
        ["wHaT aBoUt ThIs SeNtEnCe?", "wHaT aBoUt ThIs SeNtEnCe?"],
        ["Your jokes are...", "...TERrible"],
      ],
      args: { ignore_punct: true, case_sensitive: false },
      expected: { score: 100.0, num_edits: 10, ref_length: 10.0 },
      source: "evaluate metrics/ter README, example 5",
    },
  ],
};
