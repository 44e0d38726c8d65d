import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";
import { SHARED_DATA_DIR, WMT21_EXPECTED, WMT21_SYSTEMS, describeWmt21 } from "../sacrebleu-tokenizers/wmt21-fixtures";
import { sacrebleu } from ".";
import { computeBleu } from "./compute-bleu";

type BleuOut = { score: number; counts: number[]; totals: number[]; precisions: number[]; bp: number; sys_len: number; ref_len: number; signature: string };

const bleu = (predictions: string[], references: (string | string[])[], args: Record<string, unknown> = {}) =>
  sacrebleu.compute(predictions, references, sacrebleu.argsSchema.parse(args)) as unknown as BleuOut;

/** Compares every output key; reals to `digits` decimals (12 ≈ 1e-12). */
function expectBleu(got: BleuOut, want: Partial<BleuOut>, digits = 12) {
  for (const [k, v] of Object.entries(want)) {
    const g = got[k as keyof BleuOut];
    if (typeof v === "number") expect(g, k).toBeCloseTo(v, digits);
    else if (Array.isArray(v)) v.forEach((x, i) => expect((g as number[])[i], `${k}[${i}]`).toBeCloseTo(x, digits));
    else expect(g, k).toEqual(v);
  }
}

// sacreBLEU's README / test/test_bleu.py corpus (sacreBLEU takes reference streams; these are per example).
const HYPS = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
const REFS = [
  ["The dog bit the man.", "The dog had bit the man."],
  ["It was not unexpected.", "No one was surprised."],
  ["The man bit him first.", "The man had bitten the dog."],
];

/** Deterministic pseudo-random tokens (same LCG as the Python script that produced the expected values). */
function lcgTokens(n: number, vocab: string[], seed: number): string[] {
  let x = BigInt(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245n + 12345n) % 2147483648n;
    out.push(vocab[Number(x >> 16n) % vocab.length]);
  }
  return out;
}

describe("sacrebleu: evaluate README and card examples", () => {
  for (const ex of sacrebleu.examples) {
    it(ex.source ?? "example", () => {
      const out = sacrebleu.compute(ex.predictions, ex.references, sacrebleu.argsSchema.parse(ex.args ?? {}));
      expect(Object.keys(out).slice(0, 7)).toEqual(["score", "counts", "totals", "precisions", "bp", "sys_len", "ref_len"]);
      expectBleu(out as unknown as BleuOut, ex.expected as Partial<BleuOut>, 6);
    });
  }
  const vectors = path.join(SHARED_DATA_DIR, "metric-test-vectors/hf-evaluate-readme-cases.json");
  const haveVectors = existsSync(vectors);
  it.skipIf(!haveVectors && !process.env.CI)(`the sacrebleu cases of ${haveVectors ? "" : "(missing) "}shared/data/metric-test-vectors/hf-evaluate-readme-cases.json`, () => {
    const cases: { predictions: string[]; references: string[][]; expected: Record<string, unknown> }[] = JSON.parse(readFileSync(vectors, "utf8")).sacrebleu;
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const out = bleu(c.predictions, c.references);
      if ("score_rounded_1dp" in c.expected) expect(Math.round(out.score * 10) / 10).toBe(c.expected.score_rounded_1dp);
      else expectBleu(out, c.expected as Partial<BleuOut>, 9);
    }
  });
});

