import { describe, expect, it } from "vitest";
import { sumRows } from "../sum-rows";
import { MetricInputError } from "../types";
import { WMT21_EXPECTED, WMT21_SYSTEMS, describeWmt21 } from "../sacrebleu-tokenizers/wmt21-fixtures";
import { ter } from ".";
import { tercomTokenize, type TercomOptions } from "./tercom-tokenizer";
import { performShift, translationEditRate } from "./translation-edit-rate";

type TerOut = { score: number; num_edits: number; ref_length: number };
const run = (predictions: string[], references: (string | string[])[], args: Record<string, unknown> = {}) =>
  ter.compute(predictions, references, ter.argsSchema.parse(args)) as unknown as TerOut;

function lcgTokens(n: number, vocab: string[], seed: number): string[] {
  let x = BigInt(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245n + 12345n) % 2147483648n;
    out.push(vocab[Number(x >> 16n) % vocab.length]);
  }
  return out;
}

describe("ter: evaluate README examples", () => {
  for (const ex of ter.examples) {
    it(ex.source ?? "example", () => {
      const out = ter.compute(ex.predictions, ex.references, ter.argsSchema.parse(ex.args ?? {}));
      expect(Object.keys(out)).toEqual(["score", "num_edits", "ref_length"]);
      for (const [k, v] of Object.entries(ex.expected)) expect(out[k]).toBeCloseTo(v as number, 12);
    });
  }
});

describe("ter: sacreBLEU's own test suite (test_ter.py, test_tokenizer_ter.py)", () => {
  const cases: [string[], string[], number][] = [
    [["aaaa bbbb cccc dddd"], ["aaaa bbbb cccc dddd"], 0],
    [["dddd eeee ffff"], ["aaaa bbbb cccc"], 1],
    [[""], ["a"], 1],
    [["a"], [""], 1],
    [[""], [""], 0],
    [["d e f g h a b c"], ["a b c d e f g h"], 1 / 8],
    [
      [
        'wählen Sie " Bild neu berechnen , " um beim Ändern der Bildgröße Pixel hinzuzufügen oder zu entfernen , damit das Bild ungefähr dieselbe Größe aufweist wie die andere Größe .',
        'wenn Sie alle Aufgaben im aktuellen Dokument aktualisieren möchten , wählen Sie im Menü des Aufgabenbedienfelds die Option " Alle Aufgaben aktualisieren . "',
        'klicken Sie auf der Registerkarte " Optionen " auf die Schaltfläche " Benutzerdefiniert " und geben Sie Werte für " Fehlerkorrektur-Level " und " Y / X-Verhältnis " ein .',
        "Sie können beispielsweise ein Dokument erstellen , das ein Auto über die Bühne enthält .",
        'wählen Sie im Dialogfeld " Neu aus Vorlage " eine Vorlage aus und klicken Sie auf " Neu . "',
      ],
      [
        'wählen Sie " Bild neu berechnen , " um beim Ändern der Bildgröße Pixel hinzuzufügen oder zu entfernen , damit die Darstellung des Bildes in einer anderen Größe beibehalten wird .',
        'wenn Sie alle Aufgaben im aktuellen Dokument aktualisieren möchten , wählen Sie im Menü des Aufgabenbedienfelds die Option " Alle Aufgaben aktualisieren . "',
        'klicken Sie auf der Registerkarte " Optionen " auf die Schaltfläche " Benutzerdefiniert " und geben Sie für " Fehlerkorrektur-Level " und " Y / X-Verhältnis " niedrigere Werte ein .',
        "Sie können beispielsweise ein Dokument erstellen , das ein Auto enthalt , das sich über die Bühne bewegt .",
        'wählen Sie im Dialogfeld " Neu aus Vorlage " eine Vorlage aus und klicken Sie auf " Neu . "',
      ],
      0.136,
    ],
  ];
  for (const [h, r, expected] of cases) {
    it(`TER ${expected}: ${JSON.stringify(h).slice(0, 40)}`, () => {
      expect(Math.abs(run(h, r).score - 100 * expected)).toBeLessThan(1e-3);
    });
  }

  it("the Tercom tokenizer", () => {
    const tok = (s: string, o: Partial<TercomOptions>) => tercomTokenize(s, { normalized: false, noPunct: false, asianSupport: false, caseSensitive: false, ...o });
    expect(tok("a b c d", {})).toBe("a b c d");
    expect(tok("", {})).toBe("");
    expect(tok("a b c d.", {})).toBe("a b c d.");
    expect(tok("A B C D.", {})).toBe("a b c d.");
    expect(tok("a b c d.", { noPunct: true })).toBe("a b c d");
    expect(tok("A ; B ) C : D.", { noPunct: true })).toBe("a b c d");
    expect(tok("a b (c) d.", { normalized: true })).toBe("a b ( c ) d .");
    expect(tok("Jim's car.", { normalized: true })).toBe("jim 's car .");
    expect(tok("4.2", { normalized: true })).toBe("4.2");
    expect(tok("美众院公布对特", { normalized: true, asianSupport: true })).toBe("美 众 院 公 布 对 特");
    expect(tok("りの拳銃を持", { normalized: true, asianSupport: true })).toBe("りの 拳 銃 を 持");
  });
});

