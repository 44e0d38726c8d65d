import { z } from "zod";
import { TextSchema } from "../schemas";
import { sumRows } from "../sum-rows";
import { MetricInputError, assertSameLength, type MetricDefinition, type MetricOutput } from "../types";
import { ROUGE_TYPE_PATTERN, RougeTokenizer, scoreMulti, scorePair, type RougeType, type Score } from "./rouge-score";

export type RougeArgs = {
  /** rouge1 ... rouge9 (n-gram overlap), rougeL (LCS), rougeLsum (summary-level LCS over "\n"-split sentences). */
  rouge_types: string[];
  /** Porter-stem tokens longer than 3 characters (NLTK's default mode, as rouge-score does). */
  use_stemmer: boolean;
  /** Means over examples (true) or per-example lists (false). */
  use_aggregator: boolean;
};

type Reference = string | string[];

const DEFAULT_TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"];

const ArgsSchema = z
  .object({
    rouge_types: z
      .array(z.string().regex(ROUGE_TYPE_PATTERN, "rouge types are rouge1 ... rouge9, rougeL and rougeLsum"))
      .min(1)
      .default(DEFAULT_TYPES),
    use_stemmer: z.boolean().default(false),
    use_aggregator: z.boolean().default(true),
    tokenizer: z
      .never({ error: "a custom tokenizer is not supported: rouge uses rouge-score's default tokenizer" })
      .optional(),
  })
  .strict();

export const rouge: MetricDefinition<string, Reference, RougeArgs> = {
  id: "rouge",
  name: "ROUGE",
  description: "N-gram (ROUGE-N) and longest-common-subsequence (ROUGE-L, ROUGE-Lsum) overlap F-measures, averaged over examples.",
  tasks: ["summarization", "text2text-generation"],
  higherIsBetter: true,
  range: [0, 1],
  primary: "rouge1",
  predictionSchema: TextSchema,
  referenceSchema: z.union([TextSchema, z.array(TextSchema).min(1)]),
  argsSchema: ArgsSchema as unknown as z.ZodType<RougeArgs>,
  defaultArgs: { rouge_types: DEFAULT_TYPES, use_stemmer: false, use_aggregator: true },
  compute(predictions, references, args) {
    if (args.use_aggregator) {
      const s = rouge.statistics!(predictions, references, args);
      return s.finalize(sumRows(s));
    }
    const types = rougeTypes(args);
    const scores = scoreExamples(predictions, references, args);
    const out: MetricOutput = {};
    for (const t of types) out[t] = scores.map((s) => s[t].fmeasure);
    for (const t of types) {
      out[`${t}_precision`] = scores.map((s) => s[t].precision);
      out[`${t}_recall`] = scores.map((s) => s[t].recall);
      out[`${t}_fmeasure`] = scores.map((s) => s[t].fmeasure);
    }
    return out;
  },
  statistics(predictions, references, args) {
    const types = rougeTypes(args);
    const scores = scoreExamples(predictions, references, args);
    // Row: [precision, recall, fmeasure] per type, then 1 (the example count).
    const width = 3 * types.length + 1;
    const data = new Float64Array(scores.length * width);
    scores.forEach((s, k) => {
      types.forEach((t, j) => data.set([s[t].precision, s[t].recall, s[t].fmeasure], k * width + 3 * j));
      data[k * width + width - 1] = 1;
    });
    return {
      width,
      data,
      finalize(sums) {
        const n = sums[width - 1];
        const mean = (i: number) => (n > 0 ? sums[i] / n : 0);
        const out: Record<string, number> = {};
        types.forEach((t, j) => (out[t] = mean(3 * j + 2)));
        types.forEach((t, j) => {
          out[`${t}_precision`] = mean(3 * j);
          out[`${t}_recall`] = mean(3 * j + 1);
          out[`${t}_fmeasure`] = mean(3 * j + 2);
        });
        return out;
      },
    };
  },
  examples: [
    {
      predictions: ["hello there", "general kenobi"],
      references: ["hello there", "general kenobi"],
      expected: { rouge1: 1, rouge2: 1, rougeL: 1, rougeLsum: 1 },
      source: "evaluate metrics/rouge README",
    },
    {
      predictions: ["hello there", "general kenobi"],
      references: [["hello", "there"], ["general kenobi", "general yoda"]],
      expected: { rouge1: 5 / 6, rouge2: 0.5, rougeL: 5 / 6, rougeLsum: 5 / 6 },
      source: "evaluate metrics/rouge README (multiple references; the README rounds to 0.8333)",
    },
    {
      predictions: ["hello goodbye", "ankh morpork"],
      references: ["goodbye", "general kenobi"],
      args: { use_aggregator: false },
      expected: { rouge1: [2 / 3, 0], rouge2: [0, 0], rougeL: [2 / 3, 0], rougeLsum: [2 / 3, 0], rouge1_precision: [0.5, 0] },
      source:
        "evaluate metrics/rouge README input (without aggregation); the README prints rouge1 [0.5, 0.0], which is the " +
        "precision: rouge-score's F-measure for 'hello goodbye' against 'goodbye' is 2/3",
    },
    {
      predictions: ["hello goodbye", "ankh morpork"],
      references: ["goodbye", "general kenobi"],
      args: { rouge_types: ["rouge1"] },
      expected: { rouge1: 1 / 3, rouge1_precision: 0.25 },
      source:
        "evaluate metrics/rouge README input (aggregated, rouge1 only; the README's rouge_types=['rouge_1'] is " +
        "rejected by rouge-score and its 0.25 is the mean precision, not the mean F-measure)",
    },
  ],
};

function rougeTypes(args: RougeArgs): RougeType[] {
  const types = [...new Set(args.rouge_types)];
  if (types.length === 0) throw new MetricInputError("rouge_types must name at least one rouge type", { field: "rouge_types" });
  for (const t of types) {
    if (!ROUGE_TYPE_PATTERN.test(t)) {
      throw new MetricInputError(`invalid rouge type ${JSON.stringify(t)}: use rouge1 ... rouge9, rougeL or rougeLsum`, { field: "rouge_types" });
    }
  }
  return types as RougeType[];
}

/** rouge-score's per-example scores: `score` for one reference, `score_multi` for a list. */
function scoreExamples(predictions: readonly unknown[], references: readonly unknown[], args: RougeArgs): Record<string, Score>[] {
  assertSameLength(predictions, references);
  if (predictions.length === 0) throw new MetricInputError("rouge needs at least one example", { field: "predictions" });
  const types = rougeTypes(args);
  const tokenizer = new RougeTokenizer(args.use_stemmer);
  return predictions.map((p, k) => {
    const prediction = asText(p, k, "predictions");
    const reference = references[k];
    if (Array.isArray(reference)) {
      if (reference.length === 0) {
        throw new MetricInputError(`references[${k}] is an empty list; give at least one reference`, { index: k, field: "references" });
      }
      return scoreMulti(types, tokenizer, reference.map((r) => asText(r, k, "references")), prediction);
    }
    return scorePair(types, tokenizer, asText(reference, k, "references"), prediction);
  });
}

/** evaluate's `Value("string")` columns apply Python's `str()`, so integers are taken as text too. */
function asText(value: unknown, index: number, field: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  throw new MetricInputError(`${field}[${index}] must be a string`, { index, field });
}
