import { describe, expect, it } from "vitest";
import { ttlCache } from "./ttl-cache";

describe("ttlCache", () => {
  it("answers from memory within the TTL, per key, and asks again after a failure or expiry", async () => {
    let calls = 0;
    let fail = false;
    const lookup = ttlCache(
      40,
      (k: string) => k,
      async (k: string) => {
        calls++;
        if (fail) throw new Error("down");
        return `${k}:${calls}`;
      },
    );
    expect(await lookup("a")).toBe("a:1");
    expect(await lookup("a")).toBe("a:1");
    expect(await lookup("b")).toBe("b:2");
    await new Promise((r) => setTimeout(r, 60));
    fail = true;
    await expect(lookup("a")).rejects.toThrow("down");
    fail = false;
    expect(await lookup("a")).toBe("a:4");
  });
  it("keeps at most maxEntries keys", async () => {
    let calls = 0;
    const lookup = ttlCache(10_000, (k: number) => String(k), async (k: number) => k + ++calls * 0, 2);
    await lookup(1);
    await lookup(2);
    await lookup(3);
    await lookup(1);
    expect(calls).toBe(4);
  });
});
