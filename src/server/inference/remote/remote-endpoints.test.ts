import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { parseRemoteEndpoints, redactUrl, resolveRemoteTarget } from "./remote-endpoints";

describe("parseRemoteEndpoints", () => {
  it("reads a model -> endpointUrl map, and an empty value as no endpoints", () => {
    const json = JSON.stringify({ "org/model": { endpointUrl: "https://x.endpoints.huggingface.cloud" }, gpt2: { endpointUrl: "http://127.0.0.1:8081/models/gpt2" } });
    expect(parseRemoteEndpoints(json)).toEqual({
      "org/model": { endpointUrl: "https://x.endpoints.huggingface.cloud" },
      gpt2: { endpointUrl: "http://127.0.0.1:8081/models/gpt2" },
    });
    expect(parseRemoteEndpoints(undefined)).toEqual({});
    expect(parseRemoteEndpoints("  ")).toEqual({});
  });

  it("names the model key whose entry is wrong", () => {
    const json = JSON.stringify({ "org/ok": { endpointUrl: "https://ok.example" }, "org/bad": { endpointUrl: "ftp://x" } });
    expect(() => parseRemoteEndpoints(json)).toThrow(/"org\/bad"\.endpointUrl: must be an http\(s\) URL/);
    expect(() => parseRemoteEndpoints(JSON.stringify({ "org/m": { endpointUrl: "not a url" } }))).toThrow(/"org\/m"\.endpointUrl: must be an absolute URL/);
    expect(() => parseRemoteEndpoints(JSON.stringify({ "org/m": {} }))).toThrow(/"org\/m"\.endpointUrl/);
    expect(() => parseRemoteEndpoints(JSON.stringify({ "org/m": { endpointUrl: "https://a.b", provider: "together" } }))).toThrow(/"org\/m"/);
    expect(() => parseRemoteEndpoints(JSON.stringify({ "org/m": { endpointUrl: "https://user:pw@a.b" } }))).toThrow(/"org\/m"\.endpointUrl: must not contain credentials/);
    expect(() => parseRemoteEndpoints(JSON.stringify({ "a/b/c": { endpointUrl: "https://a.b" } }))).toThrow(/"a\/b\/c": not a model id/);
  });

  it("rejects JSON that is not an object of endpoints", () => {
    expect(() => parseRemoteEndpoints("{nope")).toThrow(/REMOTE_ENDPOINTS is not valid JSON/);
    expect(() => parseRemoteEndpoints("[]")).toThrow(/must be a JSON object/);
    expect(() => parseRemoteEndpoints("{}", "MY_VAR")).not.toThrow();
    expect(() => parseRemoteEndpoints("null", "MY_VAR")).toThrow(/^MY_VAR must be a JSON object/);
  });
});

describe("resolveRemoteTarget", () => {
  const endpoints = { "org/m": { endpointUrl: "https://m.example/x" } };

  it("prefers the configured endpoint, even when providers are allowed", () => {
    expect(resolveRemoteTarget({ model: "org/m", endpoints, allowProviders: true, provider: "together" })).toEqual({
      kind: "endpoint",
      endpointUrl: "https://m.example/x",
    });
  });

  it("refuses an unconfigured model unless the operator allowed Inference Providers", () => {
    const err = (() => {
      try {
        resolveRemoteTarget({ model: "org/other", endpoints });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "UNPROCESSABLE", field: "model" });
    expect((err as Error).message).toMatch(/org\/other has no remote inference endpoint/);
    expect(resolveRemoteTarget({ model: "org/other", endpoints, allowProviders: true })).toEqual({ kind: "provider", provider: "auto" });
    expect(resolveRemoteTarget({ model: "org/other", endpoints, allowProviders: true, provider: "hf-inference" })).toEqual({
      kind: "provider",
      provider: "hf-inference",
    });
  });

  it("does not treat inherited object keys as configured models", () => {
    expect(() => resolveRemoteTarget({ model: "constructor", endpoints })).toThrow(AppError);
  });

  it("rejects a provider the client does not know", () => {
    expect(() =>
      resolveRemoteTarget({ model: "x/y", endpoints, allowProviders: true, provider: "nope" as unknown as "auto" }),
    ).toThrow(/Unknown inference provider "nope"/);
  });
});

describe("redactUrl", () => {
  it("drops query, fragment and credentials", () => {
    expect(redactUrl("https://u:p@host.example:8443/models/a/b?api_key=secret#x")).toBe("https://host.example:8443/models/a/b");
    expect(redactUrl("nonsense")).toBe("[invalid URL]");
  });
});
