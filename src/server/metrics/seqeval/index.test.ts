import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";
import { defaultChunks } from "./chunks";
import { seqeval } from ".";
import { parseToken, strictEntities, type SchemeName, type Token } from "./scheme";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const args = (a: Record<string, unknown> = {}) => seqeval.argsSchema.parse(a);

/** seqeval tests/test_metrics.py `load_labels`: column 3 is y_true, column 4 y_pred. */
function loadConll(text: string) {
  const references: string[][] = [];
  const predictions: string[][] = [];
  let gold: string[] = [];
  let pred: string[] = [];
  const flush = () => {
    if (gold.length) {
      references.push(gold);
      predictions.push(pred);
    }
    gold = [];
    pred = [];
  };
  for (const line of text.split("\n").map((l) => l.trimEnd())) {
    if (line.length === 0) {
      flush();
      continue;
    }
    const cols = line.split(" ");
    gold.push(cols[2]);
    pred.push(cols[3]);
  }
  flush();
  return { references, predictions };
}

function expectClose(actual: unknown, expected: unknown, tol = 1e-6, where = "") {
  if (typeof expected === "number") {
    expect(typeof actual, where).toBe("number");
    expect(Math.abs((actual as number) - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
    return;
  }
  if (expected && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), where).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], v, tol, `${where}.${k}`);
    return;
  }
  expect(actual, where).toEqual(expected);
}

/** finalize(sum of every row) must give compute's numbers, bit for bit. */
function expectStatisticsMatch(predictions: string[][], references: string[][], a = args()) {
  const out = seqeval.compute(predictions, references, a) as Record<string, Record<string, number> | number>;
  const s = seqeval.statistics!(predictions, references, a);
  expect(s.data.length).toBe(s.width * references.length);
  const fin = s.finalize(sumRows(s));
  for (const k of ["overall_precision", "overall_recall", "overall_f1", "overall_accuracy"]) expect(fin[k]).toBe(out[k]);
  for (const [type, v] of Object.entries(out)) {
    if (typeof v === "number") continue;
    for (const m of ["precision", "recall", "f1"]) expect(fin[`${type}.${m}`]).toBe(v[m]);
  }
  return { out, s };
}

describe("seqeval equals conlleval.pl on seqeval's CoNLL-2000 ground truth", () => {
  const expected = JSON.parse(fixture("expected.json")).conlleval_pl_output_computed_here;
  const { references, predictions } = loadConll(fixture("ground_truth.txt"));
  const out = seqeval.compute(predictions, references, args()) as Record<string, Record<string, number> | number>;
  const pct = (x: unknown) => (100 * (x as number)).toFixed(2);

  it("matches the overall numbers exactly and at conlleval's two decimals", () => {
    expect(out.overall_precision).toBeCloseTo(expected.exact.precision, 12);
    expect(out.overall_recall).toBeCloseTo(expected.exact.recall, 12);
    expect(out.overall_f1).toBeCloseTo(expected.exact.f1, 12);
    expect(pct(out.overall_accuracy)).toBe(expected.accuracy_pct.toFixed(2));
    expect(pct(out.overall_precision)).toBe(expected.precision_pct.toFixed(2));
    expect(pct(out.overall_recall)).toBe(expected.recall_pct.toFixed(2));
    expect(pct(out.overall_f1)).toBe(expected.FB1.toFixed(2));
  });

  it("matches conlleval's token, phrase and per-type counts", () => {
    const { s } = expectStatisticsMatch(predictions, references);
    const sums = sumRows(s);
    const types = Object.keys(out).filter((k) => typeof out[k] === "object");
    expect(types).toEqual(Object.keys(expected.per_type));
    const total = (col: number) => types.reduce((n, _, t) => n + sums[3 * t + col], 0);
    expect(sums[s.width - 1]).toBe(expected.tokens);
    expect(total(2)).toBe(expected.gold_phrases);
    expect(total(1)).toBe(expected.found_phrases);
    expect(total(0)).toBe(expected.correct_phrases);
    types.forEach((type, t) => {
      const e = expected.per_type[type];
      const o = out[type] as Record<string, number>;
      expect(sums[3 * t + 1], type).toBe(e.found);
      expect(pct(o.precision), type).toBe(e.precision_pct.toFixed(2));
      expect(pct(o.recall), type).toBe(e.recall_pct.toFixed(2));
      expect(pct(o.f1), type).toBe(e.FB1.toFixed(2));
    });
  });

  it("gives the same numbers on the suffix-style copy (NP-B) with suffix: true", () => {
    const inv = (sents: string[][]) => sents.map((s) => s.map((tag) => (tag === "O" ? tag : `${tag.slice(2)}-${tag[0]}`)));
    const invOut = seqeval.compute(inv(predictions), inv(references), args({ suffix: true }));
    expect(invOut).toEqual(out);
    expectStatisticsMatch(inv(predictions), inv(references), args({ suffix: true }));
  });
});

