import { afterEach, describe, expect, it } from "vitest";
import { startInferenceStub, StubHttpError, type InferenceStub, type StubFaults } from "@/inference-stub";
import { AppError } from "@/server/errors";
import type { RetryEvent } from "./call-with-retries";
import { createRemoteRunner, type RemoteRunnerOptions } from "./create-remote-runner";

const TOKEN = "hf_reliability_secret_token";
const MODEL = "org/echo";

let stub: InferenceStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

/** Echo summarizer: the "summary" is the input, so order can be checked. Delay per input via "sleep:N". */
async function start(faults?: StubFaults, run?: (text: string) => string) {
  stub = await startInferenceStub({
    handlers: { [MODEL]: { task: "summarization", run: run ?? ((t) => t.toUpperCase()), faults } },
    tokens: [TOKEN],
  });
  return stub;
}

function setup(s: InferenceStub, extra: Partial<RemoteRunnerOptions> = {}) {
  const delays: number[] = [];
  const retries: RetryEvent[] = [];
  const runner = createRemoteRunner({
    model: MODEL,
    endpoints: { [MODEL]: { endpointUrl: s.endpointUrl(MODEL) } },
    accessToken: TOKEN,
    concurrency: 1,
    timeoutMs: 2000,
    maxRetries: 3,
    // Records the waits instead of sleeping, so tests stay fast.
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    backoffBaseMs: 100,
    onRetry: (e) => retries.push(e),
    ...extra,
  });
  return { runner, delays, retries };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected a failure");
}

