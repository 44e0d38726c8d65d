import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "@/localhub";
import type { DemoRepo } from "@/seed/demo-content";
import { buildNerDemoRepos, buildTokenClassifierRepo, CONLL_LABELS, NER_DATASET_ID, NER_MAX_LENGTH, readConllSample } from "@/seed/ner";
import { buildTokenClassifierOnnx } from "@/seed/ner/onnx-token-classifier";
import { describeFeature } from "@/server/datasets/features";
import { openSplit, readSplitRows } from "@/server/datasets/read-split-rows";
import { resolveSplit } from "@/server/datasets/resolve-split";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo } from "@/server/hub/resolve-repo";
import { loadTokenClassifier, type AggregationStrategy, type TokenClassifier } from "@/server/inference/token-classifier";
import { METRICS } from "@/server/metrics";

/**
 * The demo NER repos served by a real local hub, read back through the dataset readers and run
 * through transformers.js by the local token-classification runner, scored with seqeval.
 */
const SMALL = "evalhub-demo/ner-lexicon-small";
const BASE = "evalhub-demo/ner-lexicon-base";
const STRATEGY_MODEL = "acme/ner-strategies";
const BAD_SHAPE_MODEL = "acme/ner-bad-shape";
const BYTE_LEVEL_MODEL = "acme/ner-byte-level";

let hub: TestHub;
let hubConfig: HubConfig;
let cacheDir: string;
let repos: DemoRepo[];
let buildMs: number;
const revisions = new Map<string, string>();
const loaded: TokenClassifier[] = [];

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * A crafted tagger whose word "xzzy" (pieces x ##z ##z ##y) gets a different tag under each
 * aggregation strategy: its first piece says B-X; two moderate pieces make O win on average; the
 * last piece is the single most confident one and says B-Y.
 */
function strategyModelRepo(): DemoRepo {
  const labels = ["O", "B-X", "B-Y"];
  const table: Record<string, number[]> = {
    "[PAD]": [0, 0, 0],
    "[UNK]": [1, 0, 0],
    "[CLS]": [0, 0, 0],
    "[SEP]": [0, 0, 0],
    "[MASK]": [0, 0, 0],
    x: [0, 2, 0],
    "##z": [2, 0, 0],
    "##y": [0, 0, 5],
    w: [0, 0, 1],
  };
  const tokens = Object.keys(table);
  return buildTokenClassifierRepo({
    name: STRATEGY_MODEL,
    vocab: { tokens, ids: new Map(tokens.map((t, i) => [t, i])) },
    logits: Float32Array.from(Object.values(table).flat()),
    labels,
    cased: false,
    maxLength: 16,
    readme: "---\npipeline_tag: token-classification\n---\ntest model\n",
  });
}

/** Its config names 2 labels while the graph returns 3 logits per token. */
function badShapeRepo(): DemoRepo {
  const repo = strategyModelRepo();
  const config = { model_type: "bert", architectures: ["BertForTokenClassification"], id2label: { "0": "O", "1": "B-X" }, label2id: { O: 0, "B-X": 1 } };
  return {
    ...repo,
    name: BAD_SHAPE_MODEL,
    files: repo.files.map((f) => (f.path === "config.json" ? { path: f.path, content: utf8(JSON.stringify(config)) } : f)),
  };
}

/**
 * A RoBERTa-style byte-level BPE tagger: "x" at the start of the text and "Ġx" (x after a space)
 * are different tokens with different tags, as in `words.join(" ")`.
 */
function byteLevelRepo(): DemoRepo {
  const vocab: Record<string, number> = { "<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, x: 4, "Ġ": 5, "Ġx": 6, w: 7 };
  const logits = [[0, 0, 0], [0, 0, 0], [0, 0, 0], [1, 0, 0], [0, 3, 0], [0, 0, 0], [0, 0, 3], [3, 0, 0]];
  const special = (content: string) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const tokenizer = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: ["<s>", "<pad>", "</s>", "<unk>"].map(special),
    normalizer: null,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: "RobertaProcessing", sep: ["</s>", 2], cls: ["<s>", 0], trim_offsets: true, add_prefix_space: false },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: "", end_of_word_suffix: "", fuse_unk: false, byte_fallback: false, vocab, merges: ["Ġ x"] },
  };
  const tokenizerConfig = { tokenizer_class: "RobertaTokenizer", bos_token: "<s>", eos_token: "</s>", sep_token: "</s>", cls_token: "<s>", unk_token: "<unk>", pad_token: "<pad>", model_max_length: 16, add_prefix_space: false };
  const labels = ["O", "B-X", "B-Y"];
  const config = { model_type: "roberta", architectures: ["RobertaForTokenClassification"], id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])), label2id: Object.fromEntries(labels.map((l, i) => [l, i])) };
  return {
    type: "model",
    name: BYTE_LEVEL_MODEL,
    files: [
      { path: "config.json", content: utf8(JSON.stringify(config)) },
      { path: "tokenizer.json", content: utf8(JSON.stringify(tokenizer)) },
      { path: "tokenizer_config.json", content: utf8(JSON.stringify(tokenizerConfig)) },
      { path: "onnx/model.onnx", content: buildTokenClassifierOnnx({ vocabSize: 8, numLabels: 3, logits: Float32Array.from(logits.flat()) }) },
    ],
  };
}

