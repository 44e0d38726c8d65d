import { describe, expect, it } from "vitest";
import { mapWithConcurrency } from "./map-with-concurrency";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("mapWithConcurrency", () => {
  it("keeps input order when later items finish first, and never exceeds the limit", async () => {
    let inFlight = 0;
    let max = 0;
    const delays = [40, 5, 30, 1, 20, 10, 2, 15];
    const out = await mapWithConcurrency(delays, 3, async (ms, i) => {
      inFlight++;
      max = Math.max(max, inFlight);
      await wait(ms);
      inFlight--;
      return `${i}:${ms}`;
    });
    expect(out).toEqual(delays.map((ms, i) => `${i}:${ms}`));
    expect(max).toBe(3);
  });

  it("handles an empty batch and a limit above the batch size", async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
    expect(await mapWithConcurrency([1, 2], 10, async (x) => x * 2)).toEqual([2, 4]);
  });

  it("stops starting items after a failure, aborts those in flight and throws the first error", async () => {
    const started: number[] = [];
    let abortedInFlight = 0;
    const run = mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, async (i, _index, signal) => {
      started.push(i);
      if (i === 1) throw new Error("item 1 failed");
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        signal.addEventListener("abort", () => {
          clearTimeout(t);
          abortedInFlight++;
          resolve();
        });
      });
      return i;
    });
    await expect(run).rejects.toThrow("item 1 failed");
    expect(started).toEqual([0, 1]);
    expect(abortedInFlight).toBe(1);
  });

  it("rejects a limit that is not a positive integer", async () => {
    await expect(mapWithConcurrency([1], 0, async (x) => x)).rejects.toThrow(RangeError);
  });
});
