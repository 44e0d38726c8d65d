/**
 * sacreBLEU's TER edit counting (sacrebleu/metrics/lib_ter.py, after Tercom): greedy block shifts
 * while they lower the edit distance, then Levenshtein distance; limits and tie-breaking as there.
 */
import { BeamEditDistance, OP_DEL, OP_INS, OP_NOP, OP_SUB } from "./beam-edit-distance";

const MAX_SHIFT_SIZE = 10;
const MAX_SHIFT_DIST = 50;
const MAX_SHIFT_CANDIDATES = 1000;

/** Number of edits (shifts + insertions + deletions + substitutions) and the reference length. */
export function translationEditRate(wordsHyp: Int32Array, wordsRef: Int32Array): [number, number] {
  const nRef = wordsRef.length;
  // An empty reference needs every hypothesis word deleted (sacreBLEU ≥ 2.3.2).
  if (nRef === 0) return [wordsHyp.length, 0];

  const ed = new BeamEditDistance(wordsRef);
  let shifts = 0;
  let input = wordsHyp;
  let checked = 0;
  for (;;) {
    const r = shift(input, wordsRef, ed, checked);
    checked = r.checked;
    // The candidate budget is spent: sacreBLEU stops without applying this last best shift.
    if (checked >= MAX_SHIFT_CANDIDATES) break;
    if (r.delta <= 0) break;
    shifts++;
    input = r.words;
  }
  return [shifts + ed.distance(input, false).cost, nRef];
}

/** Moves words[start, start + length) so that it begins at `target` (sacreBLEU's `_perform_shift`). */
export function performShift(words: Int32Array, start: number, length: number, target: number): Int32Array {
  const out = new Int32Array(words.length);
  const seg = words.subarray(start, start + length);
  let k = 0;
  const put = (a: Int32Array) => {
    out.set(a, k);
    k += a.length;
  };
  const s = (a: number, b: number) => words.subarray(Math.min(a, words.length), Math.min(Math.max(a, b), words.length));
  if (target < start) {
    put(s(0, target));
    put(seg);
    put(s(target, start));
    put(s(start + length, words.length));
  } else if (target > start + length) {
    put(s(0, start));
    put(s(start + length, target));
    put(seg);
    put(s(target, words.length));
  } else {
    put(s(0, start));
    put(s(start + length, length + target));
    put(seg);
    put(s(length + target, words.length));
  }
  return out;
}

interface Candidate {
  score: number;
  length: number;
  startH: number;
  idx: number;
  words: Int32Array;
}

/** Tercom's ranking: larger gain, then longer block, then earlier block, then earlier target. */
function better(c: Candidate, best: Candidate | null): boolean {
  if (!best) return true;
  if (c.score !== best.score) return c.score > best.score;
  if (c.length !== best.length) return c.length > best.length;
  if (c.startH !== best.startH) return c.startH < best.startH;
  return c.idx < best.idx;
}

function shift(wordsH: Int32Array, wordsR: Int32Array, ed: BeamEditDistance, checkedIn: number): { delta: number; words: Int32Array; checked: number } {
  let checked = checkedIn;
  const { cost: preScore, trace } = ed.distance(wordsH, true);
  const nH = wordsH.length;
  const nR = wordsR.length;

  // Alignment from the flipped trace (rewriting the reference into the hypothesis).
  const align = new Int32Array(nR).fill(-2);
  const hypErr = new Uint8Array(nH);
  const refErr = new Uint8Array(nR);
  let posH = -1;
  let posR = -1;
  for (const op of trace!) {
    if (op === OP_NOP || op === OP_SUB) {
      posH++;
      posR++;
      align[posR] = posH;
      if (op === OP_SUB) hypErr[posH] = refErr[posR] = 1;
    } else if (op === OP_DEL) {
      // a deletion from the hypothesis is an insertion when read the other way
      posH++;
      hypErr[posH] = 1;
    } else if (op === OP_INS) {
      posR++;
      align[posR] = posH;
      refErr[posR] = 1;
    }
  }

  // Assigned inside considerBlock; the cast keeps TypeScript from narrowing it to null.
  let best = null as Candidate | null;
  outer: for (let startH = 0; startH < nH; startH++) {
    for (let startR = 0; startR < nR; startR++) {
      if (Math.abs(startR - startH) > MAX_SHIFT_DIST) continue;
      let length = 0;
      while (wordsH[startH + length] === wordsR[startR + length] && length < MAX_SHIFT_SIZE) {
        length++;
        // Each matching block (and each of its prefixes) is a shift candidate.
        if (considerBlock(startH, startR, length)) break outer;
        if (nH === startH + length || nR === startR + length) break;
      }
    }
  }

  /** Returns true when the candidate budget is exhausted. */
  function considerBlock(startH: number, startR: number, length: number): boolean {
    let err = 0;
    for (let k = startH; k < startH + length; k++) err += hypErr[k];
    if (err === 0) return false;
    err = 0;
    for (let k = startR; k < startR + length; k++) err += refErr[k];
    if (err === 0) return false;
    // don't shift within the block itself
    if (startH <= align[startR] && align[startR] < startH + length) return false;

    let prevIdx = -1;
    for (let offset = -1; offset < length; offset++) {
      let idx: number;
      const r = startR + offset;
      if (r === -1) idx = 0;
      else if (r >= 0 && r < nR && align[r] !== -2) idx = align[r] + 1; // insert before, unlike Tercom
      else break;
      if (idx === prevIdx) continue;
      prevIdx = idx;
      const shifted = performShift(wordsH, startH, length, idx);
      const c: Candidate = { score: preScore - ed.distance(shifted, false).cost, length, startH, idx, words: shifted };
      checked++;
      if (better(c, best)) best = c;
    }
    return checked >= MAX_SHIFT_CANDIDATES;
  }

  if (!best) return { delta: 0, words: wordsH, checked };
  return { delta: best.score, words: best.words, checked };
}
