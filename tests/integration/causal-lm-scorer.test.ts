import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "@/localhub";
import { buildCausalLmDemoRepos, CAUSAL_LM_SPECS, SST2_ZERO_SHOT_ID } from "@/seed/causal-lm";
import type { DemoRepo } from "@/seed/demo-content";
import { describeFeature } from "@/server/datasets/features";
import { openSplit, readSplitRows } from "@/server/datasets/read-split-rows";
import { resolveSplit } from "@/server/datasets/resolve-split";
import type { HubConfig } from "@/server/hub/hub-config";
import { resolveRepo } from "@/server/hub/resolve-repo";
import { loadCausalLmScorer, pickClass, type CausalLmScorer, type CompletionScore } from "@/server/inference/causal-lm-scorer";
import { METRICS } from "@/server/metrics";

/**
 * The original tool's zero-shot form end to end: the demo dataset and causal LMs on the local hub,
 * read and run through the same code production uses (HTTP range reads, transformers.js + ONNX).
 */
let hub: TestHub;
let hubConfig: HubConfig;
let cacheDir: string;
let repos: DemoRepo[];
type Row = { text: string; classes: string[]; target: number };
let rows: Row[];
const [TINY, BASE] = CAUSAL_LM_SPECS.map((s) => s.name) as [string, string];
const scorers = new Map<string, CausalLmScorer>();

async function scorer(model: string): Promise<CausalLmScorer> {
  let s = scorers.get(model);
  if (!s) {
    const { sha } = await resolveRepo({ hub: hubConfig, type: "model", name: model });
    s = await loadCausalLmScorer({ hub: hubConfig, model, revision: sha, cacheDir });
    scorers.set(model, s);
  }
  return s;
}

