import { describe, expect, it } from "vitest";
import { readEvalIndex } from "./get-dataset-options";

describe("readEvalIndex", () => {
  it("turns train-eval-index entries into presets (col_mapping reversed, hyphen/underscore task ids)", () => {
    const presets = readEvalIndex([
      {
        config: "default",
        task: "text_classification",
        task_id: "binary_classification",
        splits: { train_split: "train", eval_split: "validation" },
        col_mapping: { sentence: "text", label: "target" },
        metrics: [{ type: "accuracy" }, { type: "f1", args: { average: "macro" } }, { type: "bleu" }],
      },
      { config: "x", task: "automatic-speech-recognition", splits: { eval_split: "test" } },
      { config: "y", task: "text-classification" },
    ]);
    expect(presets).toEqual([
      { config: "default", task: "text-classification", split: "validation", columnMapping: { text: "sentence", target: "label" }, metrics: ["accuracy", "f1"], source: "train-eval-index" },
    ]);
  });
  it("ignores a missing or malformed index", () => {
    expect(readEvalIndex(undefined)).toEqual([]);
    expect(readEvalIndex("nope")).toEqual([]);
  });
});
