import { describe, expect, it } from "vitest";
import { evaluationKey, type EvaluationKeyInput } from "./evaluation-key";

const base: EvaluationKeyInput = {
  model: "org/m",
  modelSha: "a".repeat(40),
  dataset: "org/d",
  datasetSha: "b".repeat(40),
  config: "default",
  split: "validation",
  task: "text-classification",
  columnMapping: { text: "sentence", target: "label" },
  runner: { name: "local", dtype: "fp32" },
};

describe("evaluationKey", () => {
  it("is stable and independent of key order", () => {
    const k = evaluationKey(base);
    expect(k).toMatch(/^ek_[0-9a-f]{40}$/);
    expect(evaluationKey({ ...base, columnMapping: { target: "label", text: "sentence" } })).toBe(k);
    expect(evaluationKey({ ...base, limit: null })).toBe(k);
  });
  it("changes with everything that changes predictions", () => {
    const k = evaluationKey(base);
    const variants: Partial<EvaluationKeyInput>[] = [
      { modelSha: "c".repeat(40) },
      { datasetSha: "d".repeat(40) },
      { config: "other" },
      { split: "test" },
      { columnMapping: { text: "sentence2", target: "label" } },
      { runner: { name: "local", dtype: "q8" } },
      { limit: 100 },
    ];
    const keys = variants.map((v) => evaluationKey({ ...base, ...v }));
    expect(new Set([k, ...keys]).size).toBe(variants.length + 1);
  });
});
