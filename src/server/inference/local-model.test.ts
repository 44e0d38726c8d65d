import { describe, expect, it } from "vitest";
import { modelLoadError, withoutServerPaths } from "./local-model";

describe("model load errors shown to users", () => {
  it("drop the server's cache paths but keep the file inside the repo", () => {
    expect(withoutServerPaths("Load model from /tmp/evalhub-hub-abc/.model-cache/fixtures/bad/abc123/onnx/model.onnx failed:Protobuf parsing failed")).toBe(
      "Load model from onnx/model.onnx failed:Protobuf parsing failed",
    );
    expect(withoutServerPaths("could not read /srv/.data/model-cache/a/b/tokenizer.json: Unexpected token")).toBe("could not read tokenizer.json: Unexpected token");
    expect(withoutServerPaths("the hub answered 500")).toBe("the hub answered 500");
  });
  it("say which model failed, transient network failures being retryable", () => {
    const e = modelLoadError({ model: "org/m", revision: "0123456789abcdef" }, new Error("Load model from /x/y/onnx/model.onnx failed\nstack"));
    expect(e.message).toBe("Model org/m@0123456789 could not be loaded by transformers.js: Load model from onnx/model.onnx failed");
    expect(e.code).toBe("UNPROCESSABLE");
    expect(modelLoadError({ model: "org/m", revision: "abc" }, new Error("fetch failed")).code).toBe("UNAVAILABLE");
  });
});
