import { benchBootstrap } from "./bootstrap";
import { printTable, type Row } from "./harness";
import { benchDatasetMemory } from "./dataset-memory";
import { benchInference } from "./inference";
import { benchQueueOverhead } from "./queue-overhead";
import { benchMetrics } from "./metrics";
import { benchPages } from "./pages";

/**
 * `npm run bench`: speed targets as ratios against straightforward implementations measured in the
 * same run (machine noise cancels out of the ratio), plus the absolute target where one is set.
 */
const suites: [string, () => Promise<Row[]>][] = [
  ["Metrics: ROUGE, seqeval, BLEU", benchMetrics],
  ["Metrics: bootstrap", benchBootstrap],
  // Units: the ms/baselineMs columns hold peak RSS in MB for this suite.
  ["Datasets: memory of a 1,000,000-row evaluation", benchDatasetMemory],
  // Ratio rows: pass when ours / baseline is at most targetRatio (3x throughput = 0.333).
  ["Inference: batched vs one at a time", benchInference],
  ["Queue: a 2,000-row evaluation through the whole product vs the bare inference loop", benchQueueOverhead],
  // Weight rows: kB vs the not-found page; time rows: ms vs the not-found page on the same `next start` (needs `next build`).
  ["Pages: weight and server response time", benchPages],
];

const only = process.argv[2];
let failed = 0;
for (const [title, run] of suites) {
  if (only && !title.toLowerCase().includes(only.toLowerCase())) continue;
  const rows = await run();
  printTable(title, rows);
  failed += rows.filter((r) => r.pass === false).length;
}
console.log(failed ? `\n${failed} target(s) missed` : "\nall targets met");
process.exit(failed ? 1 : 0);
