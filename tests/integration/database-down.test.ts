import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis } from "@/server/queue";
import { launchChromium } from "../helpers/browser";
import { createTestDatabase, REDIS_URL } from "../helpers/database";
import { freePort, startStack } from "../helpers/stack";
import { TcpProxy, viaProxy, withDefaultPort } from "../helpers/tcp-proxy";

/**
 * PostgreSQL (and Redis) going away under a running `next start` (production build): the web
 * process reaches them through TCP proxies owned by this test, so "down" is the proxy cutting every
 * connection and refusing new ones, without disturbing the other suites that share the servers.
 */

const UNAVAILABLE = { error: "The database is unavailable; try again in a moment.", code: "UNAVAILABLE" };
/** Generous: the assertion is that an answer arrives at all (no request hangs on a dead pool). */
const ANSWER_WITHIN_MS = 30_000;

let stack: Awaited<ReturnType<typeof startStack>>;
/** The database the web process reaches through `proxy` (the stack's own one stays unused). */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let proxy: TcpProxy;
let redisProxy: TcpProxy;
let redis: Redis;
let submissionId = "";

const SUBMISSION = {
  dataset: "evalhub-demo/sst2",
  split: "validation",
  task: "text-classification",
  columnMapping: { text: "sentence", target: "label" },
  models: ["evalhub-demo/sst2-bow-base"],
  createPr: false,
};

