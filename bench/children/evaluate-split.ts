/**
 * Child process of the memory benchmark: the worker's evaluation pipeline (prepare, stream the
 * split through the model, score with intervals) on one split, then prints a JSON summary.
 */
import { computeResults } from "@/server/evaluations/compute-results";
import { prepareDataset, prepareModel } from "@/server/evaluations/prepare-evaluation";
import { runInference } from "@/server/evaluations/run-inference";

const [hubUrl, dataset, model, cacheDir] = process.argv.slice(2);
const hub = { hubUrl };
const columnMapping = { text: "sentence", target: "label" };
const t0 = performance.now();
const ds = await prepareDataset({ hub, dataset, config: "default", split: "validation", task: "text-classification", columnMapping });
const prepared = await prepareModel({ hub, dataset: ds, task: "text-classification", columnMapping, model });
const mb = (x: number) => Math.round(x / 1048576);
let nextReport = 0;
const out = await runInference({
  hub,
  prepared,
  batchSize: 128,
  cacheDir,
  // BENCH_TRACE=1 prints memory as the split streams through (where does it grow?).
  onProgress: (done, total) => {
    if (!process.env.BENCH_TRACE || done < nextReport) return;
    nextReport += total / 10;
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    console.error(`  ${done}/${total} rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}`);
  },
});
const results = computeResults(out.predictions, ["accuracy", "f1"]);
console.log(
  JSON.stringify({
    rows: out.rowsRead,
    scored: out.predictions.length,
    seconds: (performance.now() - t0) / 1000,
    examplesPerSecond: out.timings.examplesPerSecond,
    results: Object.fromEntries(results.map((r) => [r.metric, r.value])),
    resamples: results[0].bootstrap?.resamples,
  }),
);
process.exit(0);
