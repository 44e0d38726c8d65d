import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { logSoftmaxAt, pickClass, prepareSequence } from "./causal-lm-scorer";

describe("pickClass", () => {
  it("takes the highest summed log-probability", () => {
    expect(pickClass([{ logprob: -3, tokens: 1 }, { logprob: -1, tokens: 3 }, { logprob: -2, tokens: 1 }], { normalize: "none" })).toBe(1);
  });

  it("with normalize: tokens, compares the mean log-probability per token", () => {
    const scores = [{ logprob: -3, tokens: 1 }, { logprob: -4, tokens: 4 }];
    expect(pickClass(scores, { normalize: "none" })).toBe(0);
    expect(pickClass(scores, { normalize: "tokens" })).toBe(1);
  });

  it("breaks ties towards the lowest index, and counts a token-less completion by its sum", () => {
    expect(pickClass([{ logprob: -1, tokens: 1 }, { logprob: -1, tokens: 1 }], { normalize: "none" })).toBe(0);
    expect(pickClass([{ logprob: -2, tokens: 2 }, { logprob: 0, tokens: 0 }], { normalize: "tokens" })).toBe(1);
    expect(() => pickClass([], { normalize: "none" })).toThrow();
  });
});

describe("prepareSequence", () => {
  it("scores the tokens after the prompt's ids", () => {
    expect(prepareSequence({ promptIds: [2, 10, 11], fullIds: [2, 10, 11, 12, 13], startId: 2, maxLength: null })).toEqual({ ids: [2, 10, 11, 12, 13], first: 3, truncated: false });
  });

  it("scores a token merged across the prompt boundary instead of dropping it", () => {
    // e.g. BPE: the prompt ends in token 6, but with the completion appended it merges into token 9.
    expect(prepareSequence({ promptIds: [5, 6], fullIds: [5, 9], startId: null, maxLength: null })).toMatchObject({ ids: [5, 9], first: 1 });
  });

  it("puts BOS (or EOS) before a completion with nothing before it, as lm-evaluation-harness does", () => {
    expect(prepareSequence({ promptIds: [], fullIds: [7, 8], startId: 0, maxLength: null })).toEqual({ ids: [0, 7, 8], first: 1, truncated: false });
    // Without any start token the first completion token cannot be predicted, so it is not scored.
    expect(prepareSequence({ promptIds: [], fullIds: [7, 8], startId: null, maxLength: null })).toEqual({ ids: [7, 8], first: 1, truncated: false });
  });

  it("cuts the prompt from the left so that at most maxLength tokens are fed", () => {
    const full = [2, 10, 11, 12, 13, 14, 15];
    expect(prepareSequence({ promptIds: full.slice(0, 5), fullIds: full, startId: 2, maxLength: 6 })).toEqual({ ids: full, first: 5, truncated: false });
    expect(prepareSequence({ promptIds: full.slice(0, 5), fullIds: full, startId: 2, maxLength: 4 })).toEqual({ ids: [11, 12, 13, 14, 15], first: 3, truncated: true });
    // A completion longer than the window keeps its last tokens.
    expect(prepareSequence({ promptIds: [2], fullIds: [2, 20, 21, 22, 23], startId: 2, maxLength: 2 })).toEqual({ ids: [21, 22, 23], first: 1, truncated: true });
  });
});

describe("logSoftmaxAt", () => {
  it("is the log of the softmax, stable for large logits", () => {
    expect(logSoftmaxAt([0, 0], 1)).toBeCloseTo(Math.log(0.5), 12);
    expect(logSoftmaxAt([1000, 1000 + Math.log(3)], 1)).toBeCloseTo(Math.log(0.75), 12);
  });
});
