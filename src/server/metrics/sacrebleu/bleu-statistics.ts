import { PairInterner, pyRstrip, pySplit } from "../sacrebleu-tokenizers";

/** sacreBLEU's default (and `evaluate`'s only) maximum n-gram order. */
export const MAX_NGRAM_ORDER = 4;
/** One row: hyp length, closest ref length, matches for orders 1..4, hyp n-grams for orders 1..4. */
export const BLEU_STATS_WIDTH = 2 + 2 * MAX_NGRAM_ORDER;

/**
 * sacreBLEU's closest reference length: smallest |hyp - ref|, the shorter reference on ties.
 */
export function closestRefLength(hypLen: number, refLens: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const refLen of refLens) {
    const diff = Math.abs(hypLen - refLen);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = refLen;
    } else if (diff === closestDiff && refLen < closestLen) {
      closestLen = refLen;
    }
  }
  return closestLen;
}

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (a.length > need) return a;
  let len = a.length * 2;
  while (len <= need) len *= 2;
  const b = new Int32Array(len);
  b.set(a);
  return b;
}

/**
 * Per-example BLEU sufficient statistics, as sacreBLEU's `BLEU._extract_corpus_statistics`:
 * reference n-gram counts are the maximum over the example's references, hypothesis counts are
 * clipped by them. N-grams are ids from a `PairInterner` (no string per n-gram).
 *
 * @param preprocess lowercasing + rstrip + tokenizer, applied to hypotheses and references alike.
 */
export function bleuStatistics(hyps: readonly string[], refs: readonly string[][], preprocess: (s: string) => string): Float64Array {
  const W = BLEU_STATS_WIDTH;
  const N = MAX_NGRAM_ORDER;
  const data = new Float64Array(hyps.length * W);
  const vocab = new Map<string, number>();
  const interner = new PairInterner(4096);
  let cnt = new Int32Array(1024);
  let maxc = new Int32Array(1024);
  let used = new Int32Array(1024);
  let prev = new Int32Array(256);
  let occ = new Int32Array(1024);

  const tokenIds = (s: string): Int32Array => {
    const toks = pySplit(preprocess(s));
    const ids = new Int32Array(toks.length);
    for (let i = 0; i < toks.length; i++) {
      let id = vocab.get(toks[i]);
      if (id === undefined) vocab.set(toks[i], (id = vocab.size + 1));
      ids[i] = id;
    }
    return ids;
  };

  const refLens: number[] = [];
  for (let e = 0; e < hyps.length; e++) {
    interner.reset();
    refLens.length = 0;
    for (const ref of refs[e]) {
      const t = tokenIds(ref);
      const L = t.length;
      refLens.push(L);
      prev = grow(prev, L);
      occ = grow(occ, L * N);
      let nOcc = 0;
      prev.fill(0, 0, L);
      for (let n = 1; n <= N; n++) {
        for (let i = 0; i + n <= L; i++) {
          const id = interner.intern(prev[i], t[i + n - 1]);
          prev[i] = id;
          occ[nOcc++] = id;
        }
      }
      const size = interner.size;
      cnt = grow(cnt, size);
      maxc = grow(maxc, size);
      used = grow(used, size);
      for (let k = 0; k < nOcc; k++) cnt[occ[k]]++;
      for (let k = 0; k < nOcc; k++) {
        const id = occ[k];
        if (cnt[id] > maxc[id]) maxc[id] = cnt[id];
      }
      for (let k = 0; k < nOcc; k++) cnt[occ[k]] = 0;
    }

    const h = tokenIds(hyps[e]);
    const L = h.length;
    const row = e * W;
    data[row] = L;
    data[row + 1] = closestRefLength(L, refLens);
    prev = grow(prev, L);
    prev.fill(0, 0, L);
    for (let n = 1; n <= N; n++) {
      let correct = 0;
      for (let i = 0; i + n <= L; i++) {
        // An n-gram whose prefix never occurs in a reference cannot occur either.
        const id = n === 1 || prev[i] !== 0 ? interner.get(prev[i], h[i + n - 1]) : 0;
        prev[i] = id;
        if (id !== 0 && used[id] < maxc[id]) {
          used[id]++;
          correct++;
        }
      }
      data[row + 1 + n] = correct;
      data[row + 1 + N + n] = Math.max(0, L - n + 1);
    }
    const size = interner.size;
    maxc.fill(0, 0, size + 1);
    used.fill(0, 0, size + 1);
  }
  return data;
}

/** sacreBLEU's `_preprocess_segment`: optional lowercasing, trailing whitespace removed, tokenized. */
export function bleuPreprocessor(tokenize: (s: string) => string, lowercase: boolean): (s: string) => string {
  return lowercase ? (s) => tokenize(pyRstrip(s.toLowerCase())) : (s) => tokenize(pyRstrip(s));
}
