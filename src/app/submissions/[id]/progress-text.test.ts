import { describe, expect, it } from "vitest";
import { formatEta, progressText } from "./progress-text";

describe("progressText", () => {
  it("says the ETA is being estimated before the first batch gives a rate", () => {
    expect(progressText({ status: "running", processed: 0, total: 400, examplesPerSecond: null })).toBe("0 / 400 examples · ETA: estimating…");
  });

  it("derives the ETA from the examples left and the rate", () => {
    expect(progressText({ status: "running", processed: 100, total: 400, examplesPerSecond: 20 })).toBe("100 / 400 examples · 20 examples/s · ETA: about 15 s left");
    expect(progressText({ status: "running", processed: 1000, total: 10_000, examplesPerSecond: 2.5 })).toBe("1,000 / 10,000 examples · 2.5 examples/s · ETA: about 1 h left");
  });

  it("describes queued, finished and stopped evaluations without an ETA", () => {
    expect(progressText({ status: "queued", processed: 0, total: null, examplesPerSecond: null })).toBe("Waiting for a worker");
    expect(progressText({ status: "succeeded", processed: 400, total: 400, examplesPerSecond: 812.4 })).toBe("400 / 400 examples · 812 examples/s");
    expect(progressText({ status: "cancelled", processed: 64, total: 400, examplesPerSecond: null })).toBe("Stopped at 64 / 400 examples");
    expect(progressText({ status: "failed", processed: 0, total: null, examplesPerSecond: null })).toBe("Stopped before the first example");
  });

  it("formats long waits in minutes and hours", () => {
    expect(formatEta(0.2)).toBe("about 1 s left");
    expect(formatEta(89)).toBe("about 89 s left");
    expect(formatEta(95)).toBe("about 2 min left");
    expect(formatEta(3900)).toBe("about 1 h 5 min left");
  });
});
