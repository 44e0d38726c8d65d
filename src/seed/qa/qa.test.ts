import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AutoModelForQuestionAnswering, AutoTokenizer, env, pipeline, Tensor } from "@huggingface/transformers";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { writeRepoDir } from "../write-repo-dir";
import { qaLogits } from "./features";
import { buildQaDemoRepos, SQUAD_TINY_ID, SQUAD_V2_SAMPLE_ID } from "./index";
import { SQUAD_HF_FEATURES, writeSquadParquet } from "./parquet-squad";
import { loadSquadTinySplits, loadSquadV2Sample, readSquadTinyParagraphs, splitSquadByParagraph } from "./squad";
import { encodeQaText } from "./tokenizer";
import { encodeExample, prepareQaTraining, QA_MODEL_SPECS, trainQaModel } from "./train-qa";
import type { DemoRepo } from "../demo-content";

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
const text = (repo: DemoRepo, file: string) => new TextDecoder().decode(repo.files.find((f) => f.path === file)!.content);
const frontMatter = (md: string) => parse(md.split("---\n")[1]!) as Record<string, unknown>;

describe("squad-tiny split", () => {
  const paragraphs = readSquadTinyParagraphs();
  const splits = loadSquadTinySplits();

  it("keeps all 810 questions of 54 paragraphs, about 400 for validation", () => {
    expect(paragraphs).toHaveLength(54);
    expect(splits.train.length + splits.validation.length).toBe(810);
    expect(splits.validation.length).toBeGreaterThanOrEqual(400);
    expect(splits.validation.length).toBeLessThan(450);
    expect(splits.train[0]).toEqual(expect.objectContaining({ id: expect.any(String), title: "Super_Bowl_50" }));
  });

  it("splits by paragraph: no context is in both splits, rows keep file order", () => {
    const train = new Set(splits.train.map((r) => r.context));
    expect(splits.validation.filter((r) => train.has(r.context))).toEqual([]);
    const order = new Map(paragraphs.flat().map((r, i) => [r.id, i]));
    for (const rows of [splits.train, splits.validation]) {
      const idx = rows.map((r) => order.get(r.id)!);
      expect(idx).toEqual([...idx].sort((a, b) => a - b));
    }
  });

  it("depends on the seed only", () => {
    expect(splitSquadByParagraph(paragraphs)).toEqual(splits);
    expect(splitSquadByParagraph(paragraphs, { seed: 1 }).validation).not.toEqual(splits.validation);
  });
});

describe("squad parquet", () => {
  it("reads back with hyparquet: nested answers (text list, answer_start list, empty for unanswerable)", async () => {
    const rows = loadSquadV2Sample();
    const bytes = writeSquadParquet(rows);
    expect(await parquetReadObjects({ file: toArrayBuffer(bytes) })).toEqual(rows);
    const hf = parquetMetadata(toArrayBuffer(bytes)).key_value_metadata?.find((kv) => kv.key === "huggingface");
    expect(JSON.parse(hf!.value!)).toEqual(SQUAD_HF_FEATURES);
  });
});

