import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AutoTokenizer, env } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bertEncode, bertWords, wordPiece } from "./bert-tokenize";
import { readSst2Dev } from "./sst2";
import { buildTokenizerConfig, buildTokenizerJson, buildVocab, MODEL_MAX_LENGTH, type Vocab } from "./wordpiece";
import { writeRepoDir } from "./write-repo-dir";

const rows = readSst2Dev();
const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe("WordPiece vocab and tokenizer.json", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "evalhub-wordpiece-"));
    env.allowRemoteModels = false;
    env.localModelPath = root;
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  async function loadTokenizer(name: string, vocab: Vocab) {
    await writeRepoDir(
      {
        type: "model",
        name,
        files: [
          { path: "tokenizer.json", content: utf8(buildTokenizerJson(vocab)) },
          { path: "tokenizer_config.json", content: utf8(buildTokenizerConfig()) },
        ],
      },
      root,
    );
    return AutoTokenizer.from_pretrained(name);
  }

  it("puts the special tokens first, then words by frequency", () => {
    const vocab = buildVocab({ texts: ["b a a", "c b a"], maxWords: 2 });
    expect(vocab.tokens).toEqual(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b"]);
  });

  it("normalises and splits like BERT: lowercase, accents stripped, punctuation alone", () => {
    expect(bertWords("Amélie's  CLICHÉ--ending!")).toEqual(["amelie", "'", "s", "cliche", "-", "-", "ending", "!"]);
  });

  it("WordPiece turns a word with an unmatched remainder into one [UNK]", () => {
    const vocab = new Map([["un", 0], ["##like", 1], ["[UNK]", 2]]);
    expect(wordPiece("unlike", { vocab })).toEqual(["un", "##like"]);
    expect(wordPiece("unlikely", { vocab })).toEqual(["[UNK]"]);
    expect(wordPiece("u".repeat(101), { vocab: new Map([["u", 0]]) })).toEqual(["[UNK]"]);
  });

  // The training code must see exactly the ids transformers.js feeds the ONNX graph.
  for (const maxWords of [50, undefined]) {
    it(`matches transformers.js on every SST-2 sentence (maxWords ${maxWords ?? "all"})`, async () => {
      const vocab = buildVocab({ texts: rows.slice(0, 472).map((r) => r.sentence), maxWords });
      const tokenizer = await loadTokenizer(`test/vocab-${maxWords ?? "all"}`, vocab);
      const extra = ["Ünïcödé naïveté — “quotes” … 日本語 emoji 🎬 tab\there", "x".repeat(120), "[CLS] literal"];
      for (const text of [...rows.map((r) => r.sentence), ...extra]) {
        expect(bertEncode(text, { vocab: vocab.ids }), text).toEqual(tokenizer.encode(text));
      }
    });
  }

  it("truncates like transformers.js: ids cut after [CLS]/[SEP] are added, so [SEP] is lost", async () => {
    const vocab = buildVocab({ texts: ["good bad"] });
    const tokenizer = await loadTokenizer("test/truncation", vocab);
    const text = Array.from({ length: 200 }, (_, i) => (i % 2 ? "good" : "bad")).join(" ");
    const { input_ids } = tokenizer(text, { truncation: true });
    const expected = bertEncode(text, { vocab: vocab.ids, maxLength: MODEL_MAX_LENGTH });
    expect(expected).toHaveLength(MODEL_MAX_LENGTH);
    expect(expected.at(-1)).not.toBe(vocab.ids.get("[SEP]"));
    expect(Array.from(input_ids.data as BigInt64Array, Number)).toEqual(expected);
  });
});