describe("ter: behaviour to match sacreBLEU 2.6.0 exactly", () => {
  it("references are normalized twice, hypotheses once (as sacreBLEU does)", () => {
    // "'s " needs a following space, so "Jim's\tcar" keeps "jim's" on the first pass; only the
    // reference gets a second pass, which splits it: identical strings, 2 edits over 3 words.
    const out = run(["Jim's\tcar"], [["Jim's\tcar"]], { normalized: true });
    expect(out).toEqual({ score: out.score, num_edits: 2, ref_length: 3 });
    expect(out.score).toBeCloseTo(66.66666666666666, 12);
    expect(run(["Jim's car is red."], [["Jim's car is red."]], { normalized: true })).toEqual({ score: 0, num_edits: 0, ref_length: 6 });
    expect(run(["a &amp; b"], [["a &amp;amp; b"]], { normalized: true })).toEqual({ score: 40, num_edits: 2, ref_length: 5 });
  });

  it("multiple references: fewest edits, average reference length", () => {
    expect(
      run(
        ["the cat sat on the mat", "a b c"],
        [
          ["the cat sat on a mat", "a cat sat on the mat today"],
          ["c b a", "a b c d"],
        ],
      ),
    ).toEqual({ score: 20, num_edits: 2, ref_length: 10 });
  });

  it("CJK support splits characters and drops CJK punctuation", () => {
    expect(run(["美众院公布对特", "りの拳銃を持"], [["美众院公布对特朗普"], ["りの拳銃を持つ"]], { normalized: true, support_zh_ja_chars: true })).toEqual({
      score: 20,
      num_edits: 3,
      ref_length: 15,
    });
    expect(run(["你好。世界！"], [["你好世界"]], { ignore_punct: true, support_zh_ja_chars: true })).toEqual({ score: 0, num_edits: 0, ref_length: 1 });
  });

  it("whitespace-only lines are empty: an empty reference costs every hypothesis word", () => {
    expect(run(["   ", "a b"], [["a b"], ["  "]])).toEqual({ score: 200, num_edits: 4, ref_length: 2 });
  });

  it("shift search limits: unbalanced lengths (wider beam), the 1,000-candidate budget, block shifts", () => {
    const t = (nh: number, nr: number, vocab: string, sh: number, sr: number) =>
      run([lcgTokens(nh, [...vocab], sh).join(" ")], [[lcgTokens(nr, [...vocab], sr).join(" ")]]);
    expect(t(3, 300, "abcdefg", 11, 12)).toEqual({ score: 99, num_edits: 297, ref_length: 300 });
    expect(t(200, 200, "abc", 21, 22)).toEqual({ score: 43, num_edits: 86, ref_length: 200 });
    expect(t(100, 80, "abcd", 31, 32)).toEqual({ score: 70, num_edits: 56, ref_length: 80 });
    const ref = lcgTokens(60, [..."abcdefghijklmnop"], 99);
    const out = run([[...ref.slice(30), ...ref.slice(0, 30)].join(" ")], [[ref.join(" ")]]);
    expect(out.num_edits).toBe(50);
    expect(out.score).toBeCloseTo(83.33333333333334, 12);
  });

  it("a 1,000-token line (sacreBLEU takes ~40 s on it, this ~2 s)", () => {
    const vocab = Array.from({ length: 50 }, (_, i) => `w${i}`);
    expect(run([lcgTokens(1000, vocab, 1).join(" ")], [[lcgTokens(1000, vocab, 2).join(" ")]])).toEqual({ score: 94.1, num_edits: 941, ref_length: 1000 });
  });

  it("edit counting on word ids: one shift fixes a rotated sentence", () => {
    const ids = (s: string) => Int32Array.from(s.split(" ").map((w) => w.charCodeAt(0)));
    expect(translationEditRate(ids("d e f g h a b c"), ids("a b c d e f g h"))).toEqual([1, 8]);
    expect(Array.from(performShift(Int32Array.from([0, 1, 2, 3, 4, 5]), 3, 2, 1))).toEqual([0, 3, 4, 1, 2, 5]);
    expect(Array.from(performShift(Int32Array.from([0, 1, 2, 3, 4, 5]), 0, 2, 4))).toEqual([2, 3, 0, 1, 4, 5]);
  });

  it("rejects unequal reference counts and unknown args", () => {
    expect(() => run(["a", "b"], [["a"], ["b", "c"]])).toThrow(MetricInputError);
    expect(() => ter.argsSchema.parse({ no_punct: true })).toThrow();
    expect(ter.argsSchema.parse({})).toEqual(ter.defaultArgs);
  });

  for (const a of [{}, { normalized: true, case_sensitive: true }, { ignore_punct: true }]) {
    it(`statistics().finalize(sum of rows) equals compute() for ${JSON.stringify(a)}`, () => {
      const h = ["does this sentence match??", "what about this sentence?", "What did the TER metric user say to the developer?"];
      const r = [
        ["does this sentence match", "does this sentence match!?!"],
        ["wHaT aBoUt ThIs SeNtEnCe?", "wHaT aBoUt ThIs SeNtEnCe?"],
        ["Your jokes are...", "...TERrible"],
      ];
      const args = ter.argsSchema.parse(a);
      const s = ter.statistics!(h, r, args);
      expect(s.width).toBe(2);
      expect(s.finalize(sumRows(s))).toEqual(ter.compute(h, r, args));
    });
  }
});

describeWmt21("ter: WMT21 newstest de-en, official systems", (wmt) => {
  for (const system of WMT21_SYSTEMS) {
    for (const set of ["A", "B", "A+B"] as const) {
      it(`${system} vs ${set}: TER equals sacreBLEU 2.6.0`, () => {
        const e = WMT21_EXPECTED[`${system}/${set}`];
        const out = run(wmt().hyps(system), wmt().refs(set));
        expect(out.num_edits).toBe(e.terEdits);
        expect(out.ref_length).toBe(e.terRefLength);
        expect(Math.abs(out.score - e.ter)).toBeLessThan(1e-9);
      });
    }
  }
});
