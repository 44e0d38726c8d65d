import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rouge, type RougeArgs } from ".";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";

const testdata = (f: string) => readFileSync(path.join(import.meta.dirname, "testdata", f), "utf8");
const ALL = ["rouge1", "rouge2", "rougeL", "rougeLsum"];
const args = (a: Partial<RougeArgs> = {}): RougeArgs => ({ ...rouge.defaultArgs, ...a });
/** Per-example [precision, recall, fmeasure] of one type. */
function perExample(predictions: string[], references: (string | string[])[], type: string, a: Partial<RougeArgs> = {}) {
  const out = rouge.compute(predictions, references, args({ ...a, rouge_types: [type], use_aggregator: false }));
  const [p, r, f] = [`${type}_precision`, `${type}_recall`, type].map((k) => out[k] as number[]);
  return f.map((_, k) => [p[k], r[k], f[k]]);
}
function expectClose(actual: unknown, expected: unknown, digits = 6) {
  if (typeof expected === "number") expect(actual as number).toBeCloseTo(expected, digits);
  else if (Array.isArray(expected)) {
    expect((actual as unknown[]).length).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, digits));
  } else expect(actual).toEqual(expected);
}

describe("rouge", () => {
  it("reproduces its card examples", () => {
    for (const e of rouge.examples) {
      const out = rouge.compute(e.predictions, e.references, args(e.args));
      for (const [k, v] of Object.entries(e.expected)) expectClose(out[k], v);
    }
  });

  // google-research rouge/rouge_scorer_test.py on rouge/testdata (values from ROUGE-1.5.5, 5 places).
  it("matches rouge-score's file tests", () => {
    const targets = testdata("target.txt").split("\n");
    const predictions = testdata("prediction.txt").split("\n");
    const p = predictions.slice(0, 2);
    const t = targets.slice(0, 2);
    const noStem: Record<string, number[][]> = {
      rouge1: [[0.6875, 0.40741, 0.51163], [0.65385, 0.40476, 0.5]],
      rouge2: [[0.53333, 0.30769, 0.39024], [0.48, 0.29268, 0.36364]],
      rougeL: [[0.6875, 0.40741, 0.51163], [0.65385, 0.40476, 0.5]],
    };
    for (const [type, rows] of Object.entries(noStem)) expectClose(perExample(p, t, type), rows, 5);
    expectClose(perExample(p, t, "rouge1", { use_stemmer: true }), [[0.6875, 0.40741, 0.51163], [0.69231, 0.42857, 0.52941]], 5);
  });

  it("matches rouge-score's inline tests", () => {
    expectClose(perExample(["testing"], ["testing one two"], "rouge1"), [[1, 1 / 3, 0.5]], 12);
    expectClose(perExample(["testing one"], ["testing one two"], "rouge2"), [[1, 0.5, 2 / 3]], 12);
    expectClose(perExample(["testing one"], ["testing one two"], "rougeL"), [[1, 2 / 3, 0.8]], 12);
    expectClose(perExample(["testing two"], ["testing one two"], "rougeL"), [[1, 2 / 3, 0.8]], 12);
    expectClose(perExample([""], ["testing one two"], "rouge1"), [[0, 0, 0]], 12);
    expectClose(perExample(["w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5"], ["w1 w2 w3 w4 w5"], "rougeLsum"), [[0.4, 0.8, 0.8 / 1.5]], 12);
    expectClose(perExample(["/"], ["w1 w2 w3 w4 w5"], "rougeLsum"), [[0, 0, 0]], 12);
  });

  // Expected values below: rouge-score's code run with NLTK 3.8's PorterStemmer() when this was
  // written (that run also reproduced every value of the two tests above).
  it("scores rougeLsum as the union LCS over newline-split sentences", () => {
    const cases: [string, string, number[], number[]][] = [
      ["the end\nthe cat sat on the mat", "the cat sat on the mat\nthe end", [0.75, 0.75, 0.75], [1, 1, 1]],
      ["b c\na", "a b c", [2 / 3, 2 / 3, 2 / 3], [1, 1, 1]],
      ["a a\na", "a", [1 / 3, 1, 0.5], [1 / 3, 1, 0.5]],
      ["a b a b\nb a", "a b\nb a b a\na", [5 / 6, 5 / 7, 10 / 13], [1, 6 / 7, 12 / 13]],
      ["police killed the gunman\nthe gunman was shot", "the gunman was killed by police\npolice shot him", [0.5, 4 / 9, 8 / 17], [0.625, 5 / 9, 10 / 17]],
      ["a b c\n\n\nd e f", "a b\r\nc d\ne f", [1, 1, 1], [1, 1, 1]],
      ["x\n\ny", "\n\n", [0, 0, 0], [0, 0, 0]],
    ];
    for (const [p, r, l, lsum] of cases) {
      expectClose(perExample([p], [r], "rougeL"), [l], 12);
      expectClose(perExample([p], [r], "rougeLsum"), [lsum], 12);
    }
  });

  it("stems tokens longer than 3 characters with NLTK's Porter stemmer", () => {
    const p = ["The runners were running quickly to the generalization", "dying lying tying skies", "was has its bus", "caresses ponies cats feed agreed plastered motoring"];
    const r = ["the runner runs quick generalize", "die lie tie sky", "wa ha it bu", "caress poni cat fe agre plaster motor"];
    expectClose(perExample(p, r, "rouge1"), [[0.125, 0.2, 0.125 * 0.4 / 0.325], [0, 0, 0], [0, 0, 0], [0, 0, 0]], 12);
    expectClose(perExample(p, r, "rouge1", { use_stemmer: true }), [[0.5, 0.8, 8 / 13], [1, 1, 1], [0, 0, 0], [5 / 7, 5 / 7, 5 / 7]], 12);
    expectClose(perExample(p, r, "rouge2", { use_stemmer: true }), [[1 / 7, 0.25, 2 / 11], [1, 1, 1], [0, 0, 0], [0.5, 0.5, 0.5]], 12);
  });

  it("drops everything but a-z and 0-9 after lowercasing, as rouge-score does", () => {
    expectClose(perExample(["Café naïve résumé Über straße"], ["cafe naive resume uber strasse"], "rouge1"), [[0, 0, 0]], 12);
    expectClose(perExample(["naïve café"], ["na ve caf"], "rouge2"), [[1, 1, 1]], 12);
    // U+0130 lowercases to "i" + a combining dot, U+212A (Kelvin) to "k".
    expectClose(perExample(["İstanbul K°"], ["i stanbul k"], "rougeL"), [[1, 1, 1]], 12);
    expectClose(perExample(["日本語のテキスト 😀"], ["日本語"], "rouge1"), [[0, 0, 0]], 12);
  });

  it("gives 0 for empty or token-less predictions and references", () => {
    const out = rouge.compute(["", "abc", "", "!!! ...", "abc def"], ["abc", "", "", "abc", "   "], args({ use_aggregator: false }));
    for (const t of ALL) expect(out[t]).toEqual([0, 0, 0, 0, 0]);
  });

  it("takes the best reference per rouge type (score_multi), the first one on ties", () => {
    const out = rouge.compute(["a b c d"], [["a b x y", "c d x y", "a b c d e f g h"]], args({ use_aggregator: false }));
    // rouge1 F: 0.5, 0.5, 2/3 -> third; rouge2 F: 0.25, 0.25, 0.5 -> third.
    expectClose(out.rouge1_precision, [1], 12);
    expectClose(out.rouge1_recall, [0.5], 12);
    // Both references give rouge2 F = 0.4 exactly (P 1/3, R 1/2 and P 2/3, R 2/7): np.argmax keeps the first.
    const tie = (refs: string[]) => perExample(["a b c d"], [refs], "rouge2")[0];
    expect(tie(["a b x", "a b c x y z w v"])).toEqual([1 / 3, 0.5, 0.4]);
    expect(tie(["a b c x y z w v", "a b x"])).toEqual([2 / 3, 2 / 7, 0.4]);
  });

  it("matches rouge-score on XSum lead-3 summaries", () => {
    const rows = testdata("xsum-sample.jsonl").trim().split("\n").map((l) => JSON.parse(l) as { document: string; summary: string });
    const lead3 = rows.map((r) => r.document.split("\n").slice(0, 3).join("\n"));
    const summaries = rows.map((r) => r.summary);
    const plain = rouge.compute(lead3, summaries, args());
    expectClose(plain.rouge1, 0.15355366808531365, 12);
    expectClose(plain.rouge1_precision, 0.10451761959032954, 12);
    expectClose(plain.rouge1_recall, 0.3077180046891422, 12);
    expectClose(plain.rouge2, 0.009175726126744287, 12);
    expectClose(plain.rougeL, 0.10653841712280529, 12);
    expectClose(plain.rougeLsum, 0.13015461831495587, 12);
    expectClose(plain.rougeLsum_recall, 0.2568020785100581, 12);
    const stemmed = rouge.compute(lead3, summaries, args({ use_stemmer: true }));
    expectClose(stemmed.rouge1, 0.1564108109424565, 12);
    expectClose(stemmed.rougeLsum, 0.13560916376950133, 12);
    const perDoc = rouge.compute(lead3, summaries, args({ use_stemmer: true, use_aggregator: false }));
    expectClose(perDoc.rougeLsum, [0.1212121212121212, 0.14285714285714285, 0.1, 0.1518987341772152, 0.2222222222222222, 0.10389610389610389, 0.17721518987341772, 0.08, 0.13333333333333333, 0.12345679012345678], 12);
    // Multiple references (whole document, lead sentence), rouge3, stemming.
    const multi = rouge.compute(summaries, rows.map((r) => [r.document, r.document.split("\n")[0]]), args({ use_stemmer: true, rouge_types: ["rouge1", "rouge3", "rougeL", "rougeLsum"] }));
    expectClose(multi.rouge1, 0.17695975126478586, 12);
    expectClose(multi.rouge3, 0.0012067355677903347, 12);
    expectClose(multi.rouge3_precision, 0.017903225806451612, 12);
    expectClose(multi.rougeL, 0.1381078411827393, 12);
    expectClose(multi.rougeLsum, 0.14670631089855996, 12);
    const wholeDoc = rouge.compute(summaries, rows.map((r) => r.document), args({ rouge_types: ["rougeLsum"] }));
    expectClose(wholeDoc.rougeLsum, 0.08536818859802434, 12);
    expectClose(wholeDoc.rougeLsum_precision, 0.37557955004814086, 12);
  });

  it("reports exact means, and statistics that sum to them", () => {
    const p = ["hello there general kenobi", "the cat sat\non the mat", "", "a b c"];
    const r: (string | string[])[] = ["hello there", ["the cat", "a cat sat on the mat"], "x", "c b a"];
    const a = args({ use_stemmer: true });
    const out = rouge.compute(p, r, a);
    const lists = rouge.compute(p, r, args({ use_stemmer: true, use_aggregator: false }));
    for (const t of ALL) expectClose(out[t], (lists[t] as number[]).reduce((x, y) => x + y, 0) / p.length, 15);
    const s = rouge.statistics!(p, r, a);
    expect(s.width).toBe(13);
    expect(s.data.length).toBe(4 * 13);
    expect(s.finalize(sumRows(s))).toEqual(out);
  });

  it("validates its arguments like evaluate / rouge-score", () => {
    const parse = (a: unknown) => rouge.argsSchema.safeParse(a);
    expect(parse({}).success).toBe(true);
    expect(parse({ rouge_types: ["rouge_1"] }).success).toBe(false); // the README's spelling; rouge-score rejects it too
    expect(parse({ rouge_types: ["rouge0"] }).success).toBe(false);
    expect(parse({ tokenizer: "whitespace" }).success).toBe(false);
    expect(parse({ use_aggregator: false, rouge_types: ["rouge9", "rougeLsum"] }).success).toBe(true);
    expect(() => rouge.compute(["a"], ["a"], args({ rouge_types: ["rougeX"] }))).toThrow(MetricInputError);
    expect(() => rouge.compute(["a"], [[]], args())).toThrow(/references\[0\] is an empty list/);
    expect(() => rouge.compute([], [], args())).toThrow(/at least one example/);
    expect(() => rouge.compute(["a"], ["a", "b"], args())).toThrow(MetricInputError);
  });
});
