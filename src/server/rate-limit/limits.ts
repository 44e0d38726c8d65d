import type { Env } from "@/env";

/** Which submitter attribute a limit counts by. */
export type LimitKind = "username" | "email" | "ip";

export interface SubmissionLimits {
  /** Submissions per window per Hub username (case-insensitive); 0 = unlimited. */
  perUsername: number;
  /** Submissions per window per email address (case-insensitive, `+tag` ignored); 0 = unlimited. */
  perEmail: number;
  /** Submissions per window per client IP; 0 = unlimited. */
  perIp: number;
  /** Length of the sliding window in milliseconds (an hour in production; tests shorten it). */
  windowMs: number;
}

export const HOUR_MS = 3_600_000;

/** The limits the environment configures: RATE_LIMIT_PER_* submissions per hour. */
export function limitsFromEnv(env: Pick<Env, "RATE_LIMIT_PER_USERNAME" | "RATE_LIMIT_PER_EMAIL" | "RATE_LIMIT_PER_IP">): SubmissionLimits {
  return { perUsername: env.RATE_LIMIT_PER_USERNAME, perEmail: env.RATE_LIMIT_PER_EMAIL, perIp: env.RATE_LIMIT_PER_IP, windowMs: HOUR_MS };
}

/** "hour", "10 minutes", "2 seconds": the window as the message's "in the last …" says it. */
export function describeWindow(ms: number): string {
  if (ms === HOUR_MS) return "hour";
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS} hours`;
  if (ms % 60_000 === 0) return ms === 60_000 ? "minute" : `${ms / 60_000} minutes`;
  const s = Math.max(1, Math.round(ms / 1000));
  return s === 1 ? "second" : `${s} seconds`;
}

/** "14 minutes", "1 minute", "30 seconds": a wait, rounded up so retrying then succeeds. */
export function describeWait(ms: number): string {
  if (ms > 60_000) {
    const m = Math.ceil(ms / 60_000);
    return `${m} minutes`;
  }
  if (ms === 60_000) return "1 minute";
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? "1 second" : `${s} seconds`;
}
