import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENERATION_HANDLERS } from "@/inference-stub/generation-handlers";
import { startInferenceStub, type InferenceStub } from "@/inference-stub";
import { startTestHub, type TestHub } from "@/localhub";
import { buildGenerationDemoRepos } from "@/seed/generation";
import { openSplit, readSplitRows } from "@/server/datasets/read-split-rows";
import { resolveSplit } from "@/server/datasets/resolve-split";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo } from "@/server/hub/resolve-repo";
import { createRemoteRunner } from "@/server/inference/remote";
import { METRICS } from "@/server/metrics";

/**
 * Summarization and translation through the real remote path: the demo datasets read from the
 * local hub over HTTP, predictions from the inference stub through @huggingface/inference
 * (createRemoteRunner), scores from the project's metrics.
 */
let hub: TestHub;
let cfg: HubConfig;
let stub: InferenceStub;

beforeAll(async () => {
  hub = await startTestHub();
  cfg = { hubUrl: hub.url, accessToken: hub.accessToken };
  for (const repo of await buildGenerationDemoRepos()) {
    await hub.store.createRepo({ type: repo.type, name: repo.name });
    await hub.store.commit({ repo: { type: repo.type, name: repo.name }, message: "Demo content", files: repo.files, author: "evalhub-demo" });
  }
  stub = await startInferenceStub({ handlers: GENERATION_HANDLERS });
});
afterAll(async () => {
  await stub?.close();
  await hub?.close();
});

async function readColumns(dataset: string, config: string, split: string, columns: string[]) {
  const repo = await resolveRepo({ hub: cfg, type: "dataset", name: dataset });
  const layout = resolveSplit(repo, config, split);
  const opts = { hub: cfg, dataset: repo.name, revision: repo.sha, layout, columns };
  const opened = await openSplit(opts);
  const rows: Record<string, unknown>[] = [];
  for await (const batch of readSplitRows(opts, opened)) rows.push(...batch);
  return { opened, rows: rows as Record<string, string>[] };
}

function runner(model: string) {
  return createRemoteRunner({ model, endpoints: { [model]: { endpointUrl: stub.endpointUrl(model) } }, concurrency: 2, timeoutMs: 10_000, maxRetries: 0 });
}

const rouge = (predictions: string[], references: string[]) => {
  const out = METRICS.rouge.compute(predictions, references, METRICS.rouge.defaultArgs) as Record<string, number>;
  return { rouge1: out.rouge1!, rouge2: out.rouge2!, rougeL: out.rougeL! };
};
const bleu = (predictions: string[], references: string[]) =>
  (METRICS.sacrebleu.compute(predictions, references.map((r) => [r]), METRICS.sacrebleu.defaultArgs) as { score: number }).score;
const chrf = (predictions: string[], references: string[]) =>
  (METRICS.chrf.compute(predictions, references.map((r) => [r]), METRICS.chrf.defaultArgs) as { score: number }).score;

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;
const report = (line: string) => console.log(`[generation-remote] ${line}`);