describe("seqeval card examples (evaluate README, seqeval tests)", () => {
  for (const [i, ex] of seqeval.examples.entries()) {
    it(`example ${i}: ${ex.source}`, () => {
      const out = seqeval.compute(ex.predictions, ex.references, args(ex.args));
      for (const [k, v] of Object.entries(ex.expected)) expectClose(out[k], v, 1e-6, k);
      expectStatisticsMatch(ex.predictions, ex.references, args(ex.args));
    });
  }

  it("returns the README's keys in evaluate's order", () => {
    const ex = seqeval.examples[2];
    expect(Object.keys(seqeval.compute(ex.predictions, ex.references, args()))).toEqual([
      "MISC",
      "PER",
      "overall_precision",
      "overall_recall",
      "overall_f1",
      "overall_accuracy",
    ]);
  });
});

describe("seqeval default (conlleval) chunking", () => {
  const chunks = (sents: string[][], suffix = false) =>
    defaultChunks(sents, suffix, () => {
      throw new Error("bad tag");
    }).map((c) => [c.type, c.start, c.end]);

  it("finds get_entities' chunks (seqeval test_get_entities, with suffix, only IOB)", () => {
    expect(chunks([["O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O", "B-PER", "I-PER"]])).toEqual([
      ["MISC", 3, 5],
      ["PER", 7, 8],
    ]);
    expect(chunks([["O", "O", "O", "MISC-B", "MISC-I", "MISC-I", "O", "PER-B", "PER-I"]], true)).toEqual([
      ["MISC", 3, 5],
      ["PER", 7, 8],
    ]);
    expect(chunks([["O", "O", "O", "B", "I", "I", "O"], ["B", "I", "O"]])).toEqual([
      ["_", 3, 5],
      ["_", 8, 9],
    ]);
  });

  it("chunks the sentences as one sequence joined by O, like seqeval (evaluate gives X 0.8 F1 here)", () => {
    // A leading untyped "0" starts no chunk after a separator, so seqeval closes a '_' chunk that
    // began in the previous sentence: [('X', 0, 0), ('_', 0, 2), ('X', 3, 3)].
    expect(chunks([["B-X"], ["0", "B-X"]])).toEqual([
      ["X", 0, 0],
      ["_", 0, 2],
      ["X", 3, 3],
    ]);
    const { out } = expectStatisticsMatch([["B-X"], ["0", "B-X"]], [["O"], ["0", "B-X"]]);
    expectClose(out, {
      X: { precision: 0.5, recall: 1, f1: 0.6666666666666666, number: 1 },
      _: { precision: 1, recall: 1, f1: 1, number: 1 },
      overall_precision: 0.6666666666666666,
      overall_recall: 1,
      overall_f1: 0.8,
      overall_accuracy: 0.6666666666666666,
    }, 1e-15);
  });

  it("scores all-O input as evaluate does: no types, zero_division for P/R/F, accuracy 1", () => {
    const o = [["O", "O"], ["O"]];
    expect(seqeval.compute(o, o, args())).toEqual({ overall_precision: 0, overall_recall: 0, overall_f1: 0, overall_accuracy: 1 });
    expect(seqeval.compute(o, o, args({ zero_division: 1 }))).toEqual({ overall_precision: 1, overall_recall: 1, overall_f1: 1, overall_accuracy: 1 });
    expectStatisticsMatch(o, o);
  });

  it("reads suffix-style tags (PER-B) with suffix: true", () => {
    expect(seqeval.compute([["PER-B", "PER-I", "O", "LOC-B"]], [["PER-B", "PER-I", "O", "LOC-I"]], args({ suffix: true }))).toEqual({
      LOC: { precision: 1, recall: 1, f1: 1, number: 1 },
      PER: { precision: 1, recall: 1, f1: 1, number: 1 },
      overall_precision: 1,
      overall_recall: 1,
      overall_f1: 1,
      overall_accuracy: 0.75,
    });
  });

  it("keeps unicode types and sorts them by code point like Python (ｚ U+FF5A before 😀 U+1F600, unlike UTF-16 order)", () => {
    const out = seqeval.compute([["B-ｚ", "B-😀"], ["B-組織", "I-組織"]], [["B-😀", "O"], ["B-組織", "I-組織"]], args());
    expect(Object.keys(out)).toEqual(["組織", "ｚ", "😀", "overall_precision", "overall_recall", "overall_f1", "overall_accuracy"]);
    expect(out["組織"]).toEqual({ precision: 1, recall: 1, f1: 1, number: 1 });
    expect(out["ｚ"]).toEqual({ precision: 0, recall: 0, f1: 0, number: 0 });
  });

  it("accepts sample_weight and, like seqeval, does not use it", () => {
    const ex = seqeval.examples[2];
    expect(seqeval.compute(ex.predictions, ex.references, args({ sample_weight: [5, 1] }))).toEqual(seqeval.compute(ex.predictions, ex.references, args()));
  });
});

