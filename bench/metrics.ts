import { readFileSync } from "node:fs";
import path from "node:path";
import { mulberry32 } from "@/server/metrics/bootstrap/rng";
import { rouge } from "@/server/metrics/rouge";
import { seqeval } from "@/server/metrics/seqeval";
import { naiveBleu, naiveRouge, naiveSeqeval } from "./baselines";
import { row, time, type Row } from "./harness";

const ROOT = path.resolve(import.meta.dirname, "..");

/** A seeded, plausible "system output": the reference with some words dropped and some swapped. */
function perturb(text: string, rand: () => number): string {
  const words = text.split(" ");
  const out: string[] = [];
  for (const w of words) {
    const r = rand();
    if (r < 0.1) continue; // drop the word
    if (r < 0.2 && out.length) out.splice(out.length - 1, 0, w); // swap it with the previous word
    else out.push(w);
  }
  return out.join(" ");
}

/** 10,000 (prediction, reference) pairs built from the real SST-2 sentences and XSum summaries. */
export function textPairs(n: number): { predictions: string[]; references: string[] } {
  const sst = readFileSync(path.join(ROOT, "data/sst2/dev.tsv"), "utf8").split("\n").slice(1).filter(Boolean).map((l) => l.split("\t")[0].trim());
  const xsum = readFileSync(path.join(ROOT, "src/server/metrics/rouge/testdata/xsum-sample.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .flatMap((l) => (JSON.parse(l).document as string).split("\n"));
  const pool = [...sst, ...xsum].filter((s) => s.length > 0);
  const rand = mulberry32(7);
  const references = Array.from({ length: n }, (_, i) => pool[i % pool.length]);
  return { references, predictions: references.map((r) => perturb(r, rand)) };
}

/** ~100,000 tokens of CoNLL-2000 chunk tags (seqeval's own test data), with its predicted column. */
function tagSequences(tokens: number) {
  const lines = readFileSync(path.join(ROOT, "src/server/metrics/seqeval/fixtures/ground_truth.txt"), "utf8").split("\n");
  const refs: string[][] = [];
  const preds: string[][] = [];
  let r: string[] = [];
  let p: string[] = [];
  for (const line of lines) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4) {
      if (r.length) {
        refs.push(r);
        preds.push(p);
      }
      r = [];
      p = [];
      continue;
    }
    r.push(cols[2]);
    p.push(cols[3]);
  }
  const outRefs: string[][] = [];
  const outPreds: string[][] = [];
  let count = 0;
  for (let i = 0; count < tokens; i++) {
    outRefs.push(refs[i % refs.length]);
    outPreds.push(preds[i % preds.length]);
    count += refs[i % refs.length].length;
  }
  return { predictions: outPreds, references: outRefs, tokens: count };
}

export async function benchMetrics(): Promise<Row[]> {
  const rows: Row[] = [];
  const pairs = textPairs(10_000);
  const rougeArgs = rouge.argsSchema.parse({});
  rows.push(
    row(
      "ROUGE 1/2/L/Lsum, 10,000 pairs",
      await time("rouge", () => rouge.compute(pairs.predictions, pairs.references, rougeArgs), { runs: 3 }),
      await time("naive rouge", () => naiveRouge(pairs.predictions, pairs.references), { runs: 3 }),
      2000,
    ),
  );
  const tags = tagSequences(100_000);
  const seqArgs = seqeval.argsSchema.parse({});
  rows.push(
    row(
      `seqeval, ${tags.tokens.toLocaleString("en")} tokens`,
      await time("seqeval", () => seqeval.compute(tags.predictions, tags.references, seqArgs), { runs: 3 }),
      await time("naive seqeval", () => naiveSeqeval(tags.predictions, tags.references), { runs: 3 }),
      2000,
    ),
  );
  const bleu = await import("@/server/metrics/sacrebleu").catch(() => null);
  if (bleu) {
    const refs = pairs.references.map((r) => [r]);
    const args = bleu.sacrebleu.argsSchema.parse({});
    rows.push(
      row(
        "sacreBLEU (13a), 10,000 pairs",
        await time("bleu", () => bleu.sacrebleu.compute(pairs.predictions, refs, args), { runs: 3 }),
        await time("naive bleu", () => naiveBleu(pairs.predictions, pairs.references), { runs: 3 }),
        2000,
      ),
    );
  }
  return rows;
}
