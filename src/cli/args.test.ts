import { describe, expect, it } from "vitest";
import { CliError, one, parseArgs, required } from "./args";

describe("parseArgs", () => {
  it("collects repeated options in order and positionals", () => {
    const a = parseArgs(["evaluate", "--map", "sentence=text", "--map=label=target", "--limit", "5", "--verbose"]);
    expect(a.positional).toEqual(["evaluate"]);
    expect(a.options.get("map")).toEqual(["sentence=text", "label=target"]);
    expect(one(a, "limit")).toBe("5");
    expect(one(a, "verbose")).toBe("true");
  });
  it("names a missing required option", () => {
    expect(() => required(parseArgs([]), "model")).toThrow(new CliError("--model is required"));
  });
});
