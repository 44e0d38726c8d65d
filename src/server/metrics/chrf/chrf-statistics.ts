import { PairInterner, codePoints, pyRemoveWhitespace, pySplit } from "../sacrebleu-tokenizers";

export interface ChrfOptions {
  charOrder: number;
  wordOrder: number;
  beta: number;
  lowercase: boolean;
  whitespace: boolean;
  epsSmoothing: boolean;
}

/** `string.punctuation`, which chrF++ splits off word edges. */
const PUNCTS = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
const CHAR_ROOT = 0;
const WORD_ROOT = -1;

/**
 * sacreBLEU's `CHRF._remove_punctuation` (from Popović's chrF++.py): one punctuation mark is split
 * off the end of a word, or else off its start ('(hi)' gives '(hi' and ')', sacreBLEU issue #124).
 */
export function chrfWords(sent: string): string[] {
  const out: string[] = [];
  for (const w of pySplit(sent)) {
    // A one-code-point word stays whole; an astral one is two UTF-16 units but never punctuation.
    if (w.length === 1) out.push(w);
    else if (PUNCTS.has(w[w.length - 1])) out.push(w.slice(0, -1), w[w.length - 1]);
    else if (PUNCTS.has(w[0])) out.push(w[0], w.slice(1));
    else out.push(w);
  }
  return out;
}

/**
 * sacreBLEU's `CHRF._compute_f_score` on `[hyp, ref, match]` triples, one per order, in the same
 * floating-point operation order. Without eps smoothing it averages precision and recall over the
 * orders where both sides have n-grams (sacreBLEU's default, as in < 2.0).
 */
export function chrfScore(stats: ArrayLike<number>, beta: number, order: number, epsSmoothing: boolean): number {
  const eps = 1e-16;
  let score = 0.0;
  let effectiveOrder = 0;
  const factor = beta ** 2;
  let avgPrec = 0.0;
  let avgRec = 0.0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i];
    const nRef = stats[3 * i + 1];
    const nMatch = stats[3 * i + 2];
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder++;
    }
  }
  if (epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) {
    avgPrec = avgRec = 0.0;
  } else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec) {
    let s = (1 + factor) * avgPrec * avgRec;
    s /= factor * avgPrec + avgRec;
    return 100 * s;
  }
  return 0.0;
}

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (a.length > need) return a;
  let len = a.length * 2;
  while (len <= need) len *= 2;
  const b = new Int32Array(len);
  b.set(a);
  return b;
}

/** One side's n-grams: ids for every occurrence, orders 1..charOrder then 1..wordOrder. */
interface Side {
  /** Occurrence ids, order by order. 0 = an n-gram absent from every reference. */
  occ: Int32Array;
  /** occ[start[k] .. start[k+1]) holds the occurrences of order k (chars first, then words). */
  start: Int32Array;
}

/**
 * Per-example chrF statistics, `3 × (charOrder + wordOrder)` numbers per row: for each order the
 * hypothesis n-gram count, reference n-gram count and clipped matches, taken from the reference
 * whose sentence-level chrF is highest (the first one on ties), as sacreBLEU does.
 */
export function chrfStatistics(hyps: readonly string[], refs: readonly string[][], o: ChrfOptions): Float64Array {
  const order = o.charOrder + o.wordOrder;
  const W = 3 * order;
  const data = new Float64Array(hyps.length * W);
  const vocab = new Map<string, number>();
  const interner = new PairInterner(4096);
  let cnt = new Int32Array(1024);
  let used = new Int32Array(1024);
  let prev = new Int32Array(256);
  const stats = new Float64Array(W);

  const side = (raw: string, create: boolean): Side => {
    const sent = o.lowercase ? raw.toLowerCase() : raw;
    const chars = codePoints(o.whitespace ? sent : pyRemoveWhitespace(sent));
    let words: Int32Array = new Int32Array(0);
    if (o.wordOrder > 0) {
      const toks = chrfWords(sent);
      words = new Int32Array(toks.length);
      for (let i = 0; i < toks.length; i++) {
        let id = vocab.get(toks[i]);
        if (id === undefined) {
          if (!create) continue; // stays 0: no reference has this word
          vocab.set(toks[i], (id = vocab.size + 1));
        }
        words[i] = id;
      }
    }
    const count = (L: number, maxN: number) => {
      let s = 0;
      for (let n = 1; n <= maxN; n++) s += Math.max(0, L - n + 1);
      return s;
    };
    const occ = new Int32Array(count(chars.length, o.charOrder) + count(words.length, o.wordOrder));
    const start = new Int32Array(order + 1);
    let k = 0;
    let ord = 0;
    const walk = (seq: Int32Array, maxN: number, root: number) => {
      const L = seq.length;
      prev = grow(prev, L);
      prev.fill(root, 0, L);
      for (let n = 1; n <= maxN; n++) {
        start[ord++] = k;
        for (let i = 0; i + n <= L; i++) {
          const p = prev[i];
          const sym = seq[i + n - 1];
          // An absent prefix (0 after the first order) or word (id 0) cannot be in a reference.
          const id = (n > 1 && p === 0) || (sym === 0 && root === WORD_ROOT) ? 0 : create ? interner.intern(p, sym) : interner.get(p, sym);
          prev[i] = id;
          occ[k++] = id;
        }
      }
    };
    walk(chars, o.charOrder, CHAR_ROOT);
    walk(words, o.wordOrder, WORD_ROOT);
    start[ord] = k;
    return { occ, start };
  };

  for (let e = 0; e < hyps.length; e++) {
    interner.reset();
    const refSides = refs[e].map((r) => side(r, true));
    const hyp = side(hyps[e], false);
    cnt = grow(cnt, interner.size);
    used = grow(used, interner.size);
    let bestF = -1.0;
    for (const ref of refSides) {
      for (let k = 0; k < ref.occ.length; k++) cnt[ref.occ[k]]++;
      for (let ord = 0; ord < order; ord++) {
        const nRef = ref.start[ord + 1] - ref.start[ord];
        const nHyp = hyp.start[ord + 1] - hyp.start[ord];
        let match = 0;
        for (let k = hyp.start[ord]; k < hyp.start[ord + 1]; k++) {
          const id = hyp.occ[k];
          if (id !== 0 && used[id] < cnt[id]) {
            used[id]++;
            match++;
          }
        }
        // sacreBLEU counts no hypothesis n-grams for an order the reference has none of.
        stats[3 * ord] = nRef > 0 ? nHyp : 0;
        stats[3 * ord + 1] = nRef;
        stats[3 * ord + 2] = match;
      }
      for (let k = 0; k < ref.occ.length; k++) cnt[ref.occ[k]] = 0;
      for (let k = 0; k < hyp.occ.length; k++) used[hyp.occ[k]] = 0;
      const f = chrfScore(stats, o.beta, order, o.epsSmoothing);
      if (f > bestF) {
        bestF = f;
        data.set(stats, e * W);
      }
    }
  }
  return data;
}
