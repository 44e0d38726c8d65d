/**
 * Levenshtein alignment counts (hits, substitutions, deletions, insertions) chosen exactly as
 * `rapidfuzz.distance.Levenshtein.opcodes(reference, hypothesis)` chooses them, which is what jiwer
 * (and so the `evaluate` library's wer/cer) counts. The total edit distance is unique, but how it
 * splits into S/D/I is not; rapidfuzz-cpp (`levenshtein_editops`) settles it by:
 *  1. dropping the common prefix and suffix (they are hits);
 *  2. small problems: backtracking from the end through the DP matrix, preferring a deletion when
 *     D[i][j] = D[i-1][j] + 1, then an insertion when D[i][j-1] < D[i-1][j-1], else the diagonal;
 *  3. large problems (Hirschberg): splitting the hypothesis at half its length and the reference at
 *     the first position that minimises the distance of the two halves, then recursing (with 1. again).
 * Any DP restricted to a diagonal band that contains every optimal path makes the same choices,
 * which is why the band below may be narrower than the full matrix.
 */

export interface AlignmentCounts {
  hits: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

type Seq = ArrayLike<number>;

// rapidfuzz-cpp's switch to Hirschberg (levenshtein_align_hirschberg): bytes of the bit matrix it would need.
const HIRSCHBERG_MATRIX_BYTES = 1024 * 1024;
const INF = 0x3fffffff;

/** Counts of the alignment rapidfuzz picks for token ids `reference` -> `hypothesis`. */
export function alignmentCounts(reference: Seq, hypothesis: Seq): AlignmentCounts {
  const counts: AlignmentCounts = { hits: 0, substitutions: 0, deletions: 0, insertions: 0 };
  align(reference, 0, reference.length, hypothesis, 0, hypothesis.length, Math.max(reference.length, hypothesis.length), counts);
  return counts;
}

/** Maps tokens to ids so that equal tokens (and only those) get equal ids. */
export function tokenIds(tokens: readonly string[], vocabulary: Map<string, number>): Int32Array {
  const ids = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    let id = vocabulary.get(tokens[i]);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(tokens[i], id);
    }
    ids[i] = id;
  }
  return ids;
}

function align(s1: Seq, a1: number, b1: number, s2: Seq, a2: number, b2: number, max: number, counts: AlignmentCounts): void {
  while (a1 < b1 && a2 < b2 && s1[a1] === s2[a2]) {
    a1++;
    a2++;
    counts.hits++;
  }
  while (a1 < b1 && a2 < b2 && s1[b1 - 1] === s2[b2 - 1]) {
    b1--;
    b2--;
    counts.hits++;
  }
  const len1 = b1 - a1;
  const len2 = b2 - a2;
  max = Math.min(max, Math.max(len1, len2));
  const fullBand = Math.min(len1, 2 * max + 1);
  const matrixBytes = Math.floor((2 * fullBand * len2) / 8);
  if (matrixBytes < HIRSCHBERG_MATRIX_BYTES || len1 < 65 || len2 < 10) {
    alignDirect(s1, a1, len1, s2, a2, len2, max, counts);
    return;
  }
  const split = hirschbergSplit(s1, a1, len1, s2, a2, len2, max);
  align(s1, a1, a1 + split.mid1, s2, a2, a2 + split.mid2, split.leftScore, counts);
  align(s1, a1 + split.mid1, b1, s2, a2 + split.mid2, b2, split.rightScore, counts);
}

/**
 * Backtracks one optimal path as rapidfuzz's `recover_alignment` does. `vd` holds, per cell, the sign
 * of the vertical difference D[i][j] - D[i-1][j] (i over the reference, j over the hypothesis) within
 * the band |i - j| <= max; cells outside the band count as infinitely far.
 */