// seqeval tests/test_scheme.py: Tokens(tokens, scheme).entities as (tag, start, end-exclusive).
const SCHEME_TABLES: Record<SchemeName, [string[], [string, number, number][]][]> = {
  IOB1: [
    [[], []], [["B-PER"], []], [["I-PER"], [["PER", 0, 1]]], [["O"], []], [["O", "I-PER"], [["PER", 1, 2]]], [["O", "B-PER"], []],
    [["I-PER", "O"], [["PER", 0, 1]]], [["I-PER", "I-PER"], [["PER", 0, 2]]], [["I-PER", "I-ORG"], [["PER", 0, 1], ["ORG", 1, 2]]],
    [["I-PER", "B-PER"], [["PER", 0, 1], ["PER", 1, 2]]], [["I-PER", "B-ORG"], [["PER", 0, 1]]], [["B-PER", "O"], []],
    [["B-PER", "I-PER"], [["PER", 1, 2]]], [["B-PER", "I-ORG"], [["ORG", 1, 2]]], [["B-PER", "B-PER"], [["PER", 1, 2]]], [["B-PER", "B-ORG"], []],
  ],
  IOB2: [
    [[], []], [["B-PER"], [["PER", 0, 1]]], [["I-PER"], []], [["O"], []], [["O", "I-PER"], []], [["O", "B-PER"], [["PER", 1, 2]]],
    [["I-PER", "O"], []], [["I-PER", "I-PER"], []], [["I-PER", "I-ORG"], []], [["I-PER", "B-PER"], [["PER", 1, 2]]],
    [["I-PER", "B-ORG"], [["ORG", 1, 2]]], [["B-PER", "O"], [["PER", 0, 1]]], [["B-PER", "I-PER"], [["PER", 0, 2]]],
    [["B-PER", "I-ORG"], [["PER", 0, 1]]], [["B-PER", "B-PER"], [["PER", 0, 1], ["PER", 1, 2]]], [["B-PER", "B-ORG"], [["PER", 0, 1], ["ORG", 1, 2]]],
    [["B"], [["_", 0, 1]]], [["B", "I"], [["_", 0, 2]]],
  ],
  IOE1: [
    [[], []], [["E-PER"], []], [["I-PER"], [["PER", 0, 1]]], [["O"], []], [["O", "I-PER"], [["PER", 1, 2]]], [["O", "E-PER"], []],
    [["I-PER", "O"], [["PER", 0, 1]]], [["I-PER", "I-PER"], [["PER", 0, 2]]], [["I-PER", "I-ORG"], [["PER", 0, 1], ["ORG", 1, 2]]],
    [["I-PER", "E-ORG"], [["PER", 0, 1]]], [["E-PER", "O"], []], [["E-PER", "I-PER"], [["PER", 1, 2]]],
    [["E-PER", "I-ORG"], [["ORG", 1, 2]]], [["E-PER", "E-PER"], []], [["E-PER", "E-ORG"], []],
  ],
  IOE2: [
    [[], []], [["E-PER"], [["PER", 0, 1]]], [["I-PER"], []], [["O"], []], [["O", "I-PER"], []], [["O", "E-PER"], [["PER", 1, 2]]],
    [["I-PER", "O"], []], [["I-PER", "I-PER"], []], [["I-PER", "I-ORG"], []], [["I-PER", "E-PER"], [["PER", 0, 2]]],
    [["I-PER", "E-ORG"], [["ORG", 1, 2]]], [["E-PER", "O"], [["PER", 0, 1]]], [["E-PER", "I-PER"], [["PER", 0, 1]]],
    [["E-PER", "I-ORG"], [["PER", 0, 1]]], [["E-PER", "E-PER"], [["PER", 0, 1], ["PER", 1, 2]]], [["E-PER", "E-ORG"], [["PER", 0, 1], ["ORG", 1, 2]]],
  ],
  IOBES: [
    [["S-PER"], [["PER", 0, 1]]], [["O", "S-PER"], [["PER", 1, 2]]], [["I-PER", "S-PER"], [["PER", 1, 2]]], [["B-PER", "I-PER"], []],
    [["B-PER", "E-PER"], [["PER", 0, 2]]], [["B-PER", "E-ORG"], []], [["B-PER", "S-PER"], [["PER", 1, 2]]], [["E-PER", "S-PER"], [["PER", 1, 2]]],
    [["S-PER", "E-PER"], [["PER", 0, 1]]], [["S-PER", "S-PER"], [["PER", 0, 1], ["PER", 1, 2]]], [["B", "E"], [["_", 0, 2]]],
  ],
  BILOU: [
    [["U-PER"], [["PER", 0, 1]]], [["O", "U-PER"], [["PER", 1, 2]]], [["I-PER", "U-PER"], [["PER", 1, 2]]], [["B-PER", "I-PER"], []],
    [["B-PER", "L-PER"], [["PER", 0, 2]]], [["B-PER", "L-ORG"], []], [["B-PER", "U-PER"], [["PER", 1, 2]]], [["L-PER", "U-PER"], [["PER", 1, 2]]],
    [["U-PER", "L-PER"], [["PER", 0, 1]]], [["U-PER", "U-PER"], [["PER", 0, 1], ["PER", 1, 2]]], [["B", "L"], [["_", 0, 2]]],
  ],
};

