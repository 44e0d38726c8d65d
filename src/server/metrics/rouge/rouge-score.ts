/**
 * A port of Google Research's `rouge-score` (google-research/google-research `rouge/`), the
 * package the `evaluate` library's rouge wraps: `tokenize.py`, `rouge_scorer.py` (`score`,
 * `score_multi`, n-gram, LCS and summary-level LCS scores) and `scoring.fmeasure`.
 */
import { porterStem } from "../porter-stemmer";

export interface Score {
  precision: number;
  recall: number;
  fmeasure: number;
}

export type RougeType = `rouge${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}` | "rougeL" | "rougeLsum";
export const ROUGE_TYPE_PATTERN = /^(rouge[1-9]|rougeL|rougeLsum)$/;

const ZERO: Score = { precision: 0, recall: 0, fmeasure: 0 };

/** `scoring.fmeasure`. */
export function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/**
 * `tokenize.tokenize`: lowercase, keep runs of [a-z0-9] (everything else, accented letters
 * included, separates tokens and is dropped), and with the stemmer stem tokens longer than 3.
 */
export class RougeTokenizer {
  private readonly cache = new Map<string, string>();
  constructor(private readonly useStemmer: boolean) {}

  tokenize(text: string): string[] {
    const tokens = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    if (!this.useStemmer) return tokens;
    return tokens.map((t) => (t.length > 3 ? this.stem(t) : t)).filter((t) => /^[a-z0-9]+$/.test(t));
  }

  private stem(token: string): string {
    let s = this.cache.get(token);
    if (s === undefined) {
      s = porterStem(token);
      this.cache.set(token, s);
    }
    return s;
  }
}

/** `RougeScorer.score(target, prediction)`. */
export function scorePair(types: readonly RougeType[], tokenizer: RougeTokenizer, target: string, prediction: string): Record<string, Score> {
  const needsTokens = types.some((t) => t !== "rougeLsum");
  const targetTokens = needsTokens ? tokenizer.tokenize(target) : [];
  const predictionTokens = needsTokens ? tokenizer.tokenize(prediction) : [];
  const result: Record<string, Score> = {};
  for (const type of types) {
    if (type === "rougeL") result[type] = scoreLcs(targetTokens, predictionTokens);
    else if (type === "rougeLsum") {
      const sentences = (text: string) => text.split("\n").filter((s) => s.length > 0).map((s) => tokenizer.tokenize(s));
      result[type] = summaryLevelLcs(sentences(target), sentences(prediction));
    } else {
      const n = Number(type.slice(5));
      result[type] = scoreNgrams(ngrams(targetTokens, n), ngrams(predictionTokens, n));
    }
  }
  return result;
}

/** `RougeScorer.score_multi`: per type, the reference with the highest F-measure (the first on ties). */
export function scoreMulti(types: readonly RougeType[], tokenizer: RougeTokenizer, targets: readonly string[], prediction: string): Record<string, Score> {
  const all = targets.map((t) => scorePair(types, tokenizer, t, prediction));
  const best: Record<string, Score> = {};
  for (const type of types) {
    let k = 0;
    for (let i = 1; i < all.length; i++) if (all[i][type].fmeasure > all[k][type].fmeasure) k = i;
    best[type] = all[k][type];
  }
  return best;
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    // Tokens are [a-z0-9]+, so a space cannot be part of one.
    const key = tokens.slice(i, i + n).join(" ");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function scoreNgrams(target: Map<string, number>, prediction: Map<string, number>): Score {
  let overlap = 0;
  let targetCount = 0;
  let predictionCount = 0;
  for (const [gram, c] of target) {
    overlap += Math.min(c, prediction.get(gram) ?? 0);
    targetCount += c;
  }
  for (const c of prediction.values()) predictionCount += c;
  const precision = overlap / Math.max(predictionCount, 1);
  const recall = overlap / Math.max(targetCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** `_lcs_table(ref, can)`: (rows + 1) x (cols + 1), row-major. */
function lcsTable(ref: readonly string[], can: readonly string[]): Int32Array {
  const cols = can.length + 1;
  const t = new Int32Array((ref.length + 1) * cols);
  for (let i = 1; i <= ref.length; i++) {
    for (let j = 1; j <= can.length; j++) {
      t[i * cols + j] =
        ref[i - 1] === can[j - 1] ? t[(i - 1) * cols + j - 1] + 1 : Math.max(t[(i - 1) * cols + j], t[i * cols + j - 1]);
    }
  }
  return t;
}

/** The last cell of `_lcs_table`, with two rows of memory. */
function lcsLength(ref: readonly string[], can: readonly string[]): number {
  let prev = new Int32Array(can.length + 1);
  let cur = new Int32Array(can.length + 1);
  for (let i = 1; i <= ref.length; i++) {
    for (let j = 1; j <= can.length; j++) {
      cur[j] = ref[i - 1] === can[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[can.length];
}

function scoreLcs(target: readonly string[], prediction: readonly string[]): Score {
  if (target.length === 0 || prediction.length === 0) return ZERO;
  const lcs = lcsLength(target, prediction);
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** `lcs_ind` = `_backtrack_norec`: indices into `ref` of one LCS, with rouge-score's tie-breaking. */
function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const t = lcsTable(ref, can);
  const cols = can.length + 1;
  const out: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (t[i * cols + j - 1] > t[(i - 1) * cols + j]) j--;
    else i--;
  }
  return out.reverse();
}

/** `_summary_level_lcs`: union LCS of each reference sentence against all candidate sentences (ROUGE 1.5.5). */
function summaryLevelLcs(refSents: readonly string[][], canSents: readonly string[][]): Score {
  if (refSents.length === 0 || canSents.length === 0) return ZERO;
  const m = refSents.reduce((a, s) => a + s.length, 0);
  const n = canSents.reduce((a, s) => a + s.length, 0);
  if (m === 0 || n === 0) return ZERO;
  const countTokens = (sents: readonly string[][]) => {
    const c = new Map<string, number>();
    for (const s of sents) for (const t of s) c.set(t, (c.get(t) ?? 0) + 1);
    return c;
  };
  const refCounts = countTokens(refSents);
  const canCounts = countTokens(canSents);
  let hits = 0;
  for (const r of refSents) {
    const union = new Set<number>();
    for (const c of canSents) for (const i of lcsIndices(r, c)) union.add(i);
    // Each token is counted at most as often as it occurs in either summary (no double counting).
    for (const i of [...union].sort((a, b) => a - b)) {
      const token = r[i];
      const inCan = canCounts.get(token) ?? 0;
      const inRef = refCounts.get(token) ?? 0;
      if (inCan > 0 && inRef > 0) {
        hits++;
        canCounts.set(token, inCan - 1);
        refCounts.set(token, inRef - 1);
      }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}
