import { describe, expect, it } from "vitest";
import { maskEmail, redactSmtp } from "./send-email";

describe("SMTP secrets and addresses", () => {
  it("removes the SMTP URL, user and password (also URL-encoded) from an error message", () => {
    const url = "smtp://mailer:p%40ss-w0rd@mail.example:587";
    expect(redactSmtp(`Invalid login for mailer with p@ss-w0rd at ${url}`, url)).toBe("Invalid login for [redacted] with [redacted] at [redacted]");
  });

  it("masks an address to its first letter and domain", () => {
    expect(maskEmail("alice@example.com")).toBe("a***@example.com");
    expect(maskEmail("not-an-address")).toBe("***");
  });
});