describe("seqeval strict mode (seqeval.scheme)", () => {
  for (const [scheme, table] of Object.entries(SCHEME_TABLES) as [SchemeName, (typeof SCHEME_TABLES)[SchemeName]][]) {
    it(`extracts ${scheme} entities as seqeval's test_scheme.py tables`, () => {
      for (const [tags, expected] of table) {
        const tokens = tags.map((t) => parseToken(t, false) as Token);
        const found = strictEntities(tokens, scheme);
        expect("invalidAt" in found ? found : found.map((e) => [e.tag, e.start, e.end]), `${scheme} ${JSON.stringify(tags)}`).toEqual(expected);
      }
    });
  }

  it("parses tags like seqeval's Token (tag stripped of '-', '_' when empty)", () => {
    expect(parseToken("I-ORG-COMPANY", false)).toEqual({ prefix: "I", tag: "ORG-COMPANY" });
    expect(parseToken("ORG-COMPANY-I", true)).toEqual({ prefix: "I", tag: "ORG-COMPANY" });
    expect(parseToken("I-組織", false)).toEqual({ prefix: "I", tag: "組織" });
    expect(parseToken("O", false)).toEqual({ prefix: "O", tag: "_" });
    expect(parseToken("T", false)).toEqual({ kind: "unknown" });
    expect(parseToken("", false)).toEqual({ kind: "empty" });
  });

  it("rejects a tag whose prefix the scheme does not allow, naming the example and the tag", () => {
    const run = (p: string[][], r: string[][], a: Record<string, unknown>) => () => seqeval.compute(p, r, args({ mode: "strict", ...a }));
    expect(run([["O", "O"]], [["B-PER", "X-PER"]], { scheme: "IOB2" })).toThrow(/references\[0\]: tag 1 "X-PER" has no IOBES\/BILOU prefix/);
    expect(run([["O"], ["O", "S-"]], [["B-PER"], ["O", "O"]], { scheme: "IOB2" })).toThrow(/predictions\[1\]: tag 1 "S-" is not valid in the IOB2 scheme/);
    expect(run([["B-PER", "E-PER", "S-PER"]], [["O", "O", "O"]], { scheme: "IOB2" })).toThrow(MetricInputError);
    try {
      run([["O"], ["O", "S-"]], [["B-PER"], ["O", "O"]], { scheme: "IOB2" })();
    } catch (e) {
      expect(e).toMatchObject({ index: 1, field: "predictions" });
    }
  });

  it("auto-detects the scheme from the references like evaluate, and fails where seqeval does", () => {
    const ex = seqeval.examples[2];
    const detected = seqeval.compute(ex.predictions, ex.references, args({ mode: "strict" }));
    expect(detected).toEqual(seqeval.compute(ex.predictions, ex.references, args({ mode: "strict", scheme: "IOB2" })));
    expectStatisticsMatch(ex.predictions, ex.references, args({ mode: "strict" }));
    expect(() => seqeval.compute([["O"]], [["O"]], args({ mode: "strict" }))).toThrow(/cannot detect one/);
  });

  it("ignores scheme unless mode is strict, like evaluate", () => {
    const p = [["I-ORG", "I-ORG"]];
    const r = [["B-ORG", "I-ORG"]];
    expect(seqeval.compute(p, r, args({ scheme: "IOB2" })).overall_f1).toBe(1);
  });
});

