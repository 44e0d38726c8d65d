import { createHash, randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { AppError } from "@/server/errors";
import { describeWait, describeWindow, type LimitKind, type SubmissionLimits } from "./limits";

/** Who is submitting; an absent attribute is not counted. */
export interface Submitter {
  username?: string | null;
  email?: string | null;
  ip?: string | null;
}

export interface ReserveSubmissionOptions {
  redis: Redis;
  /** Key prefix (the deployment's QUEUE_PREFIX), so deployments and test suites sharing a Redis do not collide. */
  prefix: string;
  submitter: Submitter;
  limits: SubmissionLimits;
  /** Give up on Redis after this long and let the submission through (default 1 s). */
  timeoutMs?: number;
  /** Where the fail-open line goes (default console.warn). */
  log?: (line: string) => void;
}

/** A counted submission; `release()` uncounts it when the submission was not accepted after all. */
export interface Reservation {
  /** False when Redis could not be asked and the submission went through unchecked. */
  counted: boolean;
  release(): Promise<void>;
}

/**
 * Sliding-window log per key: a sorted set of reservation ids scored by time (Redis's clock, so
 * web processes on several machines agree). Atomically drops entries older than the window, and
 * either adds the reservation to every key or, if any key is full, adds nothing and returns
 * {index of that key, its count, ms until its oldest blocking entry leaves the window}.
 */
const RESERVE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local limit = tonumber(ARGV[i + 2])
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local blocking = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    return {i, count, tonumber(blocking[2]) + window - now}
  end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, window)
end
return {0, 0, 0}
`;

interface Check {
  kind: LimitKind;
  /** As the submitter wrote it (not validated yet, so capped), for the message. */
  shown: string;
  key: string;
  limit: number;
}

/**
 * Counts one submission against the submitter's username, email and IP limits, or throws a 429
 * AppError (RATE_LIMITED, `details.retryAfterSeconds`) naming the limit that is full. Call it
 * before any hub validation, and `release()` the reservation if the submission is then rejected,
 * so only accepted submissions count; a reservation is taken first (rather than counting after
 * success) so that concurrent requests cannot all slip under the limit.
 *
 * Redis down or slow: fails open with a log line. Submissions are stored in PostgreSQL and queued
 * later by the reconciler, so refusing them would turn a Redis outage into an outage of the product.
 */
export async function reserveSubmission(opts: ReserveSubmissionOptions): Promise<Reservation> {
  const checks = checksFor(opts.prefix, opts.submitter, opts.limits);
  if (checks.length === 0) return { counted: false, release: async () => {} };
  const member = randomUUID();
  const keys = checks.map((c) => c.key);
  let reply: [number, number, number];
  try {
    reply = (await withTimeout(
      whenReady(opts.redis).then(() => opts.redis.eval(RESERVE_SCRIPT, keys.length, ...keys, opts.limits.windowMs, member, ...checks.map((c) => c.limit))),
      opts.timeoutMs ?? 1_000,
    )) as [number, number, number];
  } catch (err) {
    (opts.log ?? console.warn)(`Rate limits not checked (Redis unavailable: ${(err as Error).message}); submission allowed.`);
    return { counted: false, release: async () => {} };
  }
  const [index, count, waitMs] = reply;
  if (index === 0) {
    return {
      counted: true,
      release: async () => {
        await Promise.all(keys.map((k) => opts.redis.zrem(k, member))).catch(() => {});
      },
    };
  }
  const full = checks[index - 1];
  throw new AppError(
    "RATE_LIMITED",
    `${subject(full)} has made ${count} submissions in the last ${describeWindow(opts.limits.windowMs)}; try again in ${describeWait(waitMs)}.`,
    { details: { limit: full.kind, max: full.limit, windowSeconds: opts.limits.windowMs / 1000, retryAfterSeconds: Math.ceil(waitMs / 1000) } },
  );
}

function subject(c: Check): string {
  if (c.kind === "username") return `The username ${c.shown}`;
  if (c.kind === "email") return `The email address ${c.shown}`;
  return `Your IP address (${c.shown})`;
}

function checksFor(prefix: string, s: Submitter, limits: SubmissionLimits): Check[] {
  const candidates: [LimitKind, string | null | undefined, string | undefined, number][] = [
    ["username", s.username, s.username?.trim().toLowerCase(), limits.perUsername],
    ["email", s.email, s.email ? normalizeEmail(s.email) : undefined, limits.perEmail],
    ["ip", s.ip, s.ip ?? undefined, limits.perIp],
  ];
  return candidates.flatMap(([kind, shown, id, limit]) =>
    // Keys carry a hash, not the address: emails and IPs are personal data and need not sit in Redis.
    shown && id && limit > 0 ? [{ kind, shown: shown.trim().slice(0, 100), key: `${prefix}:rate-limit:${kind}:${sha256(id)}`, limit }] : [],
  );
}

/** `Alice+evalhub@Example.org` and `alice@example.org` share one limit. */
function normalizeEmail(email: string): string {
  const [local, domain] = email.trim().toLowerCase().split(/@(?=[^@]*$)/);
  return domain === undefined ? local : `${local.replace(/\+.*$/, "")}@${domain}`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/**
 * Waits for a connection still being opened (the first submission after start would otherwise
 * skip the limits, since the client has no offline queue); one that was lost fails at once.
 */
async function whenReady(redis: Redis): Promise<void> {
  if (redis.status === "ready" || !["wait", "connecting", "connect"].includes(redis.status)) return;
  if (redis.status === "wait") void redis.connect().catch(() => {});
  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      redis.off("end", onEnd);
      resolve();
    };
    const onEnd = () => {
      redis.off("ready", onReady);
      reject(new Error("connection closed"));
    };
    redis.once("ready", onReady);
    redis.once("end", onEnd);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
