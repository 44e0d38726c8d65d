import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AutoTokenizer, env } from "@huggingface/transformers";
import { afterAll, describe, expect, it } from "vitest";
import { buildTinyDistilbertRepo } from "@/seed/demo-content";
import { readSst2Dev } from "@/seed/sst2";
import { writeRepoDir } from "@/seed/write-repo-dir";
import { cacheWordPieceWords } from "./word-cache";

describe("cacheWordPieceWords", async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), "evalhub-wordcache-"));
  afterAll(() => rm(root, { recursive: true, force: true }));
  const repo = await buildTinyDistilbertRepo({ datasetId: "evalhub-demo/sst2" });
  await writeRepoDir(repo, root);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root;
  const plain = await AutoTokenizer.from_pretrained(repo.name);
  const cached = await AutoTokenizer.from_pretrained(repo.name);

  it("is installed on a WordPiece tokenizer and gives exactly the same ids", () => {
    expect(cacheWordPieceWords(cached)).toBe(true);
    const texts = [
      ...readSst2Dev().map((r) => r.sentence),
      "Ünïcödé àccents, 中文字符 and emoji 🙂 mixed in",
      `a ${"x".repeat(150)} word longer than max_input_chars_per_word`,
      "unbelievably unbelievably UNBELIEVABLY",
    ];
    // Twice: the second pass is served from the cache.
    for (let pass = 0; pass < 2; pass++) {
      for (const t of texts) expect(cached(t, { return_tensor: false }).input_ids).toEqual(plain(t, { return_tensor: false }).input_ids);
    }
    const pairs = cached(texts.slice(0, 5), { text_pair: texts.slice(5, 10), padding: true, return_tensor: false });
    expect(pairs).toEqual(plain(texts.slice(0, 5), { text_pair: texts.slice(5, 10), padding: true, return_tensor: false }));
  });

  it("leaves anything that is not recognisably WordPiece alone", () => {
    expect(cacheWordPieceWords({})).toBe(false);
    expect(cacheWordPieceWords({ _tokenizer: { model: { config: { type: "BPE" }, encode: () => [] } } })).toBe(false);
  });
});
