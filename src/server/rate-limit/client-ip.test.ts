import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("clientIp", () => {
  it("takes the address the last hop appended and ignores what the client put before it", () => {
    expect(clientIp(headers("10.0.0.1, 203.0.113.7"))).toBe("203.0.113.7");
    expect(clientIp(headers("203.0.113.7"))).toBe("203.0.113.7");
  });

  it("skips further trusted proxies when told how many there are", () => {
    expect(clientIp(headers("10.0.0.1, 203.0.113.7, 172.16.0.2"), { trustedHops: 2 })).toBe("203.0.113.7");
    expect(clientIp(headers("203.0.113.7"), { trustedHops: 3 })).toBe("203.0.113.7");
  });

  it("unwraps IPv4-mapped IPv6 addresses and drops ports", () => {
    expect(clientIp(headers("::ffff:127.0.0.1"))).toBe("127.0.0.1");
    expect(clientIp(headers("198.51.100.4:5123"))).toBe("198.51.100.4");
    expect(clientIp(headers("[2001:DB8::1]:443"))).toBe("2001:db8::1");
  });

  it("returns null without the header", () => {
    expect(clientIp(headers())).toBeNull();
    expect(clientIp(headers(" , "))).toBeNull();
  });
});
