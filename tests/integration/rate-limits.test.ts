import net from "node:net";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { createRedis } from "@/server/queue";
import { limitSubmission } from "@/server/rate-limit/limit-submission";
import type { SubmissionLimits } from "@/server/rate-limit/limits";
import { reserveSubmission } from "@/server/rate-limit/reserve-submission";
import { REDIS_URL, testQueuePrefix } from "../helpers/database";
import { freePort, startStack } from "../helpers/stack";

/**
 * Rate limits on submissions, through the real POST routes of `next start` (low limits given to
 * the web process through the environment) and, for the window and Redis outages, the module
 * itself against the real Redis. Requests carry X-Forwarded-For as the reverse proxy in front of
 * EvalHub would; the limiter trusts its last entry only.
 */

const LIMITS = { RATE_LIMIT_PER_USERNAME: "2", RATE_LIMIT_PER_EMAIL: "2", RATE_LIMIT_PER_IP: "3" };
const MODEL = "evalhub-demo/sst2-bow-base";
const SUBMISSION = {
  dataset: "evalhub-demo/sst2",
  split: "validation",
  task: "text-classification",
  columnMapping: { text: "sentence", target: "label" },
  models: [MODEL],
  createPr: false,
};

let stack: Awaited<ReturnType<typeof startStack>>;
let redis: Redis;
const modulePrefix = testQueuePrefix("rate-limit-module");

beforeAll(async () => {
  redis = createRedis(REDIS_URL);
  // No worker: these tests are about admission; the queued jobs are dropped with the stack.
  stack = await startStack("rate-limits", { workers: 0, env: LIMITS });
}, 180_000);

