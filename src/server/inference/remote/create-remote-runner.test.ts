import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_HANDLERS, startInferenceStub, type InferenceStub } from "@/inference-stub";
import { AppError } from "@/server/errors";
import { createRemoteRunner, type RemoteRunnerOptions } from "./create-remote-runner";

const TOKEN = "hf_remote_runner_test";
const M = {
  text: "evalhub-demo/sentiment-keywords",
  token: "evalhub-demo/ner-gazetteer",
  qa: "evalhub-demo/qa-overlap",
  sum: "evalhub-demo/summarize-lead",
  tr: "evalhub-demo/translate-en-fr-lexicon",
  img: "evalhub-demo/image-magic-bytes",
  zs: "evalhub-demo/zero-shot-keywords",
  zsLegacy: "legacy/zero-shot",
} as const;

let stub: InferenceStub;
beforeAll(async () => {
  stub = await startInferenceStub({
    handlers: { ...DEMO_HANDLERS, [M.zsLegacy]: { ...DEMO_HANDLERS[M.zs], legacyFormat: true } },
    tokens: [TOKEN],
  });
});
afterAll(() => stub.close());
beforeEach(() => stub.reset());

function runner(model: string, extra: Partial<RemoteRunnerOptions> = {}) {
  const endpoints = Object.fromEntries(Object.values(M).map((m) => [m, { endpointUrl: stub.endpointUrl(m) }]));
  return createRemoteRunner({ model, endpoints, accessToken: TOKEN, concurrency: 2, timeoutMs: 5000, maxRetries: 0, ...extra });
}

const bodies = (model: string) => stub.requestsFor(model).map((r) => r.json);

