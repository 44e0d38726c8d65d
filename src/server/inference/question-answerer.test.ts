import { describe, expect, it } from "vitest";
import { buildWindows, decodeWindow, encodeContext, pairTemplate, splitContextWords, type PairTemplate } from "./question-answerer";

const words = (text: string) => splitContextWords(text).map((w) => text.slice(w.start, w.end));

describe("splitContextWords", () => {
  it("splits on whitespace and isolates punctuation, with exact offsets", () => {
    const text = "Levi's Stadium, in  Santa Clara (California)\u00a0— 24–10.";
    expect(words(text)).toEqual(["Levi", "'", "s", "Stadium", ",", "in", "Santa", "Clara", "(", "California", ")", "—", "24", "–", "10", "."]);
    for (const w of splitContextWords(text)) expect(text.slice(w.start, w.end)).not.toMatch(/\s/);
  });

  it("keeps accented and non-Latin letters inside words", () => {
    expect(words("Beyoncé sang in São Paulo")).toEqual(["Beyoncé", "sang", "in", "São", "Paulo"]);
    expect(splitContextWords("   ")).toEqual([]);
  });
});

describe("pairTemplate", () => {
  // Stand-ins for a tokenizer: "a" → 10, "b" → 11.
  const encode = (t: string) => (t === "a" ? [10] : t === "b" ? [11] : []);

  it("finds BERT's [CLS] A [SEP] B [SEP] with token types", () => {
    const t = pairTemplate(encode, () => ({ ids: [101, 10, 102, 11, 102], types: [0, 0, 0, 1, 1] }));
    expect(t).toEqual({ prefix: [101], middle: [102], suffix: [102], types: { prefix: [0], a: 0, middle: [0], b: 1, suffix: [1] } });
  });

  it("finds RoBERTa's <s> A </s></s> B </s> without token types", () => {
    const t = pairTemplate(encode, () => ({ ids: [0, 10, 2, 2, 11, 2], types: null }));
    expect(t).toEqual({ prefix: [0], middle: [2, 2], suffix: [2], types: null });
  });

  it("fails clearly when the pair's tokens cannot be located", () => {
    expect(() => pairTemplate(encode, () => ({ ids: [101, 102], types: null }))).toThrow(/special tokens/);
  });
});

const BERT: PairTemplate = { prefix: [101], middle: [102], suffix: [102], types: { prefix: [0], a: 0, middle: [0], b: 1, suffix: [1] } };

describe("buildWindows", () => {
  const context = { ids: Array.from({ length: 25 }, (_, i) => 1000 + i), spans: Array.from({ length: 25 }, (_, i) => ({ start: i * 2, end: i * 2 + 1 })) };

  it("puts the whole context in one window when it fits", () => {
    const [w, ...rest] = buildWindows({ item: 3, question: [7, 8], context, template: BERT, maxLength: 64, docStride: 16 });
    expect(rest).toEqual([]);
    expect(w!.ids).toEqual([101, 7, 8, 102, ...context.ids, 102]);
    expect(w!.types).toEqual([0, 0, 0, 0, ...Array(25).fill(1), 1]);
    expect([w!.item, w!.contextFrom, w!.contextTo]).toEqual([3, 4, 29]);
    expect(w!.spans).toEqual(context.spans);
  });

  it("splits a long context into overlapping windows of at most maxLength tokens covering every token", () => {
    // 16 tokens per window: 5 fixed ([CLS] q q [SEP] … [SEP]) + 11 context; stride 4 → steps of 7.
    const windows = buildWindows({ item: 0, question: [7, 8], context, template: BERT, maxLength: 16, docStride: 4 });
    expect(windows.map((w) => w.ids.length)).toEqual([16, 16, 16]);
    const starts = windows.map((w) => w.ids[w.contextFrom]! - 1000);
    expect(starts).toEqual([0, 7, 14]);
    expect(windows.at(-1)!.ids.at(-2)).toBe(1024);
    for (const w of windows) expect(w.spans).toHaveLength(w.contextTo - w.contextFrom);
  });

  it("caps the stride at half a window so windows always advance", () => {
    // Stride 100 becomes floor(11 / 2) = 5: steps of 6.
    const windows = buildWindows({ item: 0, question: [7, 8], context, template: BERT, maxLength: 16, docStride: 100 });
    expect(windows.map((w) => w.ids[w.contextFrom]! - 1000)).toEqual([0, 6, 12, 18]);
  });

  it("refuses a question that leaves no room for the context", () => {
    expect(() => buildWindows({ item: 0, question: Array(13).fill(7), context, template: BERT, maxLength: 16, docStride: 0 })).toThrow(/no room/);
  });
});

describe("decodeWindow", () => {
  // [CLS] q [SEP] c0 c1 c2 c3 [SEP]
  const window = { item: 0, ids: [101, 7, 102, 1, 2, 3, 4, 102], types: null, contextFrom: 3, contextTo: 7, spans: [0, 1, 2, 3].map((i) => ({ start: i, end: i + 1 })) };

  it("picks the best span inside the context and ignores question and special tokens", () => {
    const start = [0, 50, 50, 1, 3, 0, 0, 50];
    const end = [0, 50, 50, 0, 0, 2, 1, 50];
    const { best, nullScore } = decodeWindow(start, end, window, 15);
    expect([best.from, best.to]).toEqual([4, 5]);
    // Softmax over [CLS] and the four context tokens only.
    const z = (xs: number[]) => xs.reduce((s, x) => s + Math.exp(x), 0);
    const zs = z([0, 1, 3, 0, 0]);
    const ze = z([0, 0, 0, 2, 1]);
    expect(best.score).toBeCloseTo((Math.exp(3) / zs) * (Math.exp(2) / ze), 12);
    expect(nullScore).toBeCloseTo((1 / zs) * (1 / ze), 12);
  });

  it("never ends before it starts and respects the maximum answer length", () => {
    const start = [0, 0, 0, 0, 0, 0, 5, 0];
    const end = [0, 0, 0, 4, 0, 0, 0, 0];
    expect(decodeWindow(start, end, window, 15).best).toMatchObject({ from: 6, to: 6 });
    const wide = decodeWindow([0, 0, 0, 5, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 5, 0], window, 15).best;
    expect([wide.from, wide.to]).toEqual([3, 6]);
    const capped = decodeWindow([0, 0, 0, 5, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 5, 0], window, 2).best;
    expect(capped.to - capped.from).toBeLessThan(2);
  });
});

describe("encodeContext", () => {
  it("maps every token to its word's characters and tells the encoder about a preceding space", () => {
    const seen: [string, boolean][] = [];
    const enc = encodeContext("Denver's win", (word, afterSpace) => {
      seen.push([word, afterSpace]);
      return word === "Denver" ? [1, 2] : [3];
    });
    expect(seen).toEqual([["Denver", false], ["'", false], ["s", false], ["win", true]]);
    expect(enc.ids).toEqual([1, 2, 3, 3, 3]);
    expect(enc.spans).toEqual([{ start: 0, end: 6 }, { start: 0, end: 6 }, { start: 6, end: 7 }, { start: 7, end: 8 }, { start: 9, end: 12 }]);
  });
});
