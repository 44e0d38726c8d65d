import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { seedHub } from "@/cli/hub-commands";
import { startLocalHub } from "@/localhub/server";
import { lengthBuckets } from "@/server/evaluations/length-buckets";
import { loadTextClassifier, type TextClassifier } from "@/server/inference/text-classifier";
import { printTable, type Row } from "./harness";

const ROOT = path.resolve(import.meta.dirname, "..");

/** The demo models: a real (tiny) transformer, and a bag-of-words model whose graph is one MatMul. */
export const BENCH_MODELS = ["evalhub-demo/tiny-distilbert-sst2", "evalhub-demo/sst2-bow-base"] as const;
/** The worker's defaults (EVAL_BATCH_SIZE, INFERENCE_THREADS in src/env.ts). */
export const WORKER_BATCH_SIZE = 32;
export const BENCH_THREADS = Number(process.env.BENCH_THREADS ?? 1);
const EXAMPLES = 2000;
/** Rows sorted together before batching: 8 batches, as runInference could buffer. */
const SORT_WINDOW = WORKER_BATCH_SIZE * 8;

/** A ratio target: the row passes when `ratio` (ours / baseline) is at most `targetRatio`. */
export type RatioRow = Row & { targetRatio?: number; cpuRatio?: number };

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** `n` real SST-2 dev sentences with their labels, cycled (872 distinct sentences). */
export async function sst2Examples(n: number): Promise<{ sentence: string; label: number }[]> {
  const tsv = await readFile(path.join(ROOT, "data/sst2/dev.tsv"), "utf8");
  const rows = tsv.split("\n").slice(1).filter(Boolean).map((l) => l.split("\t"));
  return Array.from({ length: n }, (_, i) => ({ sentence: rows[i % rows.length][0].trim(), label: Number(rows[i % rows.length][1]) }));
}