async function publish(repo: DemoRepo) {
  await hub.store.createRepo({ type: repo.type, name: repo.name });
  const { oid } = await hub.store.commit({ repo: { type: repo.type, name: repo.name }, message: "add files", files: repo.files, author: "evalhub-demo" });
  revisions.set(repo.name, oid);
}

async function load(model: string) {
  const classifier = await loadTokenClassifier({ hub: hubConfig, model, revision: revisions.get(model)!, cacheDir });
  loaded.push(classifier);
  return classifier;
}

async function validationRows() {
  const repo = await resolveRepo({ hub: hubConfig, type: "dataset", name: NER_DATASET_ID });
  const layout = resolveSplit(repo, "default", "validation");
  const opts = { hub: hubConfig, dataset: repo.name, revision: repo.sha, layout };
  const opened = await openSplit(opts);
  const rows: { tokens: string[]; ner_tags: number[] }[] = [];
  for await (const batch of readSplitRows({ ...opts, columns: ["tokens", "ner_tags"] }, opened)) rows.push(...(batch as typeof rows));
  return { opened, rows };
}

function seqevalF1(predictions: string[][], references: string[][]): number {
  const out = METRICS.seqeval.compute(predictions, references, METRICS.seqeval.defaultArgs) as { overall_f1: number };
  return out.overall_f1;
}

