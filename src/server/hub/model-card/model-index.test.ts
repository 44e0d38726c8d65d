import { describe, expect, it } from "vitest";
import { ModelIndexError } from "./errors";
import { buildEvalResult, parseModelIndex } from "./model-index";

describe("buildEvalResult", () => {
  it("writes keys in huggingface_hub's order and leaves out absent fields", () => {
    const result = buildEvalResult({
      task: { type: "text-classification" },
      dataset: { type: "glue", name: "GLUE", config: "sst2", split: "validation" },
      metrics: [{ type: "accuracy", value: 0.5, verified: true, verifyToken: "tok", name: "Accuracy" }],
      source: { name: "EvalHub", url: "https://evalhub.test/r/1" },
    });
    expect(result).toEqual({
      task: { type: "text-classification" },
      dataset: { name: "GLUE", type: "glue", config: "sst2", split: "validation" },
      metrics: [{ type: "accuracy", value: 0.5, name: "Accuracy", verified: true, verifyToken: "tok" }],
      source: { url: "https://evalhub.test/r/1", name: "EvalHub" },
    });
    expect(Object.keys(result.dataset)).toEqual(["name", "type", "config", "split"]);
    expect(Object.keys(result.metrics[0]!)).toEqual(["type", "value", "name", "verified", "verifyToken"]);
  });

  it("refuses values YAML and JSON readers would not agree on", () => {
    const opts = { task: { type: "t" }, dataset: { type: "d", name: "d" } };
    expect(() => buildEvalResult({ ...opts, metrics: [{ type: "f1", value: Number.NaN }] })).toThrowError(
      ModelIndexError,
    );
  });
});

describe("parseModelIndex", () => {
  it("accepts third-party extras: unknown keys, string values, numeric configs, nulls", () => {
    const value = [
      {
        name: "m",
        extra: true,
        results: [
          {
            task: { type: "automatic-speech-recognition", name: null },
            dataset: { type: "common_voice", name: "CV", config: 11, url: "x" },
            metrics: [{ type: "wer", value: "20.0 ± 1.2", verified: false }],
          },
        ],
      },
    ];
    expect(parseModelIndex(value)).toEqual(value);
  });

  it("names the wrong path", () => {
    const bad = [{ name: "m", results: [{ task: { type: "t" }, dataset: { type: "d" }, metrics: [] }] }];
    expect(() => parseModelIndex(bad)).toThrowError(
      expect.objectContaining({ name: "ModelIndexError", path: "model-index[0].results[0].dataset.name" }),
    );
    const noValue = [{ name: "m", results: [{ task: { type: "t" }, dataset: { type: "d", name: "d" }, metrics: [{ type: "acc" }] }] }];
    expect(() => parseModelIndex(noValue)).toThrowError(/^model-index\[0\]\.results\[0\]\.metrics\[0\]\.value: /);
    expect(() => parseModelIndex({ name: "m" })).toThrowError(/^model-index: /);
  });
});