describe("remote runner reliability", () => {
  it("retries a 503 with exponential backoff instead of the client's unbounded loop", async () => {
    const s = await start({ failFirst: { count: 2, status: 503 } });
    const { runner, delays, retries } = setup(s);
    expect(await runner.summarization(["hello"])).toEqual(["HELLO"]);
    expect(s.stats(MODEL).requests).toBe(3);
    // base 100 ms, equal jitter at random()=0.5: 75, then 150.
    expect(delays).toEqual([75, 150]);
    expect(retries.map((r) => [r.retry, r.status])).toEqual([
      [1, 503],
      [2, 503],
    ]);
    expect(retries[0].reason).toMatch(/answered HTTP 503: Model org\/echo is currently loading/);
    expect(runner.runner.retries).toBe(2);
  });

  it("honours Retry-After in seconds on a 429", async () => {
    const s = await start({ failFirst: { count: 1, status: 429, retryAfter: 2 } });
    const { runner, delays } = setup(s);
    expect(await runner.summarization(["x"])).toEqual(["X"]);
    expect(delays).toEqual([2000]);
  });

  it("honours Retry-After as an HTTP date, capped by maxRetryAfterMs", async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const s = await start({ script: [{ status: 500, retryAfter: inTenSeconds }, { status: 503, retryAfter: 3600 }] });
    const { runner, delays } = setup(s, { maxRetryAfterMs: 20_000 });
    await runner.summarization(["x"]);
    expect(delays).toHaveLength(2);
    // HTTP dates have whole seconds, and a little time passes before the answer is read.
    expect(delays[0]).toBeGreaterThan(7000);
    expect(delays[0]).toBeLessThanOrEqual(10_000);
    expect(delays[1]).toBe(20_000);
  });

  it("really waits with the default sleep (small backoff base)", async () => {
    const s = await start({ failFirst: { count: 2, status: 500 } });
    const { runner } = setup(s, { sleep: undefined, backoffBaseMs: 20, random: () => 1 });
    const started = Date.now();
    await runner.summarization(["x"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55); // 20 + 40
    expect(runner.runner.retries).toBe(2);
  });

  it("fails as UNAVAILABLE once the retries are used up, naming model, endpoint and status", async () => {
    const s = await start({ failFirst: { count: 100, status: 503 } });
    const { runner } = setup(s, { maxRetries: 2 });
    const err = await failure(runner.summarization(["x"]));
    expect(err.code).toBe("UNAVAILABLE");
    expect(err.message).toBe(
      `Remote inference for model ${MODEL} is unavailable: the endpoint ${s.endpointUrl(MODEL)} answered HTTP 503: Model ${MODEL} is currently loading (3 attempts).`,
    );
    expect(err.details).toEqual({ model: MODEL, status: 503, attempts: 3 });
    expect(s.stats(MODEL).requests).toBe(3);
  });

  it("times out a hanging request, retries it, and succeeds", async () => {
    const s = await start({ script: [{ delayMs: 2000 }] });
    const { runner, retries } = setup(s, { timeoutMs: 100 });
    const started = Date.now();
    expect(await runner.summarization(["late"])).toEqual(["LATE"]);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(retries).toHaveLength(1);
    expect(retries[0].reason).toBe("did not answer within 100 ms");
    expect(s.stats(MODEL).requests).toBe(2);
  });

  it("fails as UNAVAILABLE when every attempt times out", async () => {
    const s = await start({ delayMs: 2000 });
    const { runner } = setup(s, { timeoutMs: 80, maxRetries: 1 });
    const err = await failure(runner.summarization(["x"]));
    expect(err.code).toBe("UNAVAILABLE");
    expect(err.message).toMatch(/did not answer within 80 ms \(2 attempts\)/);
    expect(s.stats(MODEL).requests).toBe(2);
  });

  it("fails a 400 at once as UNPROCESSABLE, without retrying", async () => {
    const s = await start(undefined, () => {
      throw new StubHttpError(400, "Input is too long for this model");
    });
    const { runner, delays } = setup(s);
    const err = await failure(runner.summarization(["x"]));
    expect(err.code).toBe("UNPROCESSABLE");
    expect(err.status).toBe(422);
    expect(err.message).toBe(
      `Remote inference for model ${MODEL} failed: the endpoint ${s.endpointUrl(MODEL)} answered HTTP 400: Input is too long for this model.`,
    );
    expect(s.stats(MODEL).requests).toBe(1);
    expect(delays).toEqual([]);
  });

  it("fails a rejected token (401) as UNPROCESSABLE without the token in the message", async () => {
    const s = await start();
    const wrong = "hf_wrong_token_do_not_leak";
    const { runner } = setup(s, { accessToken: wrong });
    const err = await failure(runner.summarization(["x"]));
    expect(err.code).toBe("UNPROCESSABLE");
    expect(err.message).toMatch(/answered HTTP 401: Invalid credentials/);
    expect(s.requestsFor(MODEL)[0].authorization).toBe(`Bearer ${wrong}`);
    expect(JSON.stringify({ message: err.message, details: err.details, stack: err.stack })).not.toContain(wrong);
  });

  it("redacts the token even when the server echoes it back", async () => {
    const s = await start(undefined, () => {
      throw new StubHttpError(403, `token ${TOKEN} may not call this endpoint`);
    });
    const { runner } = setup(s);
    const err = await failure(runner.summarization(["x"]));
    expect(err.message).toContain("token [redacted] may not call");
    expect(`${err.message}${err.stack}${JSON.stringify(err.details)}`).not.toContain(TOKEN);
  });

  it("reports an answer of the wrong shape as UNPROCESSABLE", async () => {
    stub = await startInferenceStub({ handlers: { [MODEL]: { task: "translation", run: (t) => t } } });
    const { runner } = setup(stub);
    // A translation endpoint configured for a summarization run.
    const err = await failure(runner.summarization(["x"]));
    expect(err.code).toBe("UNPROCESSABLE");
    expect(err.message).toMatch(/answered in an unexpected shape/);
  });

  it("retries an unreachable endpoint and then fails as UNAVAILABLE", async () => {
    const s = await start();
    const url = s.endpointUrl(MODEL);
    await s.close();
    stub = undefined;
    const { runner, delays } = setup(s, { maxRetries: 2 });
    const err = await failure(runner.summarization(["x"]));
    expect(err.code).toBe("UNAVAILABLE");
    expect(err.message).toMatch(new RegExp(`the endpoint ${url} could not be reached \\(ECONNREFUSED\\) \\(3 attempts\\)`));
    expect(delays).toHaveLength(2);
  });

  it("keeps at most `concurrency` requests in flight and returns results in input order", async () => {
    // Earlier inputs take longer, so answers arrive out of order.
    const s = await start({ delayMs: 0 });
    const inputs = Array.from({ length: 12 }, (_, i) => `item ${i}`);
    const waits = new Map(inputs.map((t, i) => [t, (12 - i) * 5]));
    s.setFaults(MODEL, { script: inputs.map((t) => ({ delayMs: waits.get(t) })) });
    const { runner } = setup(s, { concurrency: 4 });
    const out = await runner.summarization(inputs);
    expect(out).toEqual(inputs.map((t) => t.toUpperCase()));
    expect(s.stats(MODEL).maxInFlight).toBe(4);
    expect(s.stats(MODEL).requests).toBe(12);
  });

  it("retries one failing input of a batch without disturbing the others", async () => {
    const s = await start({ script: [{}, { status: 503 }, {}, { status: 429, retryAfter: 1 }] });
    const { runner, delays } = setup(s, { concurrency: 1 });
    expect(await runner.summarization(["a", "b", "c"])).toEqual(["A", "B", "C"]);
    expect(s.requestsFor(MODEL).map((r) => [(r.json as { inputs: string }).inputs, r.status])).toEqual([
      ["a", 200],
      ["b", 503],
      ["b", 200],
      ["c", 429],
      ["c", 200],
    ]);
    expect(delays).toEqual([75, 1000]);
    expect(runner.runner.retries).toBe(2);
  });

  it("stops the batch at the first permanent failure", async () => {
    const s = await start(undefined, (t) => {
      if (t === "bad") throw new StubHttpError(422, "unprocessable input");
      return t;
    });
    const { runner } = setup(s, { concurrency: 1 });
    const err = await failure(runner.summarization(["ok", "bad", "never", "sent"]));
    expect(err.message).toMatch(/HTTP 422: unprocessable input/);
    expect(s.requestsFor(MODEL).map((r) => (r.json as { inputs: string }).inputs)).toEqual(["ok", "bad"]);
  });

  it("lets the caller cancel: in-flight requests are aborted and nothing is retried", async () => {
    const s = await start({ delayMs: 5000 });
    const controller = new AbortController();
    const { runner, retries } = setup(s, { signal: controller.signal, concurrency: 2 });
    const run = runner.summarization(["a", "b", "c"]);
    setTimeout(() => controller.abort(new Error("job cancelled")), 50);
    await expect(run).rejects.toThrow("job cancelled");
    expect(retries).toEqual([]);
    expect(s.stats(MODEL).requests).toBe(2);
  });
});
