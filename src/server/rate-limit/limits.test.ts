import { describe, expect, it } from "vitest";
import { describeWait, describeWindow, HOUR_MS, limitsFromEnv } from "./limits";

describe("rate limit wording", () => {
  it("names the window as the 429 message uses it", () => {
    expect(describeWindow(HOUR_MS)).toBe("hour");
    expect(describeWindow(2 * HOUR_MS)).toBe("2 hours");
    expect(describeWindow(600_000)).toBe("10 minutes");
    expect(describeWindow(1_500)).toBe("2 seconds");
  });

  it("rounds the wait up, so retrying after it succeeds", () => {
    expect(describeWait(13 * 60_000 + 1)).toBe("14 minutes");
    expect(describeWait(60_000)).toBe("1 minute");
    expect(describeWait(30_500)).toBe("31 seconds");
    expect(describeWait(20)).toBe("1 second");
  });

  it("reads the per-hour limits of the environment", () => {
    expect(limitsFromEnv({ RATE_LIMIT_PER_USERNAME: 20, RATE_LIMIT_PER_EMAIL: 5, RATE_LIMIT_PER_IP: 0 })).toEqual({
      perUsername: 20,
      perEmail: 5,
      perIp: 0,
      windowMs: HOUR_MS,
    });
  });
});