describe("createRemoteRunner through @huggingface/inference against the stub endpoint", () => {
  it("text-classification: label -> score per text, from the nested [[...]] answer", async () => {
    const out = await runner(M.text).textClassification(["a great film", "awful and boring", "neutral"]);
    expect(out).toHaveLength(3);
    expect(out[0].positive).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(out[1].negative).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(out[2]).toEqual({ negative: 0.5, positive: 0.5 });
    expect(bodies(M.text)).toEqual([{ inputs: "a great film" }, { inputs: "awful and boring" }, { inputs: "neutral" }]);
  });

  it("text-classification passes task parameters in the body", async () => {
    await runner(M.text).textClassification(["x"], { function_to_apply: "softmax", top_k: 2 });
    expect(bodies(M.text)).toEqual([{ inputs: "x", parameters: { function_to_apply: "softmax", top_k: 2 } }]);
  });

  it("token-classification: aggregated entity groups, asking for simple aggregation", async () => {
    const out = await runner(M.token).tokenClassification(["Alice met Bob in London", "nothing here"]);
    expect(out).toEqual([
      [
        { entity_group: "PER", score: 0.99, word: "Alice", start: 0, end: 5 },
        { entity_group: "PER", score: 0.99, word: "Bob", start: 10, end: 13 },
        { entity_group: "LOC", score: 0.99, word: "London", start: 17, end: 23 },
      ],
      [],
    ]);
    expect(bodies(M.token)[0]).toEqual({ inputs: "Alice met Bob in London", parameters: { aggregation_strategy: "simple" } });
    await runner(M.token).tokenClassification(["x"], { aggregation_strategy: "first", ignore_labels: ["O"] });
    expect(bodies(M.token)[2]).toEqual({ inputs: "x", parameters: { aggregation_strategy: "first", ignore_labels: ["O"] } });
  });

  it("question-answering: {answer, score, start, end} per question", async () => {
    const context = "The dog sleeps. The cat is on the mat.";
    const [a] = await runner(M.qa).questionAnswering([{ question: "Where is the cat?", context }]);
    expect(a).toEqual({ answer: "The cat is on the mat.", score: 4 / 6, start: 16, end: 38 });
    expect(context.slice(a.start, a.end)).toBe(a.answer);
    expect(bodies(M.qa)).toEqual([{ inputs: { question: "Where is the cat?", context } }]);
  });

  it("summarization and translation: one string per input", async () => {
    expect(await runner(M.sum).summarization(["First. Second.", "Only one"], { truncation: "longest_first" })).toEqual(["First.", "Only one"]);
    expect(bodies(M.sum)[0]).toEqual({ inputs: "First. Second.", parameters: { truncation: "longest_first" } });
    expect(await runner(M.tr).translation(["hello world", "the black cat"], { src_lang: "en", tgt_lang: "fr" })).toEqual([
      "bonjour monde",
      "le noir chat",
    ]);
    expect(bodies(M.tr)[1]).toEqual({ inputs: "the black cat", parameters: { src_lang: "en", tgt_lang: "fr" } });
  });

  it("image-classification: raw bytes in, label -> score out", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]).buffer;
    const out = await runner(M.img).imageClassification([png, jpeg, new Blob([new Uint8Array([1, 2, 3])])]);
    expect(out.map((scores) => Object.keys(scores)[0])).toEqual(["png", "jpeg", "other"]);
    const requests = stub.requestsFor(M.img);
    expect(requests.map((r) => [r.bytes, r.contentType, r.json])).toEqual([
      [6, null, null],
      [4, null, null],
      [3, null, null],
    ]);
  });

  it("zero-shot-classification: candidate labels sent as parameters; the legacy answer shape works too", async () => {
    const parameters = { candidate_labels: ["sports", "politics"], multi_label: false };
    const out = await runner(M.zs).zeroShotClassification(["I love sports"], parameters);
    expect(out[0].sports).toBeGreaterThan(out[0].politics);
    expect(bodies(M.zs)).toEqual([{ inputs: "I love sports", parameters }]);
    expect(await runner(M.zsLegacy).zeroShotClassification(["I love sports"], parameters)).toEqual(out);
  });

  it("sends the token as a Bearer header with the client's User-Agent, and records runner facts", async () => {
    const r = runner(M.sum, { concurrency: 3, timeoutMs: 1234, maxRetries: 2 });
    expect(r.runner).toMatchObject({ name: "remote", endpoint: stub.endpointUrl(M.sum), library: null, retries: 0 });
    await r.summarization(["A."]);
    const [req] = stub.requestsFor(M.sum);
    expect(req.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.userAgent).toMatch(/^@huggingface\/inference\/\d+\.\d+\.\d+/);
    expect(r.runner).toEqual({
      name: "remote",
      endpoint: stub.endpointUrl(M.sum),
      library: req.userAgent!.split(" ")[0],
      concurrency: 3,
      timeoutMs: 1234,
      maxRetries: 2,
      retries: 0,
    });
    expect(JSON.stringify(r.runner)).not.toContain(TOKEN);
  });

  it("strips the query string and credentials of the endpoint from the facts", () => {
    const r = createRemoteRunner({
      model: "org/m",
      endpoints: { "org/m": { endpointUrl: `${stub.url}/models/org/m?code=secret` } },
      concurrency: 1,
      timeoutMs: 100,
      maxRetries: 0,
    });
    expect(r.runner.endpoint).toBe(`${stub.url}/models/org/m`);
  });

  it("threads a custom fetch to the client, which makes exactly one POST per input", async () => {
    const seen: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      seen.push(`${init?.method} ${String(input)}`);
      return fetch(input, init);
    };
    await runner(M.text, { fetch: countingFetch }).textClassification(["a", "b", "c", "d"]);
    expect(seen).toEqual(Array(4).fill(`POST ${stub.endpointUrl(M.text)}`));
  });

  it("refuses a model with no configured endpoint when providers are off, before any request", () => {
    expect(() => runner("someone/else")).toThrow(AppError);
    expect(stub.requests).toHaveLength(0);
  });

  it("validates its numeric options", () => {
    expect(() => runner(M.text, { concurrency: 0 })).toThrow(/concurrency must be an integer >= 1/);
    expect(() => runner(M.text, { maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => runner(M.text, { timeoutMs: 0.5 })).toThrow(/timeoutMs/);
  });
});
