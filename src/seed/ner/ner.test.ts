import { parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { bertWords, wordPiece } from "../bert-tokenize";
import { readSst2Dev } from "../sst2";
import { CONLL_LABELS, parseConllSample, readConllSample, splitJsonObjects } from "./conll";
import { buildNerModel, commonWordList, NER_MAX_LENGTH, NER_MODEL_SPECS, type NerModel } from "./ner-model";
import { writeConllParquet } from "./parquet";

const commonWords = commonWordList(readSst2Dev().map((r) => r.sentence));
const [small, base] = NER_MODEL_SPECS.map((spec) => buildNerModel(spec, commonWords)) as [NerModel, NerModel];

/** The tag a model gives a word under "first": its first WordPiece piece's argmax (mirrors the cased/uncased normalizer for ASCII). */
function firstPieceTag(model: NerModel, word: string): string {
  const text = model.spec.cased ? word : word.toLowerCase();
  const pre = model.spec.cased ? text.match(/[A-Za-z0-9]+|[^\sA-Za-z0-9]/g)! : bertWords(text);
  const piece = wordPiece(pre[0]!, { vocab: model.vocab.ids })[0]!;
  const id = model.vocab.ids.get(piece)!;
  const row = Array.from(model.logits.subarray(id * CONLL_LABELS.length, (id + 1) * CONLL_LABELS.length));
  return CONLL_LABELS[row.indexOf(Math.max(...row))]!;
}

describe("CoNLL sample", () => {
  it("reads the fixture's run of pretty-printed objects: 10 sentences, 25 entities", () => {
    const rows = readConllSample();
    expect(rows).toHaveLength(10);
    expect(rows[1]).toEqual({ tokens: ["CHICAGO", "AT", "ATLANTA"], ner_tags: [3, 0, 5] });
    expect(rows.flatMap((r) => r.ner_tags).filter((id) => CONLL_LABELS[id]!.startsWith("B-"))).toHaveLength(25);
  });

  it("splits objects without being fooled by braces in strings, and rejects junk", () => {
    expect(splitJsonObjects('{"a": "}{\\"}"} \n {"b": [1]}')).toEqual([{ a: '}{"}' }, { b: [1] }]);
    expect(() => splitJsonObjects('{"a": 1} x')).toThrow(/unexpected "x"/);
    expect(() => splitJsonObjects('{"a": {')).toThrow(/truncated/);
    expect(() => parseConllSample('{"words": ["a"], "ner": ["B-FOO"]}')).toThrow(/unknown tag "B-FOO"/);
    expect(() => parseConllSample('{"words": ["a", "b"], "ner": ["O"]}')).toThrow(/equal length/);
  });

  it("round-trips through parquet as list<string> / list<int64>", async () => {
    const rows = readConllSample();
    const bytes = writeConllParquet(rows);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const read = (await parquetReadObjects({ file })) as { tokens: string[]; ner_tags: bigint[] }[];
    expect(read.map((r) => ({ tokens: r.tokens, ner_tags: r.ner_tags.map(Number) }))).toEqual(rows);
  });
});

describe("lexicon NER models", () => {
  it("gives the first word of a multi-word name B- and the others I-, skipping inner lower-case words", () => {
    expect(firstPieceTag(base, "San")).toBe("B-LOC");
    expect(firstPieceTag(base, "Diego")).toBe("I-LOC");
    expect(base.vocab.ids.has("and")).toBe(true);
    expect(firstPieceTag(base, "and")).toBe("O");
    expect(firstPieceTag(base, "Herzegovina")).toBe("I-LOC");
  });

  it("lets the first list win: function words and titles beat names, places beat surnames", () => {
    expect(firstPieceTag(base, "May")).toBe("O");
    expect(firstPieceTag(base, "President")).toBe("O");
    expect(firstPieceTag(base, "Washington")).toBe("B-LOC");
    expect(firstPieceTag(base, "Brown")).toBe("I-PER");
    expect(firstPieceTag(base, "WASHINGTON")).toBe("B-LOC");
  });

  it("tags a capitalised unknown word as a name in the cased model only", () => {
    expect(wordPiece("Zyxwv", { vocab: base.vocab.ids })).toEqual(["Z", "##yx", "##wv"]);
    expect(firstPieceTag(base, "Zyxwv")).toBe("I-PER");
    expect(firstPieceTag(base, "zyxwv")).toBe("O");
    expect(firstPieceTag(small, "Zyxwv")).toBe("O");
  });

  it("the uncased model drops names that are also common words, and knows only countries", () => {
    expect(firstPieceTag(small, "Mexico")).toBe("B-LOC");
    expect(small.vocab.ids.has("turkey")).toBe(true);
    expect(firstPieceTag(small, "Turkey")).toBe("O");
    expect(firstPieceTag(small, "Indiana")).toBe("O");
    expect(Object.keys(small.lexiconSizes).sort()).toEqual(["B-LOC", "I-LOC"]);
  });

  it("has a piece for every ASCII character, so no ASCII word becomes [UNK]", () => {
    for (const model of [small, base]) {
      for (const word of ["counternarcotics", "Frechette", "559", "XYZ", "q"]) {
        const text = model.spec.cased ? word : word.toLowerCase();
        expect(wordPiece(text, { vocab: model.vocab.ids })).not.toContain("[UNK]");
      }
    }
  });

  it("fits every CoNLL sample sentence in the max length", () => {
    for (const model of [small, base]) {
      for (const row of readConllSample()) {
        const pieces = row.tokens.flatMap((w) => {
          const text = model.spec.cased ? w : w.toLowerCase();
          const pre = model.spec.cased ? text.match(/[A-Za-z0-9]+|[^\sA-Za-z0-9]/g) ?? [] : bertWords(text);
          return pre.flatMap((p) => wordPiece(p, { vocab: model.vocab.ids }));
        });
        expect(pieces.length + 2).toBeLessThanOrEqual(NER_MAX_LENGTH);
      }
    }
  });

  it("builds identical tables twice", () => {
    const again = buildNerModel(NER_MODEL_SPECS[1]!, commonWords);
    expect(again.vocab.tokens).toEqual(base.vocab.tokens);
    expect(Buffer.from(again.logits.buffer).equals(Buffer.from(base.logits.buffer))).toBe(true);
  });
});