async function call(method: "GET" | "POST", pathname: string, body?: unknown): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(`${stack.webUrl}${pathname}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // an HTML page
  }
  return { status: res.status, headers: res.headers, json };
}

/** The requests that must fail with 503 while PostgreSQL is away and succeed once it is back. */
const probes = () => [
  { method: "GET" as const, path: `/api/submissions/${submissionId}`, ok: 200 },
  { method: "GET" as const, path: "/api/leaderboards/evalhub-demo/sst2", ok: 200 },
  { method: "POST" as const, path: "/api/submissions", body: SUBMISSION, ok: 201 },
];

/** One `next start` the whole suite long: it is never restarted, so recovery happens in-process. */
const webStarts = () => stack.logs.join("").match(/Ready in/g)?.length ?? 0;

beforeAll(async () => {
  database = await createTestDatabase("database_down");
  proxy = new TcpProxy(await freePort(), withDefaultPort(database.url, 5432));
  await proxy.listen("forward");
  const databaseUrl = viaProxy(database.url, proxy);
  redisProxy = new TcpProxy(await freePort(), withDefaultPort(REDIS_URL, 6379));
  await redisProxy.listen("forward");
  const redisUrl = viaProxy(REDIS_URL, redisProxy);
  redis = createRedis(REDIS_URL);
  stack = await startStack("database-down", {
    workers: 0,
    redisUrl: redisUrl.toString(),
    env: {
      DATABASE_URL: databaseUrl.toString(),
      // High enough never to refuse, so the limiter is consulted on every submission.
      RATE_LIMIT_PER_USERNAME: "1000",
      RATE_LIMIT_PER_EMAIL: "1000",
      RATE_LIMIT_PER_IP: "1000",
    },
  });
}, 180_000);

afterAll(async () => {
  // Both proxies forward again (each test restores what it cut), so the stack cleans up through them.
  await stack?.close();
  const keys = stack ? await redis.keys(`${stack.queuePrefix}:rate-limit:*`) : [];
  if (keys.length) await redis.del(...keys);
  await redis?.quit();
  await proxy?.cut();
  await redisProxy?.cut();
  await database?.drop();
});

describe("PostgreSQL down and back under a running web process", () => {
  it("answers normally while PostgreSQL is reachable", async () => {
    const created = await call("POST", "/api/submissions", SUBMISSION);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    submissionId = (created.json as { id: string }).id;
    for (const p of probes()) expect((await call(p.method, p.path, p.body)).status, p.path).toBe(p.ok);
    // Only the database is this suite's business: the hub and Redis probes may be slow on a busy machine.
    const health = await call("GET", "/api/health");
    expect(health.json).toMatchObject({ database: { ok: true } });
    expect((health.json as { down: string[] }).down).not.toContain("database");
  });

  it("answers 503 UNAVAILABLE with Retry-After on GET and POST while PostgreSQL is down, and health names the database", async () => {
    await proxy.cut();
    for (const p of probes()) {
      const res = await call(p.method, p.path, p.body);
      expect(res.status, `${p.method} ${p.path}: ${JSON.stringify(res.json)}`).toBe(503);
      expect(res.json).toEqual(UNAVAILABLE);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const health = await call("GET", "/api/health");
    expect(health.status).toBe(503);
    expect(health.json).toMatchObject({ ok: false, database: { ok: false }, redis: { ok: true } });
    expect((health.json as { down: string[] }).down).toContain("database");
    expect((health.json as { down: string[] }).down).not.toContain("redis");
    expect((health.json as { database: { error: string } }).database.error).toMatch(/reach|terminated|connect/i);
    // The failures are reported, not crashed on: the process is the same one.
    expect(webStarts()).toBe(1);
  });

  it("shows the page error state in a browser instead of crashing, and the page again once PostgreSQL is back", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      // The app's error boundary (Next's route announcer is an empty role=alert too).
      const errorState = page.getByRole("alert").filter({ has: page.getByRole("button", { name: "Try again" }) });
      await page.goto(`${stack.webUrl}/leaderboards`);
      await errorState.waitFor({ timeout: ANSWER_WITHIN_MS });
      await proxy.listen("forward");
      try {
        await page.goto(`${stack.webUrl}/leaderboards`);
        await page.getByRole("heading", { level: 1 }).waitFor({ timeout: ANSWER_WITHIN_MS });
        expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Leaderboards");
        expect(await errorState.count()).toBe(0);
      } finally {
        await proxy.cut();
      }
    } finally {
      await browser.close();
    }
  });

  it("answers 503 instead of hanging when PostgreSQL accepts connections but never replies", async () => {
    await proxy.listen("silent");
    try {
      for (const p of probes()) {
        const res = await call(p.method, p.path, p.body);
        expect(res.status, `${p.method} ${p.path}: ${JSON.stringify(res.json)}`).toBe(503);
        expect(res.json).toEqual(UNAVAILABLE);
      }
    } finally {
      await proxy.cut();
    }
  });

  it("serves the same requests again once PostgreSQL is back, without a restart", async () => {
    await proxy.listen("forward");
    for (const p of probes()) {
      const res = await call(p.method, p.path, p.body);
      expect(res.status, `${p.method} ${p.path}: ${JSON.stringify(res.json)}`).toBe(p.ok);
    }
    const health = await call("GET", "/api/health");
    expect(health.json).toMatchObject({ database: { ok: true } });
    expect((health.json as { down: string[] }).down).not.toContain("database");
    expect(webStarts()).toBe(1);
  });

  it("logs one line per failed request, without a stack trace", () => {
    const text = stack.logs.join("");
    expect(text).toMatch(/Database unavailable: /);
    expect(text).not.toMatch(/Unhandled error/);
  });
});

describe("Redis down under a running web process", () => {
  const usernameKey = () => `${stack.queuePrefix}:rate-limit:username:${createHash("sha256").update("oscar").digest("hex").slice(0, 32)}`;
  const submitAsOscar = () => call("POST", "/api/submissions", { ...SUBMISSION, username: "oscar" });

  it("still accepts submissions, unchecked by the rate limiter, and counts again once Redis is back", async () => {
    expect((await submitAsOscar()).status).toBe(201);
    expect(await redis.zcard(usernameKey())).toBe(1);
    await redisProxy.cut();
    try {
      const res = await submitAsOscar();
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      const health = await call("GET", "/api/health");
      expect((health.json as { down: string[] }).down).toContain("redis");
      expect(stack.logs.join("")).toMatch(/Rate limits not checked \(Redis unavailable: .+\); submission allowed\./);
    } finally {
      await redisProxy.listen("forward");
    }
    // ioredis reconnects on its own (with back-off): the limiter counts again without a restart.
    for (let i = 0; (await redis.zcard(usernameKey())) < 2; i++) {
      if (i > 40) throw new Error(`the limiter never counted again after Redis came back\n${stack.logs.join("")}`);
      expect((await submitAsOscar()).status).toBe(201);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(webStarts()).toBe(1);
  });
});