describe("sacrebleu: sacreBLEU's own test suite (test_bleu.py, test_sentence_bleu.py)", () => {
  it("corpus BLEU with each tokenizer and smoothing (test_corpus_bleu)", () => {
    expect(bleu(HYPS, REFS).score).toBeCloseTo(48.530827009929865, 9);
    expect(bleu(["", "", ""], REFS).score).toBe(0);
    expect(bleu(HYPS, REFS, { tokenize: "none" }).score).toBeCloseTo(49.1919566, 7);
    expect(bleu(HYPS, REFS, { tokenize: "13a" }).score).toBeCloseTo(48.530827, 6);
    expect(bleu(HYPS, REFS, { tokenize: "intl" }).score).toBeCloseTo(43.91623493, 7);
    expect(bleu(HYPS, REFS, { smooth_method: "none" }).score).toBeCloseTo(48.530827, 6);
  });

  // compat.raw_corpus_bleu = tokenize none, floor smoothing, effective order.
  const raw = (h: string[], r: string[][], smooth_value?: number) =>
    bleu(h, r, { tokenize: "none", smooth_method: "floor", smooth_value, use_effective_order: true, force: true });

  it("raw BLEU, statistics, effective order and floor offsets (test_raw_bleu, test_statistics, test_offset)", () => {
    expect(raw(["this is a test", "another test"], [["ref1"], ["ref2"]], 0.01).score).toBe(0);
    expect(raw(["this is a test"], [["this is a test"]], 0.01).score / 100).toBeCloseTo(1, 12);
    expect(raw(["this is a fest"], [["this is a test"]], 0.01).score / 100).toBeCloseTo(0.223606797749979, 12);
    const stats = raw(["am I am a character sequence"], [["I am a symbol string sequence a a"]], 0.01);
    expect(stats.counts).toEqual([4, 2, 1, 0]);
    expect(stats.totals).toEqual([6, 5, 4, 3]);
    expect(raw(["am I am a character sequence"], [["I am a symbol string sequence a a"]], 0).score).toBe(0);
    const offset = raw(["am I am a character sequence"], [["I am a symbol string sequence a a"]]).score / 100;
    expect(Math.abs(offset - 0.1555722182)).toBeLessThan(1e-8);
    expect(offset).toBeCloseTo(0.15557221826646018, 12);
    expect(raw(["test"], [["a test"]], 0.01).score / 100).toBeCloseTo(0.3678794411714425, 12);
    expect(raw(["a test"], [["a test"]], 0.01).score / 100).toBeCloseTo(1, 12);
    expect(raw(["a little test"], [["a test"]], 0.01).score / 100).toBeCloseTo(0.03218297948685433, 12);
  });

  it("BLEU from statistics and degenerate statistics (test_scoring, test_degenerate_statistics)", () => {
    const s = (c: number[], t: number[], sys: number, ref: number) => [sys, ref, ...c, ...t];
    expect(computeBleu(s([9, 7, 5, 3], [10, 8, 6, 4], 11, 11), { smoothMethod: "none", effectiveOrder: false }).score / 100).toBeCloseTo(0.8375922397, 10);
    const floor = (stats: number[], v: number) => computeBleu(stats, { smoothMethod: "floor", smoothValue: v, effectiveOrder: false }).score;
    expect(floor(s([0, 0, 0, 0], [4, 4, 2, 1], 0, 1), 0)).toBe(0);
    expect(floor(s([0, 0, 0, 0], [10, 11, 12, 0], 14, 10), 0)).toBe(0);
    expect(floor(s([0, 0, 0, 0], [0, 0, 0, 0], 0, 0), 0)).toBe(0);
    expect(floor(s([6, 5, 4, 0], [6, 5, 4, 3], 6, 6), 0)).toBe(0);
    expect(floor(s([0, 0, 0, 0], [0, 0, 0, 0], 0, 0), 0.1)).toBe(0);
    expect(floor(s([0, 0, 0, 0], [0, 0, 0, 0], 1, 5), 0.01)).toBe(0);
  });

  // Issue #98: sentence BLEU with effective order, each smoothing method and tokenizer. The suite
  // checks 3 decimals; the full values are sacreBLEU 2.6.0's.
  const SYS = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";
  const REF = "producţia de zahăr brut se exprimă în zahăr alb;";
  const sentence = [
    ["exp", undefined, false, "13a", 8.493098745313148, 8.493],
    ["none", undefined, false, "13a", 0.0, 0.0],
    ["floor", undefined, false, "13a", 4.516881220954753, 4.51688],
    ["floor", 0.1, false, "13a", 4.516881220954753, 4.51688],
    ["floor", 0.5, false, "13a", 10.100053456347073, 10.1],
    ["add-k", undefined, false, "13a", 14.882560178972215, 14.882],
    ["add-k", 1, false, "13a", 14.882560178972215, 14.882],
    ["add-k", 2, false, "13a", 21.389460275371086, 21.389],
    ["exp", undefined, false, "none", 7.347053125977879, 7.347],
    ["exp", undefined, false, "intl", 8.493098745313148, 8.493],
    ["exp", undefined, false, "char", 40.875973647629166, 40.8759],
    ["exp", undefined, true, "char", 42.02678206410298, 42.0267],
  ] as const;
  for (const [smooth_method, smooth_value, lowercase, tokenize, exact, suite] of sentence) {
    it(`sentence BLEU #98: smooth ${smooth_method}${smooth_value === undefined ? "" : `(${smooth_value})`}, tok ${tokenize}${lowercase ? ", lowercase" : ""}`, () => {
      const out = bleu([SYS], [[REF]], { smooth_method, smooth_value, lowercase, tokenize, use_effective_order: true });
      expect(Math.abs(out.score - suite)).toBeLessThan(1e-3);
      expect(out.score).toBeCloseTo(exact, 9);
    });
  }

  it("add-k reports the smoothed counts and totals, as sacreBLEU does", () => {
    expectBleu(bleu([SYS], [[REF]], { smooth_method: "add-k", smooth_value: 2, use_effective_order: true }), {
      counts: [5, 4, 2, 2],
      totals: [14, 15, 14, 13],
      precisions: [35.714285714285715, 26.666666666666668, 14.285714285714286, 15.384615384615385],
      signature: "nrefs:1|case:mixed|eff:yes|tok:13a|smooth:add-k[2.00]|version:2.6.0",
    });
  });

  it("no matching n-gram scores 0 whatever the smoothing (#141)", () => {
    for (const smooth_method of ["exp", "none", "floor", "add-k"]) {
      const out = bleu(["this is a cat"], [["okay thanks"]], { smooth_method, use_effective_order: true });
      expect(out.score).toBe(0);
      expect(out.precisions).toEqual([0, 0, 0, 0]);
    }
  });
});

