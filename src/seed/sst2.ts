import { readFileSync } from "node:fs";

/** One SST-2 row as the demo dataset stores it (column names follow HF `glue/sst2`). */
export type Sst2Row = {
  /** Row index in the original GLUE SST-2 validation file (0-based, HF `glue/sst2` order). */
  idx: number;
  sentence: string;
  /** ClassLabel id: 0 negative, 1 positive. */
  label: 0 | 1;
};

export type Sst2Splits = { train: Sst2Row[]; validation: Sst2Row[] };

export const SST2_LABELS = ["negative", "positive"] as const;

/** The split is part of the demo's identity: changing the seed changes every model and number. */
export const SST2_SPLIT_SEED = 20220629;
export const SST2_VALIDATION_SIZE = 400;

/** The copy of GLUE SST-2 dev inside the repository, resolved from this file so any cwd works. */
export const SST2_TSV_URL = new URL("../../data/sst2/dev.tsv", import.meta.url);
export const SST2_SOURCE_URL = new URL("../../data/sst2/SOURCE.txt", import.meta.url);

/** Parses the `text<TAB>label` TSV; the file's rows end with " " before the tab, which we trim. */
export function parseSst2Tsv(tsv: string): Sst2Row[] {
  const lines = tsv.split("\n").filter((line) => line.length > 0);
  if (lines[0] !== "text\tlabel") throw new Error(`unexpected SST-2 header: ${JSON.stringify(lines[0])}`);
  return lines.slice(1).map((line, idx) => {
    const tab = line.lastIndexOf("\t");
    const label = Number(line.slice(tab + 1));
    if (tab < 0 || (label !== 0 && label !== 1)) throw new Error(`bad SST-2 row ${idx}: ${JSON.stringify(line)}`);
    return { idx, sentence: line.slice(0, tab).trimEnd(), label };
  });
}

export function readSst2Dev(url: URL = SST2_TSV_URL): Sst2Row[] {
  return parseSst2Tsv(readFileSync(url, "utf8"));
}

/**
 * mulberry32: a tiny 32-bit PRNG. We need a generator that is identical on every platform and
 * Node version (Math.random is neither seedable nor specified), not a statistically strong one.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export type SplitOptions = { seed?: number; validationSize?: number };

/**
 * Stratified seeded split: each label keeps its share in `validation` (rounded), so accuracy on
 * validation is not skewed by the split. Rows stay in original `idx` order within each split.
 */
export function splitSst2(rows: readonly Sst2Row[], opts: SplitOptions = {}): Sst2Splits {
  const seed = opts.seed ?? SST2_SPLIT_SEED;
  const validationSize = opts.validationSize ?? SST2_VALIDATION_SIZE;
  const random = mulberry32(seed);
  const validationIdx = new Set<number>();
  const positives = rows.filter((r) => r.label === 1);
  const negatives = rows.filter((r) => r.label === 0);
  const positiveShare = Math.round((validationSize * positives.length) / rows.length);
  for (const [group, take] of [[negatives, validationSize - positiveShare], [positives, positiveShare]] as const) {
    for (const row of shuffled(group, random).slice(0, take)) validationIdx.add(row.idx);
  }
  return {
    train: rows.filter((r) => !validationIdx.has(r.idx)),
    validation: rows.filter((r) => validationIdx.has(r.idx)),
  };
}

/** Convenience: the demo's fixed split of the repository's SST-2 copy. */
export function loadSst2Splits(opts: SplitOptions = {}): Sst2Splits {
  return splitSst2(readSst2Dev(), opts);
}
