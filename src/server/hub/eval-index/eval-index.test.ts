import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseCard } from "@/server/hub/model-card";
import { buildTrainEvalIndexEntry, trainEvalIndexYaml } from "./build-train-eval-index";
import { mergeTrainEvalIndex } from "./merge-dataset-card";
import { readEvalIndex } from "@/server/datasets/get-dataset-options";

const entry = buildTrainEvalIndexEntry({
  config: "default",
  split: "validation",
  trainSplit: "train",
  task: "text-classification",
  columnMapping: { text: "sentence", target: "label" },
  metrics: ["accuracy", "f1"],
  numLabels: 2,
});

describe("train-eval-index generation", () => {
  it("writes the original tool's entry shape, which reads back as the same preset", () => {
    expect(entry).toEqual({
      config: "default",
      task: "text-classification",
      task_id: "binary_classification",
      splits: { train_split: "train", eval_split: "validation" },
      col_mapping: { sentence: "text", label: "target" },
      metrics: [
        { type: "accuracy", name: "Accuracy" },
        { type: "f1", name: "F1" },
      ],
    });
    const yaml = trainEvalIndexYaml(entry);
    expect(readEvalIndex(parse(yaml)["train-eval-index"])).toEqual([
      { config: "default", task: "text-classification", split: "validation", columnMapping: { text: "sentence", target: "label" }, metrics: ["accuracy", "f1"], source: "train-eval-index" },
    ]);
  });

  it("merges into a card, keeping the body and other keys byte for byte, and replaces its own entry", () => {
    const card = "---\r\nlicense: mit  # keep this comment\r\npretty_name: 'SST-2'\r\n---\r\n# Body\r\n---\r\nmore\r\n";
    const once = mergeTrainEvalIndex(card, entry);
    expect(once.changed).toBe(true);
    expect(once.content.startsWith("---\r\nlicense: mit  # keep this comment\r\npretty_name: 'SST-2'\r\n")).toBe(true);
    expect(parseCard(once.content).body).toBe("# Body\r\n---\r\nmore\r\n");
    expect(mergeTrainEvalIndex(once.content, entry)).toEqual({ content: once.content, changed: false });
    const changed = mergeTrainEvalIndex(once.content, { ...entry, metrics: [{ type: "accuracy", name: "Accuracy" }] });
    const index = (parseCard(changed.content).metadata["train-eval-index"] as unknown[]);
    expect(index).toHaveLength(1);
  });

  it("rewrites an existing train-eval-index in place, before other keys", () => {
    const card = "---\ntrain-eval-index:\n- config: other\n  task: text-classification\n  splits:\n    eval_split: test\nlicense:   mit # spaced\n---\nbody\n";
    const out = mergeTrainEvalIndex(card, entry).content;
    expect(out.endsWith("license:   mit # spaced\n---\nbody\n")).toBe(true);
    expect((parseCard(out).metadata["train-eval-index"] as { config: string }[]).map((e) => e.config)).toEqual(["other", "default"]);
  });

  it("creates front matter for a card without one, or no card at all", () => {
    expect(parseCard(mergeTrainEvalIndex("# Just text\n", entry).content).body).toBe("# Just text\n");
    expect(parseCard(mergeTrainEvalIndex(null, entry).content).metadata["train-eval-index"]).toHaveLength(1);
  });
});
