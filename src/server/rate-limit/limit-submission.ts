import type { Redis } from "ioredis";
import type { Env } from "@/env";
import { createRedis } from "@/server/queue";
import { clientIp } from "./client-ip";
import { limitsFromEnv } from "./limits";
import { reserveSubmission } from "./reserve-submission";

export interface LimitSubmissionOptions<T> {
  req: Request;
  /** The parsed request body; its `username` and `email` are counted (validation happens in `submit`). */
  body: unknown;
  env: Pick<Env, "REDIS_URL" | "QUEUE_PREFIX" | "RATE_LIMIT_PER_USERNAME" | "RATE_LIMIT_PER_EMAIL" | "RATE_LIMIT_PER_IP"> & { TRUSTED_PROXY_HOPS?: number };
  /** Creates the submission(s); runs only when no limit is full. */
  submit: () => Promise<T>;
  /** Whether the result is an accepted submission (default: any result); one that is not is uncounted. */
  accepted?: (result: T) => boolean;
  /** Reverse proxies in front of the web process that append to X-Forwarded-For (default 1; see clientIp). */
  trustedHops?: number;
  redis?: Redis;
}

/**
 * The route-side rate limit: one count per request, taken before `submit` does any hub work and
 * given back if `submit` throws or its result was not accepted. Throws a 429 AppError when full.
 */
export async function limitSubmission<T>(opts: LimitSubmissionOptions<T>): Promise<T> {
  const fields = (typeof opts.body === "object" && opts.body !== null ? opts.body : {}) as Record<string, unknown>;
  const reservation = await reserveSubmission({
    redis: opts.redis ?? getRateLimitRedis(opts.env.REDIS_URL),
    prefix: opts.env.QUEUE_PREFIX,
    limits: limitsFromEnv(opts.env),
    submitter: { username: stringOrNull(fields.username), email: stringOrNull(fields.email), ip: clientIp(opts.req.headers, { trustedHops: opts.trustedHops ?? opts.env.TRUSTED_PROXY_HOPS }) },
  });
  let result: T;
  try {
    result = await opts.submit();
  } catch (err) {
    await reservation.release();
    throw err;
  }
  if (opts.accepted && !opts.accepted(result)) await reservation.release();
  return result;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value : null;
}

const globalForLimiter = globalThis as unknown as { evalhubRateLimitRedis?: { url: string; redis: Redis } };

/** One Redis connection per process for the limiter (fails fast while Redis is down: no offline queue). */
export function getRateLimitRedis(redisUrl: string): Redis {
  const existing = globalForLimiter.evalhubRateLimitRedis;
  if (existing?.url === redisUrl) return existing.redis;
  const redis = createRedis(redisUrl);
  redis.on("error", () => {}); // reported per request by reserveSubmission's fail-open line
  globalForLimiter.evalhubRateLimitRedis = { url: redisUrl, redis };
  return redis;
}
