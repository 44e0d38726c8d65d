import { describe, expect, it } from "vitest";
import { CardParseError } from "./errors";
import { parseCard } from "./parse-card";

describe("parseCard", () => {
  it("splits front matter from a body that itself contains --- lines", () => {
    const body = "\n# Title\n\n---\n\nSection after a rule\n---\n";
    const card = parseCard(`---\nlicense: mit\ntags:\n- a\n---\n${body}`);
    expect(card).toEqual({ metadata: { license: "mit", tags: ["a"] }, body, hasFrontMatter: true, eol: "\n" });
  });

  it("detects CRLF and keeps the body's CRLF verbatim", () => {
    const card = parseCard("---\r\nlanguage: en\r\n---\r\n# Hi\r\n");
    expect(card.eol).toBe("\r\n");
    expect(card.metadata).toEqual({ language: "en" });
    expect(card.body).toBe("# Hi\r\n");
  });

  it("treats a file without a block as all body", () => {
    const content = "# Just markdown\n\n---\nnot: yaml\n";
    expect(parseCard(content)).toEqual({ metadata: {}, body: content, hasFrontMatter: false, eol: "\n" });
  });

  it("reads an empty block as {}", () => {
    expect(parseCard("---\n\n---\nbody").metadata).toEqual({});
    expect(parseCard("---\n# only a comment\n---\nbody").metadata).toEqual({});
  });

  it("follows huggingface_hub's regex on edge cases", () => {
    // No line between the fences: Python's regex does not match either.
    expect(parseCard("---\n---\n").hasFrontMatter).toBe(false);
    // Leading blank lines and a closing fence at end of file.
    expect(parseCard("\n\n---\na: 1\n---")).toMatchObject({ metadata: { a: 1 }, body: "" });
    // `---x` does not close the block, so it is read as YAML (PyYAML rejects it too).
    expect(() => parseCard("---\na: 1\n---x\n---\nb")).toThrowError(CardParseError);
    expect(parseCard("---\na: 1\n---  \t\nb")).toMatchObject({ hasFrontMatter: true, body: "b" });
  });

  it("reads YAML 1.1 like PyYAML's safe_load", () => {
    expect(parseCard("---\nflag: yes\nlanguage: no\n---\n").metadata).toEqual({ flag: true, language: false });
  });

  it("rejects malformed YAML naming the line and column in the README", () => {
    const content = "---\nlicense: mit\ntags: [a, b\nlanguage: en\n---\nbody";
    let error: unknown;
    try {
      parseCard(content);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CardParseError);
    const e = error as CardParseError;
    expect(e.code).toBe("CARD_YAML_INVALID");
    expect(e.line).toBe(4);
    expect(e.column).toBe(1);
    expect(e.message).toMatch(/^Invalid YAML in model card front matter at line 4, column 1: /);
  });

  it("rejects front matter that is not a mapping", () => {
    expect(() => parseCard("---\n- a\n- b\n---\n")).toThrowError(
      expect.objectContaining({ code: "CARD_YAML_NOT_MAPPING", message: expect.stringMatching(/sequence/) }),
    );
    expect(() => parseCard("---\njust text\n---\n")).toThrowError(/must be a YAML mapping, got a scalar/);
  });

  it("rejects duplicate keys", () => {
    expect(() => parseCard("---\na: 1\na: 2\n---\n")).toThrowError(/line 3, column 1: Map keys must be unique/);
  });
});