function alignDirect(s1: Seq, a1: number, len1: number, s2: Seq, a2: number, len2: number, max: number, counts: AlignmentCounts): void {
  if (len1 === 0 || len2 === 0) {
    counts.deletions += len1;
    counts.insertions += len2;
    return;
  }
  const ref = slice(s1, a1, len1);
  const hyp = slice(s2, a2, len2);
  const width = Math.min(len1, 2 * max) + 1;
  const lo = (j: number) => Math.max(0, j - max);
  const vd = new Int8Array((len2 + 1) * width);
  dpRows(ref, hyp, len2, max, (j, d, l, h) => {
    const base = j * width - l;
    for (let i = Math.max(l, 1); i <= h; i++) {
      const diff = d[i] - (i - 1 < l ? INF : d[i - 1]);
      vd[base + i] = diff > 0 ? 1 : diff < 0 ? -1 : 0;
    }
  });
  const sign = (i: number, j: number) => (i < lo(j) || i > Math.min(len1, j + max) ? 0 : vd[j * width + i - lo(j)]);

  let col = len1;
  let row = len2;
  while (row > 0 && col > 0) {
    if (sign(col, row) > 0) {
      counts.deletions++;
      col--;
      continue;
    }
    row--;
    if (row > 0 && sign(col, row) < 0) {
      counts.insertions++;
      continue;
    }
    col--;
    if (ref[col] === hyp[row]) counts.hits++;
    else counts.substitutions++;
  }
  counts.deletions += col;
  counts.insertions += row;
}

function slice(s: Seq, start: number, length: number): Int32Array {
  return Int32Array.from({ length }, (_, i) => s[start + i]);
}

/**
 * Levenshtein DP over prefixes of `s1` (0..len1), one row per token of `s2` up to `rows`, restricted
 * to the band |i - j| <= max (outside it: INF). Calls `onRow` with each row's values on [l, h];
 * returns the last row.
 */
function dpRows(s1: Int32Array, s2: Int32Array, rows: number, max: number, onRow?: (j: number, d: Int32Array, l: number, h: number) => void): Int32Array {
  const len1 = s1.length;
  let prev = new Int32Array(len1 + 1).fill(INF);
  let cur = new Int32Array(len1 + 1).fill(INF);
  for (let i = 0; i <= Math.min(len1, max); i++) prev[i] = i;
  for (let j = 1; j <= rows; j++) {
    const l = Math.max(0, j - max);
    const h = Math.min(len1, j + max);
    const c2 = s2[j - 1];
    let i = l;
    if (i === 0) {
      cur[0] = j;
      i = 1;
    } else {
      cur[l - 1] = INF;
    }
    for (; i <= h; i++) {
      let v = prev[i - 1] + (s1[i - 1] === c2 ? 0 : 1);
      const up = prev[i] + 1; // insertion of s2's token j
      if (up < v) v = up;
      const left = cur[i - 1] + 1; // deletion of s1's token i
      if (left < v) v = left;
      cur[i] = v < INF ? v : INF;
    }
    if (h < len1) cur[h + 1] = INF;
    onRow?.(j, cur, l, h);
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev;
}

/** rapidfuzz's `find_hirschberg_pos`: the first reference split that minimises left + right distance. */
function hirschbergSplit(s1: Seq, a1: number, len1: number, s2: Seq, a2: number, len2: number, max: number) {
  const mid2 = Math.floor(len2 / 2);
  const r1 = slice(s1, a1, len1);
  const r2 = slice(s2, a2, len2);
  const left = dpRows(r1, r2, mid2, max);
  // Reversed sequences: right[k] = distance(last k reference tokens, hypothesis tokens after mid2).
  r1.reverse();
  r2.reverse();
  const right = dpRows(r1, r2, len2 - mid2, max);
  let best = Infinity;
  let mid1 = 0;
  for (let i = 0; i <= len1; i++) {
    const score = left[i] + right[len1 - i];
    if (score < best) {
      best = score;
      mid1 = i;
    }
  }
  return { mid1, mid2, leftScore: left[mid1], rightScore: right[len1 - mid1] };
}
