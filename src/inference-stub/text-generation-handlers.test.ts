import { describe, expect, it } from "vitest";
import { CAUSAL_LM_SPECS } from "@/seed/causal-lm";
import { StubHttpError } from "./respond";
import { buildTextGenerationHandlers } from "./text-generation-handlers";

const handlers = buildTextGenerationHandlers();
const base = handlers[CAUSAL_LM_SPECS[1]!.name]!;
const PROMPT = "Review: a wonderful , moving film .\nSentiment:";
const DETAILS = { max_new_tokens: 1, details: true, decoder_input_details: true };

describe("text-generation stub handlers (TGI-style)", () => {
  it("serves both demo causal LMs by their hub ids", () => {
    expect(Object.keys(handlers)).toEqual(CAUSAL_LM_SPECS.map((s) => s.name));
    expect(Object.values(handlers).every((h) => h.task === "text-generation")).toBe(true);
  });

  it("answers with generated text only unless details are asked for", () => {
    expect(base.run(PROMPT, { max_new_tokens: 1 })).toEqual({ generated_text: "positive" });
    expect(base.run(PROMPT, { max_new_tokens: 1, return_full_text: true })).toEqual({ generated_text: `${PROMPT}positive` });
  });

  it("returns every input token's log-probability in details.prefill, the first one null", () => {
    const out = base.run(PROMPT, DETAILS);
    expect(out.details).toMatchObject({ finish_reason: "length", generated_tokens: 1, seed: null });
    const prefill = out.details!.prefill;
    // "wonderful" is not in the training sentences, so the tokenizer maps it to <unk>.
    expect(prefill.map((t) => t.text)).toEqual(["<s>", "review", ":", "a", "<unk>", ",", "moving", "film", ".", "sentiment", ":"]);
    expect(prefill[0]!.logprob).toBeNull();
    expect(prefill.slice(1).every((t) => typeof t.logprob === "number" && t.logprob < 0)).toBe(true);
    expect(out.details!.tokens).toEqual([{ id: expect.any(Number), text: "positive", logprob: expect.any(Number), special: false }]);
    // The generated token's logprob is the one the prefill of prompt + token reports.
    const extended = base.run(`${PROMPT} positive`, DETAILS).details!.prefill;
    expect(extended.at(-1)!.logprob).toBeCloseTo(out.details!.tokens[0]!.logprob, 10);
    expect(base.run(PROMPT, { ...DETAILS, decoder_input_details: false }).details!.prefill).toEqual([]);
  });

  it("stops at </s> with finish_reason eos_token", () => {
    const out = base.run(PROMPT, { max_new_tokens: 20, details: true });
    expect(out.details!.finish_reason).toBe("eos_token");
    expect(out.details!.tokens.at(-1)).toMatchObject({ text: "</s>", special: true });
    expect(out.generated_text).toBe("positive");
  });

  it("rejects over-long inputs like TGI (422) unless asked to truncate", () => {
    const long = "good ".repeat(200);
    expect(() => base.run(long, DETAILS)).toThrow(StubHttpError);
    expect(() => base.run(long, DETAILS)).toThrow(/must have less than 128 tokens/);
    const out = base.run(long, { ...DETAILS, truncate: 50 });
    expect(out.details!.prefill).toHaveLength(50);
    expect(() => base.run(PROMPT, { max_new_tokens: -1 })).toThrow(/non-negative integer/);
  });

  it("is deterministic", () => {
    expect(base.run(PROMPT, { ...DETAILS, max_new_tokens: 5 })).toEqual(buildTextGenerationHandlers()[CAUSAL_LM_SPECS[1]!.name]!.run(PROMPT, { ...DETAILS, max_new_tokens: 5 }));
  });
});
