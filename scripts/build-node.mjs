// Bundles our TypeScript entry points for plain `node` (dependencies stay external). Running the
// worker this way instead of through tsx keeps its memory down: tsx's loader holds a transformed
// copy of every module it loads, ~120 MB more for @huggingface/transformers alone.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entries = {
  worker: "workers/index.ts",
  "bench-evaluate-split": "bench/children/evaluate-split.ts",
  "bench-naive-read": "bench/children/naive-read.ts",
};

export async function buildNode(names = Object.keys(entries)) {
  await build({
    entryPoints: Object.fromEntries(names.map((n) => [n, path.join(root, entries[n])])),
    outdir: path.join(root, "dist"),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    alias: { "@": path.join(root, "src") },
    // Project files are found from src/project-root.ts, which works from dist/ as well.
    sourcemap: true,
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildNode(process.argv.slice(2).length ? process.argv.slice(2) : undefined);
}