afterAll(async () => {
  await stack?.close();
  // Leave Redis as we found it: the counters of the web process and of the module tests.
  for (const prefix of [stack?.queuePrefix, modulePrefix]) {
    const keys = prefix ? await redis.keys(`${prefix}:rate-limit:*`) : [];
    if (keys.length) await redis.del(...keys);
  }
  await redis?.quit();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { error?: string; code?: string; details?: { limit?: string; retryAfterSeconds?: number } };
}

async function post(pathname: string, body: unknown, forwardedFor: string): Promise<Answer> {
  const res = await fetch(`${stack.webUrl}${pathname}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body: JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as Answer["body"] };
}

const submit = (extra: Record<string, unknown>, ip: string) => post("/api/submissions", { ...SUBMISSION, ...extra }, ip);

function expectLimited(res: Answer, limit: string, message: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  expect(res.body.code).toBe("RATE_LIMITED");
  expect(res.body.details?.limit).toBe(limit);
  expect(res.body.error).toMatch(message);
  const retryAfter = Number(res.retryAfter);
  expect(retryAfter).toBeGreaterThan(3_000); // an hour-long window that just filled up
  expect(retryAfter).toBeLessThanOrEqual(3_600);
  expect(retryAfter).toBe(res.body.details?.retryAfterSeconds);
}

describe("POST /api/submissions rate limits (username 2, email 2, IP 3 per hour)", () => {
  it("refuses a username's third submission with 429, Retry-After and the limit named; other users are unaffected", async () => {
    expect((await submit({ username: "alice" }, "203.0.113.1")).status).toBe(201);
    expect((await submit({ username: "alice" }, "203.0.113.1")).status).toBe(201);
    const third = await submit({ username: "alice" }, "203.0.113.2");
    expectLimited(third, "username", /^The username alice has made 2 submissions in the last hour; try again in (59|60) minutes\.$/);
    // Hub usernames are case-insensitive.
    expectLimited(await submit({ username: "ALICE" }, "203.0.113.2"), "username", /^The username ALICE has made 2 submissions/);
    // The refused requests were not counted against the IP they came from either.
    expect((await submit({ username: "bob" }, "203.0.113.2")).status).toBe(201);
    expect((await submit({ username: "bob" }, "203.0.113.2")).status).toBe(201);
  });

  it("counts only accepted submissions: rejected ones do not use up the limit", async () => {
    for (let i = 0; i < 3; i++) {
      const rejected = await submit({ username: "carol", models: ["evalhub-demo/no-such-model"] }, `203.0.113.${10 + i}`);
      expect([404, 422]).toContain(rejected.status);
    }
    expect((await submit({ username: "carol" }, "203.0.113.13")).status).toBe(201);
    expect((await submit({ username: "carol" }, "203.0.113.13")).status).toBe(201);
    expect((await submit({ username: "carol" }, "203.0.113.14")).status).toBe(429);
  });

  it("limits an email address, whatever its case or +tag", async () => {
    expect((await submit({ email: "dave@example.org" }, "203.0.113.20")).status).toBe(201);
    expect((await submit({ username: "erin", email: "Dave+evalhub@Example.org" }, "203.0.113.21")).status).toBe(201);
    const third = await submit({ username: "zoe", email: "dave@example.org" }, "203.0.113.22");
    expectLimited(third, "email", /^The email address dave@example\.org has made 2 submissions in the last hour; try again in (59|60) minutes\.$/);
    expect((await submit({ email: "frank@example.org" }, "203.0.113.22")).status).toBe(201);
  });

  it("limits a client IP, ignoring addresses the client put in front of the proxy's entry", async () => {
    for (let i = 0; i < 3; i++) expect((await submit({}, "198.51.100.7")).status).toBe(201);
    const forged = await submit({}, "10.9.9.9, 198.51.100.7");
    expectLimited(forged, "ip", /^Your IP address \(198\.51\.100\.7\) has made 3 submissions in the last hour; try again in (59|60) minutes\.$/);
    expect((await submit({}, "198.51.100.7, 198.51.100.8")).status).toBe(201);
  });
});

describe("POST /api/models/{id}/evaluations rate limits", () => {
  const evaluations = (body: Record<string, unknown>, ip: string) => post(`/api/models/${MODEL}/evaluations`, { createPr: false, ...body }, ip);

  it("counts one per request however many submissions it creates, and nothing when none was created", async () => {
    const none = await evaluations({ username: "grace", datasets: [{ dataset: "evalhub-demo/no-such-dataset" }] }, "192.0.2.1");
    expect(none.status).toBe(422);
    const two = await evaluations({ username: "grace", datasets: [{ dataset: "evalhub-demo/sst2" }, { dataset: "evalhub-demo/sst2", split: "validation" }] }, "192.0.2.1");
    expect(two.status, JSON.stringify(two.body)).toBe(201);
    expect((two.body as { created?: number }).created).toBe(2);
    expect((await evaluations({ username: "grace", datasets: [{ dataset: "evalhub-demo/sst2" }] }, "192.0.2.1")).status).toBe(201);
    expectLimited(await evaluations({ username: "grace", datasets: [{ dataset: "evalhub-demo/sst2" }] }, "192.0.2.2"), "username", /^The username grace has made 2 submissions/);
  });
});

describe("reserveSubmission against Redis", () => {
  const prefix = modulePrefix;
  const limits = (windowMs: number, perUsername: number): SubmissionLimits => ({ perUsername, perEmail: 0, perIp: 0, windowMs });

  it("lets a submitter in again once the window has moved past their submissions", async () => {
    const reserve = () => reserveSubmission({ redis, prefix, submitter: { username: "heidi" }, limits: limits(1_500, 2) });
    expect((await reserve()).counted).toBe(true);
    expect((await reserve()).counted).toBe(true);
    const refused = await reserve().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    const err = refused as AppError;
    expect(err.code).toBe("RATE_LIMITED");
    expect(err.status).toBe(429);
    expect(err.message).toMatch(/^The username heidi has made 2 submissions in the last 2 seconds; try again in [12] seconds?\.$/);
    const waitSeconds = (err.details as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(waitSeconds).toBeGreaterThanOrEqual(1);
    expect(waitSeconds).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, waitSeconds * 1_000 + 50));
    expect((await reserve()).counted).toBe(true);
  });

  it("gives a released reservation back and admits exactly the limit among concurrent requests", async () => {
    const reserve = () => reserveSubmission({ redis, prefix, submitter: { username: "ivan" }, limits: limits(60_000, 3) });
    const first = await reserve();
    await first.release();
    const settled = await Promise.allSettled(Array.from({ length: 10 }, reserve));
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(3);
    expect(settled.filter((s) => s.status === "rejected").every((s) => (s as PromiseRejectedResult).reason instanceof AppError)).toBe(true);
  });

  it("fails open with a log line when Redis refuses connections or does not answer", async () => {
    const refusedPort = await freePort();
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    const silentPort = (silent.address() as net.AddressInfo).port;
    try {
      for (const port of [refusedPort, silentPort]) {
        const down = createRedis(`redis://127.0.0.1:${port}`);
        down.on("error", () => {});
        const lines: string[] = [];
        const reservation = await reserveSubmission({ redis: down, prefix, submitter: { username: "judy", ip: "192.0.2.9" }, limits: limits(60_000, 1), timeoutMs: 500, log: (l) => lines.push(l) });
        expect(reservation.counted).toBe(false);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^Rate limits not checked \(Redis unavailable: .+\); submission allowed\.$/);
        // The route-side wrapper then creates the submission as usual.
        const env = { REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: prefix, RATE_LIMIT_PER_USERNAME: 1, RATE_LIMIT_PER_EMAIL: 1, RATE_LIMIT_PER_IP: 1 };
        const req = new Request("http://evalhub.test/api/submissions", { method: "POST", headers: { "x-forwarded-for": "192.0.2.9" } });
        for (let i = 0; i < 2; i++) {
          expect(await limitSubmission({ req, body: { username: "judy" }, env, redis: down, submit: async () => "created" })).toBe("created");
        }
        down.disconnect();
      }
    } finally {
      silent.close();
    }
  });
});
