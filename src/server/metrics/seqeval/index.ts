import { z } from "zod";
import { sumRows } from "../sum-rows";
import { MetricInputError, assertSameLength, type MetricDefinition, type MetricOutput } from "../types";
import { extractEntities, fail } from "./entities";
import { SCHEME_NAMES, type SchemeName } from "./scheme";

type Tags = string[];
type Args = {
  suffix: boolean;
  scheme: SchemeName | null;
  mode: "strict" | null;
  /** Accepted for `evaluate` compatibility; seqeval never uses it (only its unsupported "samples" average would). */
  sample_weight?: number[];
  zero_division: "warn" | 0 | 1;
};

/** Python's sorted() on str: by code point, not UTF-16 unit. */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** seqeval `_prf_divide` + F1: an undefined ratio takes the zero_division value ("warn" acts as 0). */
function prf(tp: number, pred: number, gold: number, zeroDivision: Args["zero_division"]) {
  const zd = zeroDivision === 1 ? 1 : 0;
  const precision = pred === 0 ? zd : tp / pred;
  const recall = gold === 0 ? zd : tp / gold;
  const denom = precision + recall;
  return { precision, recall, f1: (2 * precision * recall) / (denom === 0 ? 1 : denom) };
}

// evaluate pops these rows of the classification report, so an entity type of that name vanishes.
const REPORT_ROWS = new Set(["micro avg", "macro avg", "weighted avg"]);

/** Statistics plus the type list, shared by `compute` (nested output) and `statistics` (flat). */
function seqevalStatistics(predictions: readonly Tags[], references: readonly Tags[], args: Args) {
  assertSameLength(predictions, references);
  if (references.length === 0) throw new MetricInputError("no examples to score: predictions and references are empty", { field: "references" });
  references.forEach((ref, i) => {
    if (predictions[i].length !== ref.length) {
      fail("predictions", i, `has ${predictions[i].length} tags but the reference has ${ref.length}; they must pair up tag by tag`);
    }
  });
  const { gold, pred } = extractEntities(predictions, references, args);
  const typeSet = new Set<string>();
  for (const e of gold) typeSet.add(e.type);
  for (const e of pred) typeSet.add(e.type);
  const types = [...typeSet].sort(byCodePoint);
  const typeIndex = new Map(types.map((t, i) => [t, i]));
  const width = 3 * types.length + 2;
  const data = new Float64Array(references.length * width);
  const predKeys = new Set<string>();
  for (const e of pred) {
    predKeys.add(e.key);
    data[e.sentence * width + 3 * typeIndex.get(e.type)! + 1]++;
  }
  for (const e of gold) {
    const cell = e.sentence * width + 3 * typeIndex.get(e.type)!;
    data[cell + 2]++;
    if (predKeys.has(e.key)) data[cell]++;
  }
  references.forEach((ref, i) => {
    const row = i * width;
    let correct = 0;
    ref.forEach((tag, j) => {
      if (predictions[i][j] === tag) correct++;
    });
    data[row + width - 2] = correct;
    data[row + width - 1] = ref.length;
  });
  return { types, width, data };
}

function overall(types: readonly string[], sums: Float64Array, zd: Args["zero_division"]) {
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  for (let t = 0; t < types.length; t++) {
    tp += sums[3 * t];
    predicted += sums[3 * t + 1];
    gold += sums[3 * t + 2];
  }
  const o = prf(tp, predicted, gold, zd);
  const correct = sums[3 * types.length];
  const total = sums[3 * types.length + 1];
  return { overall_precision: o.precision, overall_recall: o.recall, overall_f1: o.f1, overall_accuracy: total === 0 ? NaN : correct / total };
}