describe("QA demo repos", () => {
  let repos: DemoRepo[];
  let root: string;
  beforeAll(async () => {
    repos = await buildQaDemoRepos();
    root = await mkdtemp(path.join(os.tmpdir(), "evalhub-qa-seed-"));
    env.allowRemoteModels = false;
    env.localModelPath = root;
    for (const repo of repos) if (repo.type === "model") await writeRepoDir(repo, root);
  }, 60_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("has the two datasets and two models in transformers.js layout", () => {
    expect(repos.map((r) => r.name)).toEqual([SQUAD_TINY_ID, SQUAD_V2_SAMPLE_ID, ...QA_MODEL_SPECS.map((s) => s.name)]);
    for (const repo of repos.filter((r) => r.type === "model")) {
      expect(repo.files.map((f) => f.path)).toEqual(["README.md", "config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx"]);
      expect(JSON.parse(text(repo, "config.json"))).toMatchObject({ model_type: "bert", architectures: ["BertForQuestionAnswering"] });
      expect(JSON.parse(text(repo, "tokenizer_config.json"))).toMatchObject({ model_max_length: 256, do_lower_case: false });
      expect(frontMatter(text(repo, "README.md"))).toMatchObject({ pipeline_tag: "question-answering", datasets: [SQUAD_TINY_ID], license: "cc-by-sa-4.0" });
    }
  });

  it("dataset cards carry features, splits and a question-answering train-eval-index", () => {
    const [tiny, v2] = repos.map((r) => frontMatter(text(r, "README.md")));
    const entry = (tiny!["train-eval-index"] as Record<string, unknown>[])[0];
    expect(entry).toEqual({
      config: "default",
      task: "question-answering",
      task_id: "extractive_question_answering",
      splits: { train_split: "train", eval_split: "validation" },
      col_mapping: { context: "context", question: "question", "answers.text": "answers.text", "answers.answer_start": "answers.answer_start" },
      metrics: [{ type: "squad", name: "SQuAD" }],
    });
    expect((tiny!.dataset_info as { splits: unknown[] }).splits).toEqual([
      { name: "train", num_bytes: expect.any(Number), num_examples: 402 },
      { name: "validation", num_bytes: expect.any(Number), num_examples: 408 },
    ]);
    expect((v2!["train-eval-index"] as Record<string, unknown>[])[0]).toMatchObject({ splits: { eval_split: "validation" }, metrics: [{ type: "squad_v2" }] });
    expect(text(repos[0]!, "README.md")).toContain("CC BY-SA 4.0");
  });

  it("runs in transformers.js's own question-answering pipeline, as the model card shows", async () => {
    const qa = await pipeline("question-answering", QA_MODEL_SPECS[1]!.name, { dtype: "fp32" });
    const out = (await qa("Who won Super Bowl 50?", "The Denver Broncos defeated the Carolina Panthers 24–10.")) as { answer: string; score: number };
    expect(typeof out.answer).toBe("string");
    expect(out.score).toBeGreaterThan(0);
    await qa.dispose();
  });

  // Training must see exactly the ids transformers.js feeds the ONNX graph.
  it("the seed's tokenization matches transformers.js on every squad-tiny and v2-sample text", async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(QA_MODEL_SPECS[1]!.name);
    const { vocab } = prepareQaTraining(loadSquadTinySplits());
    const rows = [...readSquadTinyParagraphs().flat(), ...loadSquadV2Sample()];
    const texts = [...new Set([...rows.map((r) => r.context), ...rows.map((r) => r.question)]), "Ünïcödé naïveté — “quotes” tab\there"];
    for (const t of texts) expect(encodeQaText(vocab, t).ids, t).toEqual(tokenizer.encode(t, { add_special_tokens: false }));
  });

  it("the ONNX graphs compute the seed's logits, padding included", async () => {
    const splits = loadSquadTinySplits();
    const shared = prepareQaTraining(splits);
    const examples = [splits.validation[0]!, splits.validation[200]!, loadSquadV2Sample()[0]!].map((r) => encodeExample(shared.vocab, r));
    const seqLen = Math.max(...examples.map((e) => e.seq.ids.length));
    const pad = (xs: number[], v: number) => BigInt64Array.from([...xs, ...Array(seqLen - xs.length).fill(v)], BigInt);
    const inputs = {
      input_ids: new Tensor("int64", BigInt64Array.from(examples.flatMap((e) => [...pad(e.seq.ids, 0)])), [examples.length, seqLen]),
      attention_mask: new Tensor("int64", BigInt64Array.from(examples.flatMap((e) => [...pad(e.seq.ids.map(() => 1), 0)])), [examples.length, seqLen]),
      token_type_ids: new Tensor("int64", BigInt64Array.from(examples.flatMap((e) => [...pad(e.seq.tokenTypes, 0)])), [examples.length, seqLen]),
    };
    for (const spec of QA_MODEL_SPECS) {
      const trained = trainQaModel(spec, shared);
      const model = await AutoModelForQuestionAnswering.from_pretrained(spec.name, { dtype: "fp32" });
      const out = (await model(inputs)) as { start_logits: Tensor; end_logits: Tensor };
      expect(out.start_logits.dims).toEqual([examples.length, seqLen]);
      examples.forEach((ex, b) => {
        for (const [which, tensor] of [[0, out.start_logits], [1, out.end_logits]] as const) {
          const got = Array.from((tensor.data as Float32Array).subarray(b * seqLen, b * seqLen + ex.seq.ids.length));
          const want = Array.from(qaLogits(trained.tables, trained.weights, ex.seq, which));
          got.forEach((g, t) => expect(Math.abs(g - want[t]!), `${spec.name} row ${b} pos ${t}`).toBeLessThan(1e-3));
        }
      });
      await model.dispose();
    }
  }, 60_000);
});
