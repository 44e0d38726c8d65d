import { z } from "zod";
import { sumRows } from "../sum-rows";
import { assertSameLength, MetricInputError, type MetricDefinition, type SufficientStatistics } from "../types";
import { pythonRegex } from "./python-regex";

/** A text; an integer is compared as its decimal text (evaluate casts inputs with `str()`). */
export type ExactMatchText = string | number;

export interface ExactMatchArgs {
  /** Python regular expressions removed (re.sub with "") from both sides, in order, before the rest. */
  regexes_to_ignore?: string[];
  ignore_case: boolean;
  /** Removes Python's string.punctuation: the 32 ASCII punctuation characters. */
  ignore_punctuation: boolean;
  /** Removes the ASCII digits 0-9. */
  ignore_numbers: boolean;
}

const PUNCTUATION = /[!-/:-@[-`{-~]/g; // string.punctuation
const DIGITS = /[0-9]/g; // string.digits

function normalizer(args: ExactMatchArgs): (text: string) => string {
  const regexes = (args.regexes_to_ignore ?? []).map((pattern, k) => {
    try {
      return pythonRegex(pattern);
    } catch (err) {
      throw new MetricInputError(`regexes_to_ignore[${k}] ${JSON.stringify(pattern)} is not a usable regular expression: ${(err as Error).message}`, {
        field: "args.regexes_to_ignore",
      });
    }
  });
  return (text) => {
    let t = text;
    for (const re of regexes) t = t.replace(re, "");
    if (args.ignore_case) t = t.toLowerCase();
    if (args.ignore_punctuation) t = t.replace(PUNCTUATION, "");
    if (args.ignore_numbers) t = t.replace(DIGITS, "");
    return t;
  };
}

/** Rows [match, 1]: the score is the mean of per-example matches. */
function exactMatchStatistics(predictions: readonly ExactMatchText[], references: readonly ExactMatchText[], args: ExactMatchArgs): SufficientStatistics {
  assertSameLength(predictions, references);
  if (predictions.length === 0) throw new MetricInputError("no examples to score: predictions and references are empty", { field: "predictions" });
  const norm = normalizer(args);
  const data = new Float64Array(predictions.length * 2);
  for (let i = 0; i < predictions.length; i++) {
    data[2 * i] = norm(String(predictions[i])) === norm(String(references[i])) ? 1 : 0;
    data[2 * i + 1] = 1;
  }
  return { width: 2, data, finalize: (sums) => ({ exact_match: sums[0] / sums[1] }) };
}

const README = "evaluate metrics/exact_match README";
const refs = ["the cat", "theater", "YELLING", "agent007"];
const preds = ["cat?", "theater", "yelling", "agent"];

export const exactMatch: MetricDefinition<ExactMatchText, ExactMatchText, ExactMatchArgs> = {
  id: "exact_match",
  name: "Exact match",
  description: "Fraction of predictions identical to their reference, after optional normalisation (regexes, case, punctuation, digits).",
  tasks: ["question-answering", "text-generation", "text2text-generation", "translation", "summarization"],
  higherIsBetter: true,
  range: [0, 1],
  primary: "exact_match",
  predictionSchema: z.union([z.string(), z.number().int()]),
  referenceSchema: z.union([z.string(), z.number().int()]),
  argsSchema: z
    .object({
      regexes_to_ignore: z.array(z.string()).optional(),
      ignore_case: z.boolean().default(false),
      ignore_punctuation: z.boolean().default(false),
      ignore_numbers: z.boolean().default(false),
    })
    .strict() as unknown as z.ZodType<ExactMatchArgs>,
  defaultArgs: { ignore_case: false, ignore_punctuation: false, ignore_numbers: false },
  compute(predictions, references, args) {
    const s = exactMatchStatistics(predictions, references, args);
    return s.finalize(sumRows(s));
  },
  statistics: exactMatchStatistics,
  examples: [
    { predictions: preds, references: refs, expected: { exact_match: 0.25 }, source: README },
    {
      predictions: preds,
      references: refs,
      args: { regexes_to_ignore: ["the ", "yell"], ignore_case: true, ignore_punctuation: true },
      expected: { exact_match: 0.5 },
      source: README,
    },
    {
      predictions: preds,
      references: refs,
      args: { regexes_to_ignore: ["the ", "yell", "YELL"], ignore_case: true, ignore_punctuation: true },
      expected: { exact_match: 0.75 },
      source: README,
    },
    {
      predictions: preds,
      references: refs,
      args: { regexes_to_ignore: ["the ", "yell", "YELL"], ignore_case: true, ignore_punctuation: true, ignore_numbers: true },
      expected: { exact_match: 1 },
      source: README,
    },
    {
      predictions: ["The cat sat on the mat?", "Theaters are great.", "It's like comparing apples and oranges."],
      references: ["The cat sat on the mat.", "Theaters are great.", "It's like comparing oranges and apples."],
      expected: { exact_match: 1 / 3 },
      source: README,
    },
  ],
};
