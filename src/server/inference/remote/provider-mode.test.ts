import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_HANDLERS, startInferenceStub, type InferenceStub } from "@/inference-stub";
import { createRemoteRunner } from "./create-remote-runner";

/**
 * Inference Providers live at huggingface.co (provider mapping) and router.huggingface.co
 * (inference), both hard-coded in the client. Offline, the test's fetch rewrites those two origins
 * to the stub, which serves the mapping and the hf-inference router path; any other host fails.
 */
const TOKEN = "hf_provider_mode_test";
let stub: InferenceStub;
const sent: string[] = [];
const rewritingFetch: typeof fetch = (input, init) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  sent.push(`${init?.method ?? "GET"} ${url.href}`);
  if (url.origin !== "https://huggingface.co" && url.origin !== "https://router.huggingface.co") {
    return Promise.reject(new Error(`unexpected host ${url.origin}`));
  }
  return fetch(`${stub.url}${url.pathname}${url.search}`, init);
};

beforeAll(async () => {
  // Model ids unique to this file: the client caches provider mappings per model id, per process.
  stub = await startInferenceStub({
    handlers: {
      "providers-test/sentiment": DEMO_HANDLERS["evalhub-demo/sentiment-keywords"],
      "providers-test/summarizer": DEMO_HANDLERS["evalhub-demo/summarize-lead"],
    },
    tokens: [TOKEN],
  });
});
afterAll(() => stub.close());

describe("remote runner with Inference Providers (huggingface.co intercepted)", () => {
  it("provider hf-inference: looks up the mapping, then posts to the router path of the model", async () => {
    sent.length = 0;
    const runner = createRemoteRunner({
      model: "providers-test/sentiment",
      endpoints: {},
      allowProviders: true,
      provider: "hf-inference",
      accessToken: TOKEN,
      concurrency: 2,
      timeoutMs: 5000,
      maxRetries: 0,
      fetch: rewritingFetch,
    });
    expect(runner.runner).toMatchObject({ endpoint: null, provider: "hf-inference" });
    const out = await runner.textClassification(["great", "awful"]);
    expect(out[0].positive).toBeGreaterThan(0.5);
    expect(out[1].negative).toBeGreaterThan(0.5);
    expect(sent).toContain("GET https://huggingface.co/api/models/providers-test/sentiment?expand[]=inferenceProviderMapping");
    expect(sent.filter((s) => s.startsWith("POST"))).toEqual(
      Array(2).fill("POST https://router.huggingface.co/hf-inference/models/providers-test/sentiment"),
    );
    expect(runner.runner).toMatchObject({
      name: "remote",
      provider: "hf-inference",
      endpoint: "https://router.huggingface.co/hf-inference/models/providers-test/sentiment",
    });
    expect(stub.requestsFor("providers-test/sentiment").map((r) => r.authorization)).toEqual(Array(2).fill(`Bearer ${TOKEN}`));
  });

  it('provider "auto": picks the first provider the mapping lists', async () => {
    sent.length = 0;
    const runner = createRemoteRunner({
      model: "providers-test/summarizer",
      endpoints: {},
      allowProviders: true,
      accessToken: TOKEN,
      concurrency: 1,
      timeoutMs: 5000,
      maxRetries: 0,
      fetch: rewritingFetch,
    });
    expect(runner.runner.provider).toBe("auto");
    expect(await runner.summarization(["One. Two."])).toEqual(["One."]);
    expect(sent[0]).toBe("GET https://huggingface.co/api/models/providers-test/summarizer?expand[]=inferenceProviderMapping");
    expect(sent.at(-1)).toBe("POST https://router.huggingface.co/hf-inference/models/providers-test/summarizer");
  });

  it("a model the Hub does not know fails as UNPROCESSABLE, naming the model", async () => {
    const runner = createRemoteRunner({
      model: "providers-test/missing",
      endpoints: {},
      allowProviders: true,
      provider: "hf-inference",
      accessToken: TOKEN,
      concurrency: 1,
      timeoutMs: 5000,
      maxRetries: 2,
      fetch: rewritingFetch,
    });
    await expect(runner.summarization(["x"])).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringMatching(/model providers-test\/missing failed: Inference Providers \(hf-inference\) answered HTTP 404/),
    });
  });
});
