import { describe, expect, it } from "vitest";
import { sampleRowIndices } from "./sample-rows";

describe("sampleRowIndices", () => {
  it("picks the requested number of distinct, sorted rows, reproducibly", () => {
    const a = sampleRowIndices(1000, 100);
    expect(a.length).toBe(100);
    expect(new Set(a).size).toBe(100);
    expect([...a]).toEqual([...a].sort((x, y) => x - y));
    expect(a.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(sampleRowIndices(1000, 100)).toEqual(a);
    expect(sampleRowIndices(1000, 100, 1)).not.toEqual(a);
  });
  it("takes every row when the cap is not below the population", () => {
    expect([...sampleRowIndices(5, 10)]).toEqual([0, 1, 2, 3, 4]);
  });
  it("is close to uniform", () => {
    const counts = new Array(10).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const i of sampleRowIndices(10, 3, seed)) counts[i]++;
    for (const c of counts) expect(Math.abs(c - 600)).toBeLessThan(90);
  });
});