describe("sacrebleu: edge cases (expected values from sacreBLEU 2.6.0)", () => {
  it("corpus smoothing: exp/floor/none agree when every order matches, add-k does not", () => {
    const h = ["the cat sat on the mat", "a dog"];
    const r = [["the cat sat on a mat"], ["the dog ran"]];
    for (const m of ["exp", "floor", "none"]) expect(bleu(h, r, { smooth_method: m }).score).toBeCloseTo(44.12484512922978, 12);
    expectBleu(bleu(h, r, { smooth_method: "add-k" }), { score: 52.844440868429274, counts: [6, 4, 3, 2], totals: [8, 7, 5, 4], bp: 0.8824969025845955 });
  });

  it("empty references: hypothesis n-grams count, no match, score 0", () => {
    expectBleu(bleu(["some words here", "more"], [[""], [""]]), { score: 0, counts: [0, 0, 0, 0], totals: [4, 2, 1, 0], bp: 1, sys_len: 4, ref_len: 0 });
  });

  it("empty hypotheses and references: everything 0, brevity penalty 1", () => {
    expectBleu(bleu(["", ""], [[""], [""]]), { score: 0, counts: [0, 0, 0, 0], totals: [0, 0, 0, 0], bp: 1, sys_len: 0, ref_len: 0 });
  });

  it("whitespace-only lines (Python whitespace, including U+3000) are empty", () => {
    expectBleu(bleu(["   ", "\t \u3000", "the cat sat on the mat"], [["  \t"], ["word"], ["the cat sat on the mat"]]), {
      score: 84.64817248906144,
      bp: 0.846481724890614,
      sys_len: 6,
      ref_len: 7,
    });
  });

  it("splits on Python's whitespace set (NBSP, EM SPACE, NEL, U+001C) but not on U+FEFF", () => {
    expectBleu(bleu(["a\u00a0b\u2003c\u0085d\x1ce\ufefff"], [["a b c d e f"]], { tokenize: "none" }), {
      score: 54.75182535069452,
      counts: [4, 3, 2, 1],
      totals: [5, 4, 3, 2],
      sys_len: 5,
      ref_len: 6,
    });
  });

  it("closest reference length takes the shorter one on ties, in any order", () => {
    expect(bleu(["a b c d e"], [["a b c d", "a b c d e f"]]).ref_len).toBe(4);
    expect(bleu(["a b c d e"], [["a b c d e f", "a b c d"]]).ref_len).toBe(4);
  });

  it("one reference vs two: n-gram counts are the max over references", () => {
    const h = ["the cat is on the mat", "there is a cat here"];
    expectBleu(bleu(h, [["the cat sat on the mat"], ["a cat is here"]]), { score: 26.84678696150523, counts: [9, 4, 1, 0], ref_len: 10 });
    expectBleu(
      bleu(h, [
        ["the cat sat on the mat", "there is a cat on the mat"],
        ["a cat is here", "there is a cat here"],
      ]),
      { score: 64.93358309501981, counts: [11, 7, 4, 2], ref_len: 11, signature: "nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0" },
    );
  });

  it("13a unescapes &quot; &amp;, drops <skipped>, keeps decimals and thousands together", () => {
    const out = bleu(["He said &quot;hi&quot; &amp; left.<skipped> 3.5-4 km, 1,000 (approx)."], [['He said "hi" & left. 3.5 - 4 km, 1,000 (approx) .']]);
    expectBleu(out, { counts: [18, 17, 16, 15], totals: [18, 17, 16, 15] });
    expect(out.score).toBeCloseTo(100, 9);
  });

  it("intl splits Unicode punctuation and symbols", () => {
    expectBleu(bleu(["Das kostet 5€ – „billig“… oder? 3,5% ±2 ©2021."], [["Das kostet 5 € – „billig“ … oder ? 3,5 % ± 2 © 2021 ."]], { tokenize: "intl" }), {
      score: 88.17122476287477,
      counts: [16, 15, 14, 13],
      totals: [17, 16, 15, 14],
      ref_len: 18,
    });
  });

  it("zh splits Chinese characters; char splits code points (not UTF-16 units)", () => {
    expectBleu(bleu(["我们在北京，今天天气很好。“你好”"], [["我们在北京，今天天气不错。“你好”"]], { tokenize: "zh" }), {
      score: 76.24658586234858,
      counts: [15, 13, 11, 9],
      totals: [17, 16, 15, 14],
    });
    expectBleu(bleu(["😀😁 ab"], [["😀😀 ab"]], { tokenize: "char" }), { score: 35.35533905932737, counts: [3, 1, 0, 0], totals: [4, 3, 2, 1] });
  });

  it("lowercase folds case (final sigma included); without effective order a missing 4-gram order scores 0", () => {
    expectBleu(bleu(["THE Cat ΣΟΦΟΣ"], [["the cat σοφος"]], { lowercase: true }), {
      score: 0,
      counts: [3, 2, 1, 0],
      totals: [3, 2, 1, 0],
      signature: "nrefs:1|case:lc|eff:no|tok:13a|smooth:exp|version:2.6.0",
    });
  });

  it("a 10,000-token line", () => {
    const vocab = Array.from({ length: 50 }, (_, i) => `w${i}`);
    const out = bleu([lcgTokens(10000, vocab, 1).join(" ")], [[lcgTokens(10000, vocab, 2).join(" ")]]);
    expectBleu(out, { score: 9.088368965449563, counts: [9642, 7224, 753, 13], totals: [10000, 9999, 9998, 9997], sys_len: 10000, ref_len: 10000 });
  });

  it("10,000 sentence pairs take well under 2 s", () => {
    const vocab = Array.from({ length: 3000 }, (_, i) => `tok${i}`);
    const hyps: string[] = [];
    const refs: string[][] = [];
    for (let i = 0; i < 10000; i++) {
      const r = lcgTokens(25, vocab, i + 1);
      refs.push([`${r.join(" ")}.`]);
      hyps.push(`${r.slice(0, 20).join(" ")}, ${lcgTokens(5, vocab, i + 7).join(" ")}.`);
    }
    const t0 = performance.now();
    const out = bleu(hyps, refs);
    const ms = performance.now() - t0;
    expect(out.sys_len).toBe(270000);
    expect(ms).toBeLessThan(2000);
  });
});