beforeAll(async () => {
  hub = await startTestHub();
  hubConfig = { hubUrl: hub.url, accessToken: hub.accessToken };
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "causal-lm-cache-"));
  repos = await buildCausalLmDemoRepos();
  for (const repo of repos) {
    await hub.store.createRepo({ type: repo.type, name: repo.name });
    await hub.store.commit({ repo: { type: repo.type, name: repo.name }, message: "Add demo content", files: repo.files, author: "evalhub-demo" });
  }
  const dataset = await resolveRepo({ hub: hubConfig, type: "dataset", name: SST2_ZERO_SHOT_ID });
  const opts = { hub: hubConfig, dataset: dataset.name, revision: dataset.sha, layout: resolveSplit(dataset, "default", "validation") };
  rows = [];
  for await (const batch of readSplitRows(opts)) {
    for (const r of batch) rows.push({ text: r.text as string, classes: r.classes as string[], target: Number(r.target) });
  }
});
afterAll(async () => {
  for (const s of scorers.values()) await s.dispose();
  await hub?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

const items = (subset: Row[]) => subset.map((r) => ({ prompt: r.text, completions: r.classes }));

describe("sst2-zero-shot with the demo causal LMs", () => {
  it("reads the dataset's prompts, class lists and targets over HTTP", async () => {
    const dataset = await resolveRepo({ hub: hubConfig, type: "dataset", name: SST2_ZERO_SHOT_ID });
    const opened = await openSplit({ hub: hubConfig, dataset: dataset.name, revision: dataset.sha, layout: resolveSplit(dataset, "default", "validation") });
    expect(opened.format).toBe("parquet");
    expect(Object.fromEntries(Object.entries(opened.flatFeatures).map(([k, f]) => [k, describeFeature(f)]))).toMatchObject({ text: "string", target: "int64" });
    expect(opened.flatFeatures.classes).toEqual({ kind: "sequence", feature: { kind: "value", dtype: "string" } });
    expect(rows).toHaveLength(400);
    expect(rows[0]!.text).toMatch(/^Review: .+\nSentiment:$/s);
    expect(rows.every((r) => r.classes.join("|") === " negative| positive" && (r.target === 0 || r.target === 1))).toBe(true);
  });

  it("the two models score clearly different accuracies through transformers.js", async () => {
    const accuracies: Record<string, number> = {};
    for (const model of [TINY, BASE]) {
      const s = await scorer(model);
      expect(s.runner).toMatchObject({ name: "local", dtype: "fp32", maxLength: 128 });
      const scores: CompletionScore[][] = [];
      for (let i = 0; i < rows.length; i += 100) scores.push(...(await s.score(items(rows.slice(i, i + 100)))));
      expect(scores.flat().every((c) => c.tokens === 1 && !c.truncated && c.logprob < 0)).toBe(true);
      const predictions = scores.map((c) => pickClass(c, { normalize: "none" }));
      // One token per class: normalising by length changes nothing here.
      expect(scores.map((c) => pickClass(c, { normalize: "tokens" }))).toEqual(predictions);
      const result = METRICS.accuracy.compute(predictions, rows.map((r) => r.target), METRICS.accuracy.defaultArgs);
      accuracies[model] = result.accuracy as number;
    }
    console.log("zero-shot accuracy on sst2-zero-shot validation:", accuracies);
    expect(accuracies[BASE]! - accuracies[TINY]!).toBeGreaterThan(0.08);
    expect(accuracies[BASE]).toBeGreaterThan(0.7);
    expect(accuracies[TINY]).toBeGreaterThan(0.55);
  });

  it("is causal: a two-part completion scores the sum of its parts (chain rule)", async () => {
    const s = await scorer(BASE);
    for (const row of rows.slice(0, 5)) {
      const [[whole], [first], [second]] = await s.score([
        { prompt: row.text, completions: [" positive , a great film ."] },
        { prompt: row.text, completions: [" positive"] },
        { prompt: `${row.text} positive`, completions: [" , a great film ."] },
      ]);
      expect(whole!.tokens).toBe(first!.tokens + second!.tokens);
      expect(whole!.logprob).toBeCloseTo(first!.logprob + second!.logprob, 4);
    }
  });

  it("scores a padded batch exactly like one item at a time, and the same on every run", async () => {
    const s = await scorer(BASE);
    const subset = rows.slice(0, 12);
    // Mixed lengths, so most sequences in the batch are padded.
    const batchItems = [...items(subset), { prompt: subset[0]!.text, completions: [" negative and dull", " positive"] }];
    const batched = await s.score(batchItems);
    for (const [i, item] of batchItems.entries()) {
      const [alone] = await s.score([item]);
      alone!.forEach((c, j) => {
        expect(batched[i]![j]!.tokens).toBe(c.tokens);
        expect(batched[i]![j]!.logprob).toBeCloseTo(c.logprob, 5);
      });
    }
    expect(await s.score(batchItems)).toEqual(batched);
  });

  it("cuts an over-long prompt from the left and says so", async () => {
    const s = await scorer(BASE);
    const long = `Review: ${"a truly wonderful , moving and funny film . ".repeat(30)}\nSentiment:`;
    const [[neg, pos], [short]] = await s.score([
      { prompt: long, completions: [" negative", " positive"] },
      { prompt: rows[0]!.text, completions: [" positive"] },
    ]);
    expect(neg).toMatchObject({ tokens: 1, truncated: true });
    expect(pos).toMatchObject({ tokens: 1, truncated: true });
    expect(Number.isFinite(pos!.logprob)).toBe(true);
    // The surviving (right-hand) part of the review is still glowing.
    expect(pos!.logprob).toBeGreaterThan(neg!.logprob);
    expect(short!.truncated).toBe(false);
  });

  it("downloads exactly the bytes the seed built", async () => {
    await scorer(TINY);
    const { sha } = await resolveRepo({ hub: hubConfig, type: "model", name: TINY });
    const built = repos.find((r) => r.name === TINY)!.files.find((f) => f.path === "onnx/model.onnx")!.content;
    // transformers.js caches a pinned revision under {model}/{revision}/{file}.
    const cached = await readFile(path.join(cacheDir, TINY, sha, "onnx/model.onnx"));
    expect(Buffer.from(built).equals(cached)).toBe(true);
  });

});
