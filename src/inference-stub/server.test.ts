import { afterEach, describe, expect, it } from "vitest";
import { DEMO_HANDLERS } from "./demo-handlers";
import { StubHttpError } from "./respond";
import { startInferenceStub, type InferenceStub } from "./server";

let stub: InferenceStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("inference stub", () => {
  it("answers text-classification in the nested [[{label, score}]] shape, one inner list per input", async () => {
    stub = await startInferenceStub({ handlers: DEMO_HANDLERS });
    const res = await post(stub.endpointUrl("evalhub-demo/sentiment-keywords"), { inputs: "a great film" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = (await res.json()) as { label: string; score: number }[][];
    expect(body).toHaveLength(1);
    expect(body[0].map((x) => x.label)).toEqual(["positive", "negative"]);
    const batch = await (await post(stub.endpointUrl("evalhub-demo/sentiment-keywords"), { inputs: ["bad", "good"] })).json();
    expect((batch as unknown[]).length).toBe(2);
  });

  it("answers every other task in its Inference API shape", async () => {
    stub = await startInferenceStub({ handlers: DEMO_HANDLERS });
    const call = async (model: string, body: unknown) => (await post(stub!.endpointUrl(model), body)).json();
    expect(await call("evalhub-demo/ner-gazetteer", { inputs: "Bob lives in Berlin" })).toEqual([
      { entity_group: "PER", score: 0.99, word: "Bob", start: 0, end: 3 },
      { entity_group: "LOC", score: 0.99, word: "Berlin", start: 13, end: 19 },
    ]);
    expect(await call("evalhub-demo/qa-overlap", { inputs: { question: "Who?", context: "Alice." } })).toEqual({
      answer: "Alice.",
      score: 0,
      start: 0,
      end: 6,
    });
    expect(await call("evalhub-demo/summarize-lead", { inputs: "One. Two." })).toEqual([{ summary_text: "One." }]);
    expect(await call("evalhub-demo/translate-en-fr-lexicon", { inputs: "the cat" })).toEqual([{ translation_text: "le chat" }]);
    const zs = await call("evalhub-demo/zero-shot-keywords", { inputs: "sports news", parameters: { candidate_labels: ["sports", "art"] } });
    expect((zs as { label: string }[]).map((x) => x.label)).toEqual(["sports", "art"]);
  });

  it("classifies raw image bytes and base64 JSON images alike", async () => {
    stub = await startInferenceStub({ handlers: DEMO_HANDLERS });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]);
    const url = stub.endpointUrl("evalhub-demo/image-magic-bytes");
    const raw = await (await fetch(url, { method: "POST", body: png })).json();
    const b64 = await (await post(url, { inputs: png.toString("base64") })).json();
    expect(raw).toEqual(b64);
    expect((raw as { label: string }[])[0]).toEqual({ label: "png", score: 0.9 });
  });

  it("answers zero-shot in the legacy {sequence, labels, scores} shape when asked", async () => {
    stub = await startInferenceStub({
      handlers: { "t/zs": { ...DEMO_HANDLERS["evalhub-demo/zero-shot-keywords"], legacyFormat: true } },
    });
    const body = await (await post(stub.endpointUrl("t/zs"), { inputs: "art show", parameters: { candidate_labels: "sports, art" } })).json();
    expect(body).toMatchObject({ sequence: "art show", labels: ["art", "sports"] });
  });

  it("rejects malformed input with 400 and unknown models with 404, as JSON errors", async () => {
    stub = await startInferenceStub({
      handlers: {
        ...DEMO_HANDLERS,
        "t/picky": { task: "summarization", run: () => { throw new StubHttpError(400, "Input too long"); } },
      },
    });
    const missing = await post(stub.endpointUrl("evalhub-demo/summarize-lead"), { parameters: {} });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: "Missing `inputs`." });
    const noLabels = await post(stub.endpointUrl("evalhub-demo/zero-shot-keywords"), { inputs: "x" });
    expect(noLabels.status).toBe(400);
    expect((await post(stub.endpointUrl("t/picky"), { inputs: "x" })).status).toBe(400);
    const unknown = await post(stub.endpointUrl("nobody/nothing"), { inputs: "x" });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/json");
  });

  it("rejects tokens it was not given with 401", async () => {
    stub = await startInferenceStub({ handlers: DEMO_HANDLERS, tokens: ["hf_good"] });
    const url = stub.endpointUrl("evalhub-demo/summarize-lead");
    expect((await post(url, { inputs: "x" })).status).toBe(401);
    expect((await post(url, { inputs: "x" }, { Authorization: "Bearer hf_bad" })).status).toBe(401);
    expect((await post(url, { inputs: "x" }, { Authorization: "Bearer hf_good" })).status).toBe(200);
    expect(stub.requestsFor("evalhub-demo/summarize-lead").map((r) => r.authorization)).toEqual([null, "Bearer hf_bad", "Bearer hf_good"]);
  });

  it("fails the first requests as scripted, with Retry-After, then answers normally", async () => {
    stub = await startInferenceStub({ handlers: DEMO_HANDLERS });
    const model = "evalhub-demo/summarize-lead";
    stub.setFaults(model, { failFirst: { count: 2, status: 503 }, script: [{ status: 429, retryAfter: 7 }] });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const res = await post(stub.endpointUrl(model), { inputs: "A. B." });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
      if (res.status === 503) expect(await res.json()).toMatchObject({ error: `Model ${model} is currently loading` });
    }
    expect(statuses).toEqual([503, 503, 429, 200]);
    expect(retryAfter).toBe("7");
    expect(stub.stats(model).requests).toBe(4);
  });

  it("delays answers and counts the requests in flight", async () => {
    stub = await startInferenceStub({ handlers: DEMO_HANDLERS });
    const model = "evalhub-demo/summarize-lead";
    stub.setFaults(model, { delayMs: 50 });
    const started = Date.now();
    await Promise.all([1, 2, 3].map(() => post(stub!.endpointUrl(model), { inputs: "x" })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(stub.stats(model)).toEqual({ requests: 3, inFlight: 0, maxInFlight: 3 });
  });

  it("serves the provider mapping and the hf-inference router path", async () => {
    stub = await startInferenceStub({ handlers: DEMO_HANDLERS });
    const mapping = await (await fetch(`${stub.url}/api/models/evalhub-demo/qa-overlap?expand[]=inferenceProviderMapping`)).json();
    expect(mapping).toMatchObject({ inferenceProviderMapping: { "hf-inference": { status: "live", task: "question-answering" } } });
    const res = await post(`${stub.url}/hf-inference/models/evalhub-demo/summarize-lead`, { inputs: "Hi. There." });
    expect(await res.json()).toEqual([{ summary_text: "Hi." }]);
  });
});
