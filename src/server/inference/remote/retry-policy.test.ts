import { describe, expect, it } from "vitest";
import { abortableSleep, backoffDelayMs, linkAbort, parseRetryAfterMs } from "./retry-policy";

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("reads delta-seconds", () => {
    expect(parseRetryAfterMs("3", now)).toBe(3000);
    expect(parseRetryAfterMs(" 0 ", now)).toBe(0);
    expect(parseRetryAfterMs("1.5", now)).toBe(1500);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfterMs("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
  });

  it("ignores absent or unparseable values", () => {
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs("", now)).toBeUndefined();
    expect(parseRetryAfterMs("-5", now)).toBeUndefined();
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
  });
});

describe("backoffDelayMs", () => {
  it("doubles from the base, with jitter in the upper half, up to the cap", () => {
    const opts = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelayMs(0, { ...opts, random: () => 0 })).toBe(50);
    expect(backoffDelayMs(0, { ...opts, random: () => 0.999999 })).toBe(100);
    expect(backoffDelayMs(2, { ...opts, random: () => 0 })).toBe(200);
    expect(backoffDelayMs(10, { ...opts, random: () => 1 })).toBe(1000);
    for (let i = 0; i < 50; i++) {
      const d = backoffDelayMs(1, opts);
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThanOrEqual(200);
    }
  });
});

describe("abortableSleep", () => {
  it("rejects with the abort reason as soon as the signal aborts", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = abortableSleep(10_000, controller.signal);
    controller.abort(new Error("cancelled"));
    await expect(sleeping).rejects.toThrow("cancelled");
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("linkAbort", () => {
  it("forwards the parent's abort until detached", () => {
    const parent = new AbortController();
    const child = new AbortController();
    const unlink = linkAbort(parent.signal, child);
    unlink();
    parent.abort(new Error("late"));
    expect(child.signal.aborted).toBe(false);
    const parent2 = new AbortController();
    const child2 = new AbortController();
    linkAbort(parent2.signal, child2);
    parent2.abort(new Error("now"));
    expect((child2.signal.reason as Error).message).toBe("now");
  });
});
