import { describe, expect, it } from "vitest";
import { lengthBuckets } from "./length-buckets";

describe("lengthBuckets", () => {
  it("groups indices by length, shortest first, at most batchSize per batch", () => {
    expect(lengthBuckets([5, 1, 9, 3, 7], 2)).toEqual([[1, 3], [0, 4], [2]]);
  });

  it("keeps input order among equal lengths, so the batches are reproducible", () => {
    expect(lengthBuckets([2, 1, 2, 1, 2], 3)).toEqual([[1, 3, 0], [2, 4]]);
  });

  it("covers every index exactly once", () => {
    const lengths = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 61);
    const batches = lengthBuckets(lengths, 32);
    expect(batches.every((b) => b.length <= 32)).toBe(true);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
  });

  it("pads less than dataset order on real-looking lengths", () => {
    const lengths = Array.from({ length: 256 }, (_, i) => 5 + ((i * 37) % 50));
    const slots = (batches: number[][]) => batches.reduce((s, b) => s + b.length * Math.max(...b.map((i) => lengths[i])), 0);
    const inOrder = Array.from({ length: 8 }, (_, k) => Array.from({ length: 32 }, (_, j) => k * 32 + j));
    expect(slots(lengthBuckets(lengths, 32))).toBeLessThan(0.7 * slots(inOrder));
  });

  it("returns no batches for no input and rejects a batch size below 1", () => {
    expect(lengthBuckets([], 4)).toEqual([]);
    expect(() => lengthBuckets([1], 0)).toThrow(RangeError);
  });
});
