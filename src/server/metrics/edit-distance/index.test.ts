import { describe, expect, it } from "vitest";
import { alignmentCounts, tokenIds } from ".";

function words(reference: string, hypothesis: string) {
  const vocabulary = new Map<string, number>();
  return alignmentCounts(tokenIds(reference.split(" ").filter(Boolean), vocabulary), tokenIds(hypothesis.split(" ").filter(Boolean), vocabulary));
}
const chars = (s: string) => Int32Array.from(s, (c) => c.codePointAt(0)!);

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** A reference and a noisy copy of it (deletions, substitutions, insertions at `rate`). */
function noisyPair(seed: number, n: number, alphabet: number, rate: number): [Int32Array, Int32Array] {
  const rand = mulberry32(seed);
  const a = Int32Array.from({ length: n }, () => Math.floor(rand() * alphabet));
  const b: number[] = [];
  for (const x of a) {
    const r = rand();
    if (r < rate / 3) continue;
    if (r < (2 * rate) / 3) b.push(Math.floor(rand() * alphabet));
    else if (r < rate) b.push(x, Math.floor(rand() * alphabet));
    else b.push(x);
  }
  return [a, Int32Array.from(b)];
}
function randomPair(seed: number, n: number, m: number, alphabet: number): [Int32Array, Int32Array] {
  const rand = mulberry32(seed);
  return [Int32Array.from({ length: n }, () => Math.floor(rand() * alphabet)), Int32Array.from({ length: m }, () => Math.floor(rand() * alphabet))];
}

describe("alignmentCounts", () => {
  it("counts the alignments jiwer's alignment tests show (jiwer tests/test_alignment.py)", () => {
    expect(words("this is a", "this is a test")).toEqual({ hits: 3, substitutions: 0, deletions: 0, insertions: 1 });
    expect(words("this is a test", "this is a")).toEqual({ hits: 3, substitutions: 0, deletions: 1, insertions: 0 });
    expect(words("this is a test", "this was a test")).toEqual({ hits: 3, substitutions: 1, deletions: 0, insertions: 0 });
    // REF: this  is a ***** test of skill / HYP: this was a messy test ** ***** -> S I D D
    expect(words("this is a test of skill", "this was a messy test")).toEqual({ hits: 3, substitutions: 1, deletions: 2, insertions: 1 });
    // substitutions=3 deletions=5 insertions=0 hits=1
    expect(words("this test will have a high word error rate", "no it will not")).toEqual({ hits: 1, substitutions: 3, deletions: 5, insertions: 0 });
    expect(words("empty", "")).toEqual({ hits: 0, substitutions: 0, deletions: 1, insertions: 0 });
  });

  it("breaks ties as rapidfuzz does (jiwer tests/test_count_errors.py, character level)", () => {
    // "sub" -> "usb": insert u, keep s, delete u, keep b; "sub" -> "bsu": insert b, keep s u, delete b.
    expect(alignmentCounts(chars("sub"), chars("usb"))).toEqual({ hits: 2, substitutions: 0, deletions: 1, insertions: 1 });
    expect(alignmentCounts(chars("sub"), chars("bsu"))).toEqual({ hits: 2, substitutions: 0, deletions: 1, insertions: 1 });
    expect(alignmentCounts(chars("sub"), chars("bus"))).toEqual({ hits: 1, substitutions: 2, deletions: 0, insertions: 0 });
  });

  // Expected counts from rapidfuzz-cpp's levenshtein_editops on the same sequences (the code
  // behind rapidfuzz.distance.Levenshtein.opcodes), run when this was written.
  it("matches rapidfuzz on small and medium sequences", () => {
    expect(alignmentCounts(...noisyPair(1, 40, 3, 0.5))).toEqual({ hits: 31, substitutions: 3, deletions: 6, insertions: 2 });
    expect(alignmentCounts(...noisyPair(2, 300, 4, 0.3))).toEqual({ hits: 240, substitutions: 37, deletions: 23, insertions: 21 });
  });

  it("matches rapidfuzz where it switches to Hirschberg's divide and conquer", () => {
    expect(alignmentCounts(...noisyPair(3, 2500, 4, 0.3))).toEqual({ hits: 2091, substitutions: 194, deletions: 215, insertions: 197 });
    expect(alignmentCounts(...noisyPair(4, 3000, 26, 0.05))).toEqual({ hits: 2903, substitutions: 45, deletions: 52, insertions: 57 });
    // Here a single full-matrix backtrack would pick another optimal alignment (1256 / 583 / 261 / 261).
    expect(alignmentCounts(...randomPair(3, 2100, 2100, 4))).toEqual({ hits: 1253, substitutions: 589, deletions: 258, insertions: 258 });
  });

  it("handles empty sides", () => {
    expect(alignmentCounts([], [])).toEqual({ hits: 0, substitutions: 0, deletions: 0, insertions: 0 });
    expect(alignmentCounts([1, 2], [])).toEqual({ hits: 0, substitutions: 0, deletions: 2, insertions: 0 });
    expect(alignmentCounts([], [1, 2, 3])).toEqual({ hits: 0, substitutions: 0, deletions: 0, insertions: 3 });
  });
});

describe("tokenIds", () => {
  it("gives equal tokens equal ids across calls sharing a vocabulary", () => {
    const v = new Map<string, number>();
    expect(Array.from(tokenIds(["a", "b", "a"], v))).toEqual([0, 1, 0]);
    expect(Array.from(tokenIds(["b", "c"], v))).toEqual([1, 2]);
  });
});
