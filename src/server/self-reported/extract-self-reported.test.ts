import { describe, expect, it } from "vitest";
import { extractSelfReported } from "./extract-self-reported";

const DATASET = "org/data";
const card = (yaml: string) => `---\n${yaml}\n---\n# A model\n`;

describe("extractSelfReported", () => {
  it("reads the card's claims for the dataset, leaves EvalHub's own results out and skips bad values with the reason", () => {
    const out = extractSelfReported(
      card(`model-index:
- name: m
  results:
  - task: {type: text-classification}
    dataset: {name: Data, type: org/data, config: default, split: test}
    metrics:
    - {type: accuracy, value: 0.91, name: Accuracy}
    - {type: f1, value: "0.88"}
    - {type: recall, value: n/a}
    - {type: precision, value: 0.5, verified: true, verifyToken: eyJ.x.y}
  - task: {type: text-classification}
    dataset: {name: Data, type: org/data, split: test}
    metrics: [{type: accuracy, value: 0.7}]
    source: {name: EvalHub, url: "https://evalhub.example/evaluations/1"}
  - task: {type: text-classification}
    dataset: {name: Other, type: org/other}
    metrics: [{type: accuracy, value: 0.1}]
`),
      DATASET,
    );
    expect(out.readable).toBe(true);
    expect(out.rows.map((r) => [r.config, r.split, r.task, r.metric, r.value, r.metricName])).toEqual([
      ["default", "test", "text-classification", "accuracy", 0.91, "Accuracy"],
      ["default", "test", "text-classification", "f1", 0.88, null],
    ]);
    expect(out.skipped).toHaveLength(1);
    expect(out.skipped[0].reason).toMatch(/metrics\[2\] \(recall\): value "n\/a" is not a number/);
  });

  it("treats invalid YAML and a malformed model-index as an unreadable card, never throwing", () => {
    const yaml = extractSelfReported(card("model-index: [unclosed"), DATASET);
    expect(yaml).toMatchObject({ rows: [], readable: false });
    expect(yaml.skipped[0].reason).toMatch(/Invalid YAML/);
    const shape = extractSelfReported(card("model-index:\n- name: m\n  results:\n  - dataset: {name: D, type: org/data}\n    metrics: []"), DATASET);
    expect(shape).toMatchObject({ rows: [], readable: false });
    expect(shape.skipped[0].reason).toMatch(/model-index\[0\]\.results\[0\]\.task/);
  });

  it("keeps the first of two values for the same key and reports the second", () => {
    const out = extractSelfReported(
      card(`model-index:
- name: m
  results:
  - task: {type: text-classification}
    dataset: {name: D, type: org/data}
    metrics: [{type: accuracy, value: 0.9}, {type: accuracy, value: 0.8}]
`),
      DATASET,
    );
    expect(out.rows.map((r) => [r.config, r.split, r.value])).toEqual([["", "", 0.9]]);
    expect(out.skipped[0].reason).toMatch(/second value/);
  });

  it("gives nothing for a card without model-index or front matter", () => {
    expect(extractSelfReported("# just text\n", DATASET)).toEqual({ rows: [], skipped: [], readable: true });
  });
});
