import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { alignLabels } from "./align-labels";

describe("alignLabels", () => {
  const datasetLabels = ["negative", "positive"];
  it("matches exact names", () => {
    const a = alignLabels({ model: "m", id2label: { "0": "negative", "1": "positive" }, datasetLabels });
    expect(a.modelToDataset).toEqual({ 0: 0, 1: 1 });
    expect(a.how).toEqual({ negative: "exact", positive: "exact" });
  });
  it("matches case-insensitively and in any order", () => {
    const a = alignLabels({ model: "m", id2label: { "0": "POSITIVE", "1": "NEGATIVE" }, datasetLabels });
    expect(a.modelToDataset).toEqual({ 0: 1, 1: 0 });
    expect(a.how.POSITIVE).toBe("case-insensitive");
  });
  it("maps LABEL_n to the dataset's class id n", () => {
    const a = alignLabels({ model: "m", id2label: { "0": "LABEL_0", "1": "LABEL_1" }, datasetLabels });
    expect(a.modelToDataset).toEqual({ 0: 0, 1: 1 });
    expect(a.how.LABEL_1).toBe("LABEL_n");
  });
  it("refuses labels it cannot place, showing both label sets", () => {
    let err: unknown;
    try {
      alignLabels({ model: "org/emotions", id2label: { "0": "joy", "1": "negative" }, datasetLabels });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe(
      "The labels of model org/emotions (joy, negative) cannot be aligned with the dataset's labels (negative, positive): no match for joy. Supply labelMapping (model label -> dataset label) to align them.",
    );
    expect((err as AppError).details).toEqual({ modelLabels: ["joy", "negative"], datasetLabels });
  });
  it("refuses two model labels landing on one dataset label", () => {
    expect(() => alignLabels({ model: "m", id2label: { "0": "Negative", "1": "negative" }, datasetLabels })).toThrow(/no match for Negative/);
  });
  it("refuses LABEL_n beyond the dataset's classes", () => {
    expect(() => alignLabels({ model: "m", id2label: { "0": "LABEL_0", "1": "LABEL_2" }, datasetLabels })).toThrow(/LABEL_2/);
  });
  it("applies the user's mapping first", () => {
    const a = alignLabels({ model: "m", id2label: { "0": "joy", "1": "anger" }, datasetLabels, userMapping: { joy: "positive", anger: "negative" } });
    expect(a.modelToDataset).toEqual({ 0: 1, 1: 0 });
    expect(a.how).toEqual({ joy: "user", anger: "user" });
  });
  it("names a user mapping that does not fit either label set", () => {
    expect(() => alignLabels({ model: "m", id2label: { "0": "joy" }, datasetLabels, userMapping: { fear: "negative" } })).toThrow(/"fear", which is not a label of model m \(joy\)/);
    expect(() => alignLabels({ model: "m", id2label: { "0": "joy" }, datasetLabels, userMapping: { joy: "neutral" } })).toThrow(/"neutral", which is not a label of the dataset \(negative, positive\)/);
  });
});