/** A local hub over a temp folder seeded with the demo content, on an ephemeral port. */
export async function startBenchHub() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalhub-bench-"));
  await seedHub(dir, () => {});
  const hub = await startLocalHub({ dir, port: 0 });
  return {
    dir,
    url: hub.url,
    store: hub.store,
    cacheDir: path.join(dir, ".model-cache"),
    async sha(model: string): Promise<string> {
      const res = await fetch(`${hub.url}/api/models/${model}`);
      return ((await res.json()) as { sha: string }).sha;
    },
    async close() {
      await hub.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Measured {
  wallMs: number;
  cpuMs: number;
}

/**
 * Runs every case once to warm up, then `rounds` rounds of all cases in turn (so a burst of load
 * from elsewhere on the machine hits every case alike), and keeps each case's median wall-clock
 * and process CPU time. A case that returns a `Measured` has timed itself (to leave its setup out).
 */
export async function interleaved<K extends string>(cases: Record<K, () => Promise<unknown>>, rounds = 3): Promise<Record<K, Measured & { runs: number[] }>> {
  const keys = Object.keys(cases) as K[];
  for (const k of keys) await cases[k]();
  const wall = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const cpu = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) {
    for (const k of keys) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const own = (await cases[k]()) as Partial<Measured> | undefined;
      const c = process.cpuUsage(c0);
      wall[k].push(own?.wallMs ?? performance.now() - t0);
      cpu[k].push(own?.cpuMs ?? (c.user + c.system) / 1000);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return Object.fromEntries(keys.map((k) => [k, { wallMs: median(wall[k]), cpuMs: median(cpu[k]), runs: wall[k].map(Math.round) }])) as Record<
    K,
    Measured & { runs: number[] }
  >;
}

export function ratioRow(name: string, ours: Measured, baseline: Measured, targetRatio?: number): RatioRow {
  const ratio = ours.wallMs / baseline.wallMs;
  return {
    case: name,
    ms: Math.round(ours.wallMs),
    baselineMs: Math.round(baseline.wallMs),
    ratio: round3(ratio),
    targetRatio: targetRatio === undefined ? undefined : round3(targetRatio),
    pass: targetRatio === undefined ? undefined : ratio <= targetRatio,
    // The same ratio in process CPU time: steadier than wall-clock when the machine is busy.
    cpuRatio: round3(ours.cpuMs / baseline.cpuMs),
  };
}

/** classify() over all texts, `batchSize` at a time, in the given order. */
async function inOrder(classifier: TextClassifier, texts: string[], batchSize: number) {
  for (let i = 0; i < texts.length; i += batchSize) await classifier.classify(texts.slice(i, i + batchSize));
}

/** classify() over windows of SORT_WINDOW texts, each cut into length-sorted batches, as runInference does. */
async function lengthSorted(classifier: TextClassifier, texts: string[], batchSize: number) {
  for (let i = 0; i < texts.length; i += SORT_WINDOW) {
    const window = texts.slice(i, i + SORT_WINDOW);
    for (const batch of lengthBuckets(window.map((t) => t.length), batchSize)) await classifier.classify(batch.map((j) => window[j]));
  }
}

/**
 * Local batched inference against one example at a time, on the same model, texts and threads.
 * The model is loaded once beforehand: only classify() (tokenizer plus ONNX session) is timed.
 */
export async function benchInference(): Promise<Row[]> {
  const hub = await startBenchHub();
  const rows: RatioRow[] = [];
  try {
    const texts = (await sst2Examples(EXAMPLES)).map((e) => e.sentence);
    console.log(`  ${EXAMPLES.toLocaleString("en")} SST-2 sentences, batch size ${WORKER_BATCH_SIZE}, ${BENCH_THREADS} ONNX Runtime thread(s), median of 3`);
    for (const model of BENCH_MODELS) {
      const revision = await hub.sha(model);
      const load = () => loadTextClassifier({ hub: { hubUrl: hub.url }, model, revision, cacheDir: hub.cacheDir, threads: BENCH_THREADS });
      // Each timed run gets a freshly loaded classifier (cold tokenizer word cache, as at the start
      // of an evaluation); only classify() is timed.
      const timed = (run: (c: TextClassifier) => Promise<void>) => async (): Promise<Measured> => {
        const classifier = await load();
        try {
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          await run(classifier);
          const c = process.cpuUsage(c0);
          return { wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
        } finally {
          await classifier.dispose();
        }
      };
      // Loading once points transformers.js at the local hub (and fills the model cache).
      await (await load()).dispose();
      const tf = await import("@huggingface/transformers");
      // The straightforward way: transformers.js' own pipeline, called once per text.
      const pipe = await tf.pipeline("text-classification", model, { revision, dtype: "fp32", session_options: { intraOpNumThreads: BENCH_THREADS, interOpNumThreads: 1 } });
      try {
        const m = await interleaved({
          pipeline: async () => {
            for (const t of texts) await pipe(t);
          },
          single: timed((c) => inOrder(c, texts, 1)),
          batched: timed((c) => inOrder(c, texts, WORKER_BATCH_SIZE)),
          sorted: timed((c) => lengthSorted(c, texts, WORKER_BATCH_SIZE)),
        });
        const name = model.split("/")[1];
        // ratio = ours / one at a time; at least 3x the throughput means at most 1/3.
        rows.push(ratioRow(`${name}: EvalHub's loop (batches of ${WORKER_BATCH_SIZE}, length-sorted windows of ${SORT_WINDOW}) vs transformers.js pipeline, 1 text per call`, m.sorted, m.pipeline, 1 / 3));
        // Informative: batching alone, with the tokenizer work both sides share (40-90 µs per text) left in.
        rows.push(ratioRow(`${name}: EvalHub's loop vs its own classify() at batch size 1 (informative)`, m.sorted, m.single));
        rows.push(ratioRow(`${name}: batches of ${WORKER_BATCH_SIZE} in dataset order vs classify() at batch size 1 (informative)`, m.batched, m.single));
      } finally {
        await pipe.dispose();
      }
    }
  } finally {
    await hub.close();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await benchInference();
  printTable("Inference: batched vs one at a time", rows);
  process.exit(0);
}
