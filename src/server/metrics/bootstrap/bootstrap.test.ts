import { describe, expect, it } from "vitest";
import { accuracy } from "../accuracy";
import { f1 } from "../f1";
import { MetricInputError } from "../types";
import { bootstrapIntervals, pairedBootstrap } from ".";
import { mulberry32, quantileSorted } from "./rng";

function synthetic(n: number, acc: number, seed = 1) {
  const rand = mulberry32(seed);
  const references = Array.from({ length: n }, () => (rand() < 0.5 ? 0 : 1));
  const predictions = references.map((r) => (rand() < acc ? r : 1 - r));
  return { predictions, references };
}

// The same metric without sufficient statistics: the bootstrap must recompute on copied arrays.
const { statistics: _dropAcc, ...accuracyRecompute } = accuracy;
const { statistics: _dropF1, ...f1Recompute } = f1;

describe("bootstrapIntervals", () => {
  const { predictions, references } = synthetic(2000, 0.8);

  it("is reproducible for a seed and changes with the seed", () => {
    const a = bootstrapIntervals(accuracy, predictions, references, accuracy.defaultArgs, { seed: 7 });
    const b = bootstrapIntervals(accuracy, predictions, references, accuracy.defaultArgs, { seed: 7 });
    const c = bootstrapIntervals(accuracy, predictions, references, accuracy.defaultArgs, { seed: 8 });
    expect(a).toEqual(b);
    expect(c.intervals.accuracy).not.toEqual(a.intervals.accuracy);
    expect(a.strategy).toBe("sufficient-statistics");
    expect(a.resamples).toBe(1000);
  });

  it("gives exactly the interval of recomputing the metric on each resample", () => {
    for (const [fast, slow, args] of [
      [accuracy, accuracyRecompute, accuracy.defaultArgs],
      [f1, f1Recompute, f1.defaultArgs],
      [f1, f1Recompute, { ...f1.defaultArgs, average: "binary" }],
    ] as const) {
      const x = bootstrapIntervals(fast, predictions, references, args, { resamples: 200, seed: 3 });
      const y = bootstrapIntervals(slow as typeof fast, predictions, references, args, { resamples: 200, seed: 3 });
      expect(y.strategy).toBe("recompute");
      expect(x.intervals[fast.primary].low).toBeCloseTo(y.intervals[fast.primary].low, 12);
      expect(x.intervals[fast.primary].high).toBeCloseTo(y.intervals[fast.primary].high, 12);
    }
  });

  it("resamples per-example weights together with their examples when recomputing", () => {
    const weights = predictions.map((_, i) => 1 + (i % 5));
    const args = { normalize: true, sample_weight: weights };
    const x = bootstrapIntervals(accuracy, predictions, references, args, { resamples: 100, seed: 4 });
    const y = bootstrapIntervals(accuracyRecompute as typeof accuracy, predictions, references, args, { resamples: 100, seed: 4 });
    expect(y.intervals.accuracy.low).toBeCloseTo(x.intervals.accuracy.low, 12);
    expect(y.intervals.accuracy.high).toBeCloseTo(x.intervals.accuracy.high, 12);
  });

  it("covers the value with a width close to the binomial standard error", () => {
    const value = accuracy.compute(predictions, references, accuracy.defaultArgs).accuracy as number;
    const { low, high } = bootstrapIntervals(accuracy, predictions, references, accuracy.defaultArgs).intervals.accuracy;
    expect(low).toBeLessThan(value);
    expect(high).toBeGreaterThan(value);
    const se = Math.sqrt((value * (1 - value)) / predictions.length);
    expect((high - low) / (2 * 1.96 * se)).toBeGreaterThan(0.85);
    expect((high - low) / (2 * 1.96 * se)).toBeLessThan(1.15);
  });

  it("refuses an empty input and bad options", () => {
    expect(() => bootstrapIntervals(accuracy, [], [], accuracy.defaultArgs)).toThrow(MetricInputError);
    expect(() => bootstrapIntervals(accuracy, [1], [1], accuracy.defaultArgs, { resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapIntervals(accuracy, [1], [1], accuracy.defaultArgs, { confidence: 1 })).toThrow(/confidence/);
  });
});

describe("pairedBootstrap", () => {
  const weak = synthetic(1000, 0.7, 5);
  const strongPreds = weak.references.map((r, i) => (i % 10 < 9 ? r : weak.predictions[i]));

  it("finds no difference between a system and itself", () => {
    const t = pairedBootstrap(accuracy, weak.predictions, weak.predictions, weak.references, accuracy.defaultArgs);
    expect(t.difference).toBe(0);
    expect(t.interval).toEqual({ low: 0, high: 0 });
    expect(t.pValue).toBe(1);
  });

  it("finds a clearly better system significantly better", () => {
    const t = pairedBootstrap(accuracy, weak.predictions, strongPreds, weak.references, accuracy.defaultArgs, { seed: 11 });
    expect(t.b).toBeGreaterThan(t.a);
    expect(t.interval.low).toBeGreaterThan(0);
    expect(t.pValue).toBeLessThan(0.01);
  });

  it("refuses systems scored on different examples", () => {
    expect(() => pairedBootstrap(accuracy, [0, 1], [0], [0, 1], accuracy.defaultArgs)).toThrow(/same examples/);
  });
});

describe("quantileSorted", () => {
  it("interpolates like numpy.percentile", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 12);
    expect(quantileSorted([5], 0.9)).toBe(5);
  });
});

describe("bootstrapFromCounts", () => {
  it("gives the same value and a matching interval as resampling the expanded examples", async () => {
    const { bootstrapFromCounts } = await import(".");
    // 1,000 examples as 4 distinct (prediction, reference) pairs.
    const pairs = [[0, 0, 400], [1, 1, 300], [0, 1, 200], [1, 0, 100]] as const;
    const p = pairs.map((x) => x[0]);
    const r = pairs.map((x) => x[1]);
    const counts = pairs.map((x) => x[2]);
    const compressed = bootstrapFromCounts(accuracy.statistics!(p, r, accuracy.defaultArgs), counts, { resamples: 2000, seed: 1 });
    expect(compressed.values.accuracy).toBe(0.7);
    const expandedP = pairs.flatMap((x) => Array(x[2]).fill(x[0]));
    const expandedR = pairs.flatMap((x) => Array(x[2]).fill(x[1]));
    const expanded = bootstrapIntervals(accuracy, expandedP, expandedR, accuracy.defaultArgs, { resamples: 2000, seed: 1 });
    // Different random draws, same distribution: the percentile bounds agree closely.
    expect(Math.abs(compressed.intervals.accuracy.low - expanded.intervals.accuracy.low)).toBeLessThan(0.006);
    expect(Math.abs(compressed.intervals.accuracy.high - expanded.intervals.accuracy.high)).toBeLessThan(0.006);
    const f = bootstrapFromCounts(f1.statistics!(p, r, f1.defaultArgs), counts, { resamples: 50, seed: 1 });
    expect(f.values.f1).toBeCloseTo(f1.compute(expandedP, expandedR, f1.defaultArgs).f1 as number, 12);
  });
});
