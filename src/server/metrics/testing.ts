import { expect } from "vitest";
import { MetricInputError } from "./types";

/** Test helper: numbers equal to 1e-6, recursively through arrays and objects (extra keys ignored). */
export function expectClose(actual: unknown, expected: unknown, where = "value"): void {
  if (typeof expected === "number") {
    expect(typeof actual, where).toBe("number");
    if (Number.isNaN(expected)) expect(Number.isNaN(actual as number), where).toBe(true);
    else expect(Math.abs((actual as number) - expected), `${where}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(1e-6);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, where).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${where}[${i}]`));
  } else if (expected && typeof expected === "object") {
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)?.[k], v, `${where}.${k}`);
  } else {
    expect(actual, where).toEqual(expected);
  }
}

/** Test helper: `fn` throws a MetricInputError matching `re`, naming `field` (and `index`). */
export function fails(fn: () => unknown, re: RegExp, field?: string, index?: number): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MetricInputError);
    expect((err as Error).message).toMatch(re);
    if (field) expect((err as MetricInputError).field).toBe(field);
    if (index !== undefined) expect((err as MetricInputError).index).toBe(index);
    return;
  }
  throw new Error(`did not throw ${re}`);
}
