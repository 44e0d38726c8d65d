import { describe, expect, it } from "vitest";
import type { InferenceConfig } from "@/server/inference/inference-config";
import { describeRunner } from "./list-compatible-models";

const ONNX = ["config.json", "tokenizer.json", "onnx/model.onnx", "README.md"];
const withEndpoint = (model: string): InferenceConfig => ({
  remote: { endpoints: { [model]: { endpointUrl: "https://example.endpoints.huggingface.cloud" } }, concurrency: 1, timeoutMs: 1000, maxRetries: 0 },
});

describe("describeRunner", () => {
  it("runs a model with ONNX weights in the transformers.js layout locally", () => {
    expect(describeRunner({ task: "text-classification", model: "a/b", files: ONNX })).toEqual({ kind: "local" });
  });

  it("names the missing files and the missing endpoint when a model cannot run", () => {
    expect(describeRunner({ task: "text-classification", model: "a/b", files: ["config.json", "model.safetensors"] })).toEqual({
      kind: "unavailable",
      reason: "no tokenizer.json, onnx/model.onnx for the local runner, and no remote endpoint is configured for it",
    });
  });

  it("uses the operator's endpoint for a model without ONNX weights, and for generation tasks the local runner lacks", () => {
    expect(describeRunner({ task: "text-classification", model: "a/b", files: ["config.json"], inference: withEndpoint("a/b") })).toEqual({ kind: "remote" });
    expect(describeRunner({ task: "summarization", model: "a/b", files: ONNX, inference: withEndpoint("a/b") })).toEqual({ kind: "remote" });
    expect(describeRunner({ task: "summarization", model: "a/b", files: ONNX }).kind).toBe("unavailable");
  });

  it("never reads an endpoint from the object prototype, and never scores text generation remotely", () => {
    expect(describeRunner({ task: "translation", model: "constructor", files: [], inference: withEndpoint("a/b") }).kind).toBe("unavailable");
    const r = describeRunner({ task: "text-generation", model: "a/b", files: ["config.json"], inference: withEndpoint("a/b") });
    expect(r).toEqual({ kind: "unavailable", reason: "no tokenizer.json, onnx/model.onnx for the local runner, and remote endpoints return no token log-probabilities" });
  });
});