beforeAll(async () => {
  const t0 = performance.now();
  repos = await buildNerDemoRepos();
  buildMs = performance.now() - t0;
  hub = await startTestHub();
  hubConfig = { hubUrl: hub.url, accessToken: hub.accessToken };
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "token-classifier-cache-"));
  for (const repo of [...repos, strategyModelRepo(), badShapeRepo(), byteLevelRepo()]) await publish(repo);
});
afterAll(async () => {
  for (const c of loaded) await c.dispose();
  await hub?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe("evalhub-demo/conll-ner", () => {
  it("reads back as tokens: Sequence(string) and ner_tags: Sequence(ClassLabel) with the CoNLL sample's rows", async () => {
    const { opened, rows } = await validationRows();
    expect(opened.format).toBe("parquet");
    expect(opened.featuresSource).toBe("card");
    expect(describeFeature(opened.features.tokens!)).toBe("Sequence(string)");
    expect(describeFeature(opened.features.ner_tags!)).toBe(`Sequence(ClassLabel(${CONLL_LABELS.join(", ")}))`);
    expect(rows.map((r) => ({ tokens: r.tokens, ner_tags: r.ner_tags.map(Number) }))).toEqual(readConllSample());
  });

  it("builds deterministically and quickly", async () => {
    const again = await buildNerDemoRepos();
    expect(again.map((r) => r.name)).toEqual(repos.map((r) => r.name));
    again.forEach((repo, i) => {
      expect(repo.files.map((f) => f.path)).toEqual(repos[i]!.files.map((f) => f.path));
      repo.files.forEach((f, j) => expect(Buffer.from(f.content).equals(Buffer.from(repos[i]!.files[j]!.content)), `${repo.name}/${f.path}`).toBe(true));
    });
    console.log(`NER demo repos built in ${buildMs.toFixed(0)} ms`);
    expect(buildMs).toBeLessThan(2000);
  });
});

describe("loadTokenClassifier on the demo models", () => {
  it("the base model is clearly better than the small one on validation (seqeval overall F1)", async () => {
    const { rows } = await validationRows();
    const references = rows.map((r) => r.ner_tags.map((id) => CONLL_LABELS[Number(id)]!));
    const sentences = rows.map((r) => r.tokens);
    const scores: Record<string, number> = {};
    for (const model of [SMALL, BASE]) {
      const classifier = await load(model);
      expect(classifier.labels).toEqual([...CONLL_LABELS]);
      expect(classifier.runner).toMatchObject({ name: "local", dtype: "fp32", maxLength: NER_MAX_LENGTH });
      expect(classifier.runner.library).toMatch(/^@huggingface\/transformers@/);
      const { tags, truncatedWords } = await classifier.tagWords(sentences);
      expect(truncatedWords).toEqual(sentences.map(() => 0));
      tags.forEach((t, i) => expect(t).toHaveLength(sentences[i]!.length));
      scores[model] = seqevalF1(tags, references);
    }
    console.log(`seqeval overall F1 on ${NER_DATASET_ID} validation: small ${scores[SMALL]!.toFixed(4)}, base ${scores[BASE]!.toFixed(4)}`);
    expect(scores[SMALL]).toBeGreaterThan(0.1);
    expect(scores[BASE]).toBeGreaterThan(0.6);
    expect(scores[BASE]! - scores[SMALL]!).toBeGreaterThan(0.25);
  });

  it("agrees with transformers.js's own token-classification pipeline on each word's first sub-token", async () => {
    const classifier = await load(BASE); // also points transformers.js at the local hub
    const { pipeline, AutoTokenizer } = await import("@huggingface/transformers");
    const revision = revisions.get(BASE)!;
    const ner = await pipeline("token-classification", BASE, { revision, dtype: "fp32" });
    const tokenizer = await AutoTokenizer.from_pretrained(BASE, { revision });
    const sentences = (await validationRows()).rows.map((r) => r.tokens);
    const ours = (await classifier.tagWords(sentences)).tags;
    try {
      for (const [i, words] of sentences.entries()) {
        const tokens = (await ner(words.join(" "), { ignore_labels: [] })) as { entity: string; index: number }[];
        const entityAt = new Map(tokens.map((t) => [t.index, t.entity]));
        let index = 1; // after [CLS]
        const expected = words.map((word) => {
          const n = tokenizer.encode(word, { add_special_tokens: false }).length;
          const tag = n > 0 ? entityAt.get(index)! : "O";
          index += n;
          return tag;
        });
        expect(ours[i], words.join(" ")).toEqual(expected);
      }
    } finally {
      await ner.dispose();
    }
  });

  it("tags words, not sub-tokens: a word split into ## pieces gets one tag; a lexicon name keeps its type", async () => {
    const base = await load(BASE);
    // "Frechette" is F ##re ##ch ##et ##te: a capitalised unknown word, tagged by its first piece.
    const { tags } = await base.tagWords([["Frechette", "flew", "to", "Mexico", "and", "counternarcotics"]]);
    expect(tags[0]).toEqual(["I-PER", "O", "O", "B-LOC", "O", "O"]);
    const small = await load(SMALL);
    // The small model lower-cases, so capitalisation says nothing: unknown names are O.
    expect((await small.tagWords([["Frechette", "flew", "to", "MEXICO"]])).tags[0]).toEqual(["O", "O", "O", "B-LOC"]);
  });

  it("truncates whole words beyond the model's max length: tagged O and counted", async () => {
    const base = await load(BASE);
    const budget = NER_MAX_LENGTH - 2; // [CLS] and [SEP]
    const long = [...Array.from({ length: budget - 1 }, () => "Mexico"), "Frechette", "Mexico", "Mexico"];
    const short = ["Bill", "Clinton"];
    const { tags, truncatedWords } = await base.tagWords([short, long, []]);
    expect(truncatedWords).toEqual([0, 3, 0]);
    expect(tags[1]!.slice(0, budget - 1).every((t) => t === "B-LOC")).toBe(true);
    // "Frechette" is several pieces and only one slot is left: it is cut whole, as is everything after it.
    expect(tags[1]!.slice(budget - 1)).toEqual(["O", "O", "O"]);
    expect(tags[2]).toEqual([]);
    // Padding a batch does not change a sentence's tags.
    expect(tags[0]).toEqual((await base.tagWords([short])).tags[0]);
    expect(tags[0]).toEqual(["B-PER", "I-PER"]);
  });
});

describe("loadTokenClassifier aggregation strategies", () => {
  const cases: [AggregationStrategy, string][] = [
    ["first", "B-X"],
    ["average", "O"],
    ["max", "B-Y"],
  ];
  for (const [strategy, expected] of cases) {
    it(`${strategy}: the word "xzzy" (x ##z ##z ##y) is ${expected}`, async () => {
      const model = await load(STRATEGY_MODEL);
      const { tags } = await model.tagWords([["xzzy", "w", "q", "", "\u0001", "x"]], { strategy });
      // Single-piece words agree under every strategy; "q" is [UNK] (O); empty and control-character words have no piece.
      expect(tags[0]).toEqual([expected, "B-Y", "O", "O", "O", "B-X"]);
    });
  }

  it("defaults to first", async () => {
    const model = await load(STRATEGY_MODEL);
    expect((await model.tagWords([["xzzy"]])).tags).toEqual([["B-X"]]);
  });
});

describe("loadTokenClassifier with a byte-level BPE tokenizer", () => {
  it("encodes words after the first with their leading space, as in the joined sentence", async () => {
    const model = await load(BYTE_LEVEL_MODEL);
    const { tags } = await model.tagWords([["x", "x", "w", ""], ["w", "x"]]);
    // x → "x" (B-X); the second x → "Ġx" (B-Y); w → "Ġ" "w" (first piece uniform: O); "" → no piece.
    expect(tags).toEqual([["B-X", "B-Y", "O", "O"], ["O", "B-Y"]]);
  });
});

describe("loadTokenClassifier errors", () => {
  it("rejects logits whose shape does not match [batch, sequence, labels], naming the model and the shape", async () => {
    const model = await load(BAD_SHAPE_MODEL);
    expect(model.labels).toEqual(["O", "B-X"]);
    await expect(model.tagWords([["x", "w"]])).rejects.toThrow(/acme\/ner-bad-shape@\w+ returned logits of shape \[1, 4, 3\].*\[1, 4, 2\]/);
  });

  it("fails to load a model that does not exist with a clear error", async () => {
    await expect(loadTokenClassifier({ hub: hubConfig, model: "acme/missing", revision: "main", cacheDir })).rejects.toThrow(/acme\/missing/);
  });
});