describe("seqeval input errors", () => {
  it("rejects empty input, unpaired examples, unequal sentence lengths, empty tags and tagless input", () => {
    expect(() => seqeval.compute([], [], args())).toThrow(MetricInputError);
    expect(() => seqeval.compute([["O"]], [["O"], ["O"]], args())).toThrow(/must pair up/);
    expect(() => seqeval.compute([["O"], ["O", "O"]], [["O"], ["O"]], args())).toThrow(/predictions\[1\]: has 2 tags but the reference has 1/);
    expect(() => seqeval.compute([["O", ""]], [["O", "O"]], args())).toThrow(/predictions\[0\]: tag 1 is the empty string/);
    expect(() => seqeval.compute([[], []], [[], []], args())).toThrow(/no tags to score/);
  });

  it("rejects unknown args and values outside evaluate's", () => {
    expect(seqeval.argsSchema.safeParse({ scheme: "IOB3" }).success).toBe(false);
    expect(seqeval.argsSchema.safeParse({ mode: "lenient" }).success).toBe(false);
    expect(seqeval.argsSchema.safeParse({ zero_division: 2 }).success).toBe(false);
    expect(seqeval.argsSchema.safeParse({ average: "macro" }).success).toBe(false);
    expect(seqeval.argsSchema.parse({})).toEqual(seqeval.defaultArgs);
  });
});

describe("seqeval statistics", () => {
  it("gives one row per sentence whose resampled sums skip types absent from the resample", () => {
    const ex = seqeval.examples[2];
    const s = seqeval.statistics!(ex.predictions, ex.references, args());
    // types MISC, PER: [tp, pred, gold] × 2 + [correct, tokens]
    expect(s.width).toBe(8);
    expect(Array.from(s.data)).toEqual([0, 1, 1, 0, 0, 0, 5, 7, 0, 0, 0, 1, 1, 1, 3, 3]);
    const onlySecond = s.finalize(Float64Array.from(s.data.slice(8)));
    expect(onlySecond).toEqual({ overall_precision: 1, overall_recall: 1, overall_f1: 1, overall_accuracy: 1, "PER.precision": 1, "PER.recall": 1, "PER.f1": 1 });
  });
});