export const seqeval: MetricDefinition<Tags, Tags, Args> = {
  id: "seqeval",
  name: "seqeval",
  description:
    "Entity-level precision, recall and F1 (micro over entity types, and per type) of sequence labelling such as NER or chunking, as seqeval/conlleval count them, plus token accuracy.",
  tasks: ["token-classification"],
  higherIsBetter: true,
  range: [0, 1],
  primary: "overall_f1",
  predictionSchema: z.array(z.string()),
  referenceSchema: z.array(z.string()),
  argsSchema: z
    .object({
      suffix: z.boolean().default(false),
      scheme: z.enum(SCHEME_NAMES).nullable().default(null),
      mode: z.literal("strict").nullable().default(null),
      sample_weight: z.array(z.number().finite()).optional(),
      zero_division: z.union([z.literal("warn"), z.literal(0), z.literal(1)]).default("warn"),
    })
    .strict() as unknown as z.ZodType<Args>,
  defaultArgs: { suffix: false, scheme: null, mode: null, zero_division: "warn" },
  compute(predictions, references, args) {
    const { types, width, data } = seqevalStatistics(predictions, references, args);
    const sums = sumRows({ width, data });
    // seqeval's accuracy_score divides by the token count and raises when there is none.
    if (sums[width - 1] === 0) throw new MetricInputError("no tags to score: every sentence is empty", { field: "references" });
    const out: MetricOutput = {};
    types.forEach((type, t) => {
      if (REPORT_ROWS.has(type)) return;
      const s = prf(sums[3 * t], sums[3 * t + 1], sums[3 * t + 2], args.zero_division);
      // defineProperty: a type named "__proto__" must become a key, not the prototype.
      Object.defineProperty(out, type, { value: { ...s, number: sums[3 * t + 2] }, enumerable: true, writable: true, configurable: true });
    });
    return Object.assign(out, overall(types, sums, args.zero_division));
  },
  /**
   * Row per sentence: [tp, predicted, gold] for each entity type of the whole input (sorted as
   * seqeval sorts them), then [correct tags, tags]. `finalize` gives overall_* and, for each type
   * present in the summed rows, flat `<type>.precision`, `<type>.recall`, `<type>.f1`.
   */
  statistics(predictions, references, args) {
    const { types, width, data } = seqevalStatistics(predictions, references, args);
    return {
      width,
      data,
      finalize(sums) {
        const out: Record<string, number> = overall(types, sums, args.zero_division);
        types.forEach((type, t) => {
          // A type absent from a resample is absent from seqeval's report too.
          if (REPORT_ROWS.has(type) || sums[3 * t + 1] + sums[3 * t + 2] === 0) return;
          const s = prf(sums[3 * t], sums[3 * t + 1], sums[3 * t + 2], args.zero_division);
          out[`${type}.precision`] = s.precision;
          out[`${type}.recall`] = s.recall;
          out[`${type}.f1`] = s.f1;
        });
        return out;
      },
    };
  },
  examples: [
    {
      predictions: [["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]],
      references: [["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]],
      expected: {
        MISC: { precision: 1, recall: 1, f1: 1, number: 1 },
        PER: { precision: 1, recall: 1, f1: 1, number: 1 },
        overall_precision: 1,
        overall_recall: 1,
        overall_f1: 1,
        overall_accuracy: 1,
      },
      source: "evaluate metrics/seqeval README",
    },
    {
      predictions: [["O", "B-MISC", "I-MISC"], ["B-PER", "I-PER", "O"]],
      references: [["B-MISC", "O", "O"], ["I-PER", "0", "I-PER"]],
      expected: {
        MISC: { precision: 0, recall: 0, f1: 0, number: 1 },
        PER: { precision: 0, recall: 0, f1: 0, number: 2 },
        _: { precision: 0, recall: 0, f1: 0, number: 1 },
        overall_precision: 0,
        overall_recall: 0,
        overall_f1: 0,
        overall_accuracy: 0,
      },
      source: "evaluate metrics/seqeval README (the reference's digit '0' becomes an untyped '_' entity)",
    },
    {
      predictions: [["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]],
      references: [["O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]],
      expected: {
        MISC: { precision: 0, recall: 0, f1: 0, number: 1 },
        PER: { precision: 1, recall: 1, f1: 1, number: 1 },
        overall_precision: 0.5,
        overall_recall: 0.5,
        overall_f1: 0.5,
        overall_accuracy: 0.8,
      },
      source: "evaluate metrics/seqeval README",
    },
    {
      predictions: [["I-ORG", "I-ORG"]],
      references: [["B-ORG", "I-ORG"]],
      expected: { overall_f1: 1 },
      source: "seqeval tests/test_metrics.py test_conll_f1score (default mode: a leading I- starts a chunk)",
    },
    {
      predictions: [["I-ORG", "I-ORG"]],
      references: [["B-ORG", "I-ORG"]],
      args: { mode: "strict", scheme: "IOB2" },
      expected: { overall_f1: 0 },
      source: "seqeval tests/test_metrics.py test_strict_f1score (strict IOB2: a leading I- is no entity)",
    },
  ],
};