describe("sacrebleu: signature, input checks, sufficient statistics", () => {
  it("signature follows sacreBLEU's format", () => {
    expect(bleu(["a"], ["a"]).signature).toBe("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0");
    expect(bleu(["a"], [["a", "b", "c"]], { tokenize: "intl", lowercase: true, use_effective_order: true, smooth_method: "floor" }).signature).toBe(
      "nrefs:3|case:lc|eff:yes|tok:intl|smooth:floor[0.10]|version:2.6.0",
    );
    expect(bleu(["a"], ["a"], { smooth_method: "floor", smooth_value: 0.125 }).signature).toContain("smooth:floor[0.12]");
    expect(bleu(["a"], ["a"], { tokenize: null, smooth_value: null }).signature).toContain("tok:13a|smooth:exp");
  });

  it("accepts a bare string as one reference", () => {
    expect(bleu(HYPS, REFS.map((r) => r[0])).score).toBeCloseTo(bleu(HYPS, REFS.map((r) => [r[0]])).score, 15);
  });

  it("rejects examples with different numbers of references, no reference, or unpaired lists", () => {
    expect(() => bleu(["a", "b"], [["a"], ["b", "c"]])).toThrow(MetricInputError);
    expect(() => bleu(["a", "b"], [["a"], ["b", "c"]])).toThrow(/references\[1\] has 2 references but references\[0\] has 1/);
    expect(() => bleu(["a"], [[]])).toThrow(/at least one reference/);
    expect(() => bleu(["a", "b"], [["a"]])).toThrow(/pair up/);
    expect(() => bleu([], [])).toThrow(MetricInputError);
    expect(() => sacrebleu.argsSchema.parse({ tokenize: "ja-mecab" })).toThrow();
    expect(() => sacrebleu.argsSchema.parse({ smoothing: "exp" })).toThrow();
  });

  it("default args are what the schema gives for {}", () => {
    expect(sacrebleu.argsSchema.parse({})).toEqual(sacrebleu.defaultArgs);
  });

  const argSets: Record<string, unknown>[] = [
    {},
    { smooth_method: "floor" },
    { smooth_method: "add-k", smooth_value: 2 },
    { smooth_method: "none", use_effective_order: true },
    { tokenize: "intl", lowercase: true },
    { tokenize: "char" },
  ];
  for (const a of argSets) {
    it(`statistics().finalize(sum of rows) equals compute() for ${JSON.stringify(a)}`, () => {
      const args = sacrebleu.argsSchema.parse(a);
      const s = sacrebleu.statistics!(HYPS, REFS, args);
      expect(s.data.length).toBe(HYPS.length * s.width);
      const fin = s.finalize(sumRows(s));
      const out = sacrebleu.compute(HYPS, REFS, args);
      for (const k of ["score", "bp", "sys_len", "ref_len"]) expect(fin[k]).toBe(out[k]);
    });
  }

  it("finalize on a resample (rows repeated) equals compute on the repeated examples", () => {
    const args = sacrebleu.argsSchema.parse({});
    const s = sacrebleu.statistics!(HYPS, REFS, args);
    const idx = [2, 0, 2, 1, 2];
    const sums = new Float64Array(s.width);
    for (const i of idx) for (let k = 0; k < s.width; k++) sums[k] += s.data[i * s.width + k];
    expect(s.finalize(sums).score).toBe(sacrebleu.compute(idx.map((i) => HYPS[i]), idx.map((i) => REFS[i]), args).score);
  });
});

describeWmt21("sacrebleu: WMT21 newstest de-en, official systems", (wmt) => {
  it("SOURCE.txt's Facebook-AI BLEU vs A, B and A+B, to 1e-9", () => {
    const source = { A: 33.99789664597108, B: 41.89450615068946, "A+B": 53.344702078592114 } as const;
    for (const [set, value] of Object.entries(source)) {
      expect(wmt().sourceTxt).toContain(String(value));
      const out = bleu(wmt().hyps("Facebook-AI"), wmt().refs(set as keyof typeof source));
      expect(Math.abs(out.score - value)).toBeLessThan(1e-9);
    }
  });

  for (const system of WMT21_SYSTEMS) {
    for (const set of ["A", "B", "A+B"] as const) {
      it(`${system} vs ${set}: BLEU equals sacreBLEU 2.6.0 to 1e-9`, () => {
        const out = bleu(wmt().hyps(system), wmt().refs(set));
        expect(Math.abs(out.score - WMT21_EXPECTED[`${system}/${set}`].bleu)).toBeLessThan(1e-9);
        expect(out.signature).toBe(`nrefs:${set === "A+B" ? 2 : 1}|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`);
      });
    }
  }
});