describe("summarization through the remote runner", () => {
  it("scores lead-sentence clearly above first-words on the XSum sample", async () => {
    const { opened, rows } = await readColumns("evalhub-demo/xsum-sample", "default", "validation", ["document", "summary"]);
    expect(opened.format).toBe("parquet");
    expect(rows).toHaveLength(10);
    const documents = rows.map((r) => r.document!);
    const references = rows.map((r) => r.summary!);
    const parameters = { truncation: "only_first" as const, generate_parameters: { max_new_tokens: 60, num_beams: 4 } };

    const lead = await runner("evalhub-demo/summarize-lead-sentence").summarization(documents, parameters);
    const first = await runner("evalhub-demo/summarize-first-words").summarization(documents, parameters);
    const good = rouge(lead, references);
    const weak = rouge(first, references);
    report(`summarize-lead-sentence ${JSON.stringify(good)}`);
    report(`summarize-first-words   ${JSON.stringify(weak)}`);
    expect(good.rouge1).toBeGreaterThan(0.1);
    expect(good.rouge1).toBeGreaterThan(1.5 * weak.rouge1);
    expect(good.rougeL).toBeGreaterThan(1.5 * weak.rougeL);
    expect(good.rouge2).toBeGreaterThanOrEqual(weak.rouge2);

    // The parameters reached the server as the Inference API sends them.
    const sent = stub.requestsFor("evalhub-demo/summarize-lead-sentence")[0]!.json as { parameters: unknown };
    expect(sent.parameters).toEqual(parameters);
  });

  it("honours max_new_tokens: outputs are cut to that many words", async () => {
    const { rows } = await readColumns("evalhub-demo/xsum-sample", "default", "validation", ["document"]);
    const documents = rows.map((r) => r.document!);
    const model = runner("evalhub-demo/summarize-lead-sentence");
    const full = await model.summarization(documents);
    const cut = await model.summarization(documents, { generate_parameters: { max_new_tokens: 5 } });
    expect(Math.max(...full.map(wordCount))).toBeGreaterThan(5);
    cut.forEach((c, i) => expect(c).toBe(full[i]!.split(/\s+/).slice(0, 5).join(" ")));
  });
});

describe("translation through the remote runner", () => {
  it("scores the learned lexicon clearly above copying the source on the WMT16 en-ro test split", async () => {
    const { opened, rows } = await readColumns("evalhub-demo/wmt16-en-ro", "ro-en", "test", ["translation.en", "translation.ro"]);
    expect(opened.columns).toEqual(new Set(["translation", "translation.ro", "translation.en"]));
    expect(rows).toHaveLength(10);
    const sources = rows.map((r) => r["translation.en"]!);
    const references = rows.map((r) => r["translation.ro"]!);
    const parameters = { src_lang: "en", tgt_lang: "ro", generate_parameters: { max_new_tokens: 400, num_beams: 5 } };

    const lexicon = await runner("evalhub-demo/translate-en-ro-lexicon").translation(sources, parameters);
    const copy = await runner("evalhub-demo/translate-copy").translation(sources, parameters);
    expect(copy).toEqual(sources);
    const good = { bleu: bleu(lexicon, references), chrf: chrf(lexicon, references) };
    const weak = { bleu: bleu(copy, references), chrf: chrf(copy, references) };
    report(`translate-en-ro-lexicon ${JSON.stringify(good)}`);
    report(`translate-copy          ${JSON.stringify(weak)}`);
    expect(good.bleu).toBeGreaterThan(1.5 * weak.bleu);
    expect(good.chrf).toBeGreaterThan(weak.chrf + 4);
  });

  it("honours max_new_tokens and answers byte-identically on repeated runs", async () => {
    const { rows } = await readColumns("evalhub-demo/wmt16-en-ro", "ro-en", "test", ["translation.en"]);
    const sources = rows.map((r) => r["translation.en"]!);
    const model = runner("evalhub-demo/translate-en-ro-lexicon");
    const cut = await model.translation(sources, { generate_parameters: { max_new_tokens: 12 } });
    expect(cut.every((t) => wordCount(t) === 12)).toBe(true);
    const a = await model.translation(sources, { src_lang: "en_XX", tgt_lang: "ro_RO" });
    const b = await runner("evalhub-demo/translate-en-ro-lexicon").translation(sources, { src_lang: "en_XX", tgt_lang: "ro_RO" });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    cut.forEach((c, i) => expect(c).toBe(a[i]!.split(/\s+/).slice(0, 12).join(" ")));
  });

  it("surfaces the stub's 400 for a language pair the model does not translate", async () => {
    const model = runner("evalhub-demo/translate-en-ro-lexicon");
    await expect(model.translation(["Hello"], { src_lang: "en", tgt_lang: "de" })).rejects.toThrow(/English to Romanian only/);
  });
});
