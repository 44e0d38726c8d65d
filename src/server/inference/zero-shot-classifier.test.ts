import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { buildHypotheses, findNliLabels, truncateOnlyFirst, zeroShotScores } from "./zero-shot-classifier";

const MNLI = { "0": "CONTRADICTION", "1": "NEUTRAL", "2": "ENTAILMENT" };

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error("expected a refusal");
};

describe("findNliLabels", () => {
  it("finds MNLI's entailment and contradiction outputs by name, case-insensitively", () => {
    expect(findNliLabels(MNLI, "m")).toEqual({ entailment: { id: 2, label: "ENTAILMENT" }, contradiction: { id: 0, label: "CONTRADICTION" } });
  });

  it("accepts a two-way QNLI/RTE model: not_entailment plays contradiction", () => {
    expect(findNliLabels({ "0": "entailment", "1": "not_entailment" }, "m")).toEqual({
      entailment: { id: 0, label: "entailment" },
      contradiction: { id: 1, label: "not_entailment" },
    });
  });

  it("leaves contradiction empty when the model has none", () => {
    expect(findNliLabels({ "0": "neutral", "1": "entailment" }, "m").contradiction).toBeNull();
  });

  it("refuses a model without an entailment label, naming its labels", () => {
    const err = refusal(() => findNliLabels({ "0": "negative", "1": "positive" }, "acme/sentiment"));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("UNPROCESSABLE");
    expect(err.message).toContain("acme/sentiment");
    expect(err.message).toContain("negative, positive");
    expect(refusal(() => findNliLabels(undefined, "m")).code).toBe("UNPROCESSABLE");
  });
});

describe("buildHypotheses", () => {
  it("fills the default template, or a custom one (first {} only, as transformers.js)", () => {
    expect(buildHypotheses(["sports", "politics"])).toEqual(["This example is sports.", "This example is politics."]);
    expect(buildHypotheses(["joy"], "The mood is {} {}")).toEqual(["The mood is joy {}"]);
  });

  it("refuses a template without {} and an empty candidate list", () => {
    const err = refusal(() => buildHypotheses(["a"], "This example is"));
    expect(err.code).toBe("UNPROCESSABLE");
    expect(err.field).toBe("hypothesisTemplate");
    expect(refusal(() => buildHypotheses([])).code).toBe("UNPROCESSABLE");
  });
});

describe("zeroShotScores", () => {
  const labels = findNliLabels(MNLI, "m");
  const rows = [
    [0.5, 0.1, 2.0],
    [1.0, 0.0, -1.0],
    [0.0, 0.0, 0.0],
  ];

  it("single-label: softmax of the entailment logits across candidates", () => {
    const e = [Math.exp(2), Math.exp(-1), Math.exp(0)];
    const sum = e[0]! + e[1]! + e[2]!;
    const scores = zeroShotScores(rows, labels, false);
    scores.forEach((s, i) => expect(s).toBeCloseTo(e[i]! / sum, 12));
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("multi-label: per candidate, softmax of [contradiction, entailment] (neutral ignored)", () => {
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    expect(zeroShotScores(rows, labels, true)).toEqual([sigmoid(1.5), sigmoid(-2), 0.5].map((v) => expect.closeTo(v, 12)));
  });

  it("a single candidate is scored like multi-label (a softmax over one value would always be 1)", () => {
    expect(zeroShotScores([rows[0]!], labels, false)[0]).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 12);
  });

  it("refuses multi-label for a model without a contradiction output", () => {
    const noContra = findNliLabels({ "0": "neutral", "1": "entailment" }, "m");
    expect(zeroShotScores([[0, 1], [1, 0]], noContra, false)).toHaveLength(2);
    expect(refusal(() => zeroShotScores([[0, 1]], noContra, true)).code).toBe("UNPROCESSABLE");
  });
});

describe("truncateOnlyFirst", () => {
  // [CLS]=1 premise 10 11 12 13 [SEP]=2 hypothesis 20 21 [SEP]=2
  const enc = { input_ids: [1, 10, 11, 12, 13, 2, 20, 21, 2], attention_mask: Array(9).fill(1), token_type_ids: [0, 0, 0, 0, 0, 0, 1, 1, 1] };

  it("cuts the end of the premise and keeps the hypothesis whole", () => {
    expect(truncateOnlyFirst(enc, [10, 11, 12, 13], 7)).toEqual({
      input_ids: [1, 10, 11, 2, 20, 21, 2],
      attention_mask: Array(7).fill(1),
      token_type_ids: [0, 0, 0, 0, 1, 1, 1],
    });
  });

  it("leaves a pair that fits alone", () => {
    expect(truncateOnlyFirst(enc, [10, 11, 12, 13], 9)).toBe(enc);
  });

  it("cuts the end when the premise is too short to absorb the overflow", () => {
    expect(truncateOnlyFirst(enc, [10, 11, 12, 13], 4).input_ids).toEqual([1, 10, 11, 12]);
  });
});
