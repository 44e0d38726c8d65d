import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { seedHub } from "@/cli/hub-commands";
import { startLocalHub } from "@/localhub/server";
import { SST2_HF_FEATURES } from "@/seed/parquet";
import type { Row } from "./harness";

const ROOT = path.resolve(import.meta.dirname, "..");
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

/** Runs a child process and samples its resident memory from /proc every 50 ms; returns the peak. */
function runMeasured(args: string[]): Promise<{ peakMb: number; stdout: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // Bundled scripts under plain node, as the worker runs (scripts/build-node.mjs).
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    let peak = 0;
    child.stdout.on("data", (d) => (stdout += d));
    const timer = setInterval(async () => {
      try {
        const status = await readFile(`/proc/${child.pid}/status`, "utf8");
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? /VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peak = Math.max(peak, kb);
      } catch {
        // exited
      }
    }, 50);
    child.on("exit", (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${args.join(" ")} exited with ${code}`));
      else resolve({ peakMb: Math.round(peak / 1024), stdout, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

/**
 * A 1,000,000-row split in 50,000-row row groups: real SST-2 sentences, cycled, each made unique by
 * its row number so parquet's dictionary encoding cannot shrink the file to one copy of each.
 */
async function bigSplit(dir: string): Promise<Uint8Array> {
  const tsv = await readFile(path.join(ROOT, "data/sst2/dev.tsv"), "utf8");
  const rows = tsv.split("\n").slice(1).filter(Boolean).map((l) => l.split("\t"));
  const sentence = Array.from({ length: ROWS }, (_, i) => `${rows[i % rows.length][0].trim()} ${i}`);
  const label = BigInt64Array.from({ length: ROWS }, (_, i) => BigInt(Number(rows[i % rows.length][1])));
  void dir;
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: "sentence", data: sentence, type: "STRING" },
        { name: "label", data: label, type: "INT64" },
      ],
      rowGroupSize: 50_000,
      kvMetadata: [{ key: "huggingface", value: JSON.stringify(SST2_HF_FEATURES) }],
    }),
  );
}

export async function benchDatasetMemory(): Promise<Row[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalhub-bench-"));
  try {
    await seedHub(dir, () => {});
    const hub = await startLocalHub({ dir, port: 0 });
    const ref = { type: "dataset" as const, name: "bench/sst2-million" };
    await hub.store.createRepo(ref);
    const parquet = await bigSplit(dir);
    await hub.store.commit({ repo: ref, message: "1M rows", files: [{ path: "data/validation-00000-of-00001.parquet", content: parquet }] });
    console.log(`  split: ${ROWS.toLocaleString("en")} rows, ${(parquet.length / 1e6).toFixed(1)} MB parquet; evaluating (this takes a few minutes)…`);
    // @ts-expect-error: a plain .mjs build script without types
    const { buildNode } = await import("../scripts/build-node.mjs");
    await buildNode(["bench-evaluate-split", "bench-naive-read"]);
    // The same V8 heap cap as `npm run worker`: without it V8 defers major GCs and RSS drifts up.
    const ours = await runMeasured(["--max-old-space-size=160", "dist/bench-evaluate-split.mjs", hub.url, ref.name, "evalhub-demo/sst2-bow-base", path.join(dir, ".cache")]);
    const naive = await runMeasured(["dist/bench-naive-read.mjs", `${hub.url}/datasets/${ref.name}/resolve/main/data/validation-00000-of-00001.parquet`]);
    await hub.close();
    const summary = JSON.parse(ours.stdout);
    console.log(`  evaluation: ${JSON.stringify(summary)}`);
    return [
      {
        case: `evaluate ${ROWS.toLocaleString("en")}-row split in a worker process: peak RSS MB (baseline: read the split at once, no inference)`,
        ms: ours.peakMb,
        baselineMs: naive.peakMb,
        ratio: Math.round((ours.peakMb / naive.peakMb) * 1000) / 1000,
        targetMs: 300,
        pass: ours.peakMb < 300,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
