import { ZodError } from "zod";
import { MetricInputError } from "@/server/metrics/types";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "UNPROCESSABLE"
  | "CONFLICT"
  | "UNAVAILABLE"
  | "UPSTREAM"
  | "RATE_LIMITED";

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  UNPROCESSABLE: 422,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  UPSTREAM: 502,
  RATE_LIMITED: 429,
};

/** A failure we expect and can explain to the user. `field` names the input at fault, if any. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly field?: string;
  /** Several inputs at fault at once (e.g. three of ten models), each with its own message. */
  readonly fields?: Record<string, string>;
  readonly details?: unknown;
  constructor(
    code: AppErrorCode,
    message: string,
    opts: { field?: string; fields?: Record<string, string>; details?: unknown } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.field = opts.field;
    this.fields = opts.fields;
    this.details = opts.details;
  }
}

export interface ErrorBody {
  error: string;
  code: string;
  fields?: Record<string, string>;
  details?: unknown;
}

/** How long clients should wait before retrying while the database is unreachable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Extra response headers, e.g. `Retry-After` for 429 and 503. */
  headers?: Record<string, string>;
}

/** Maps any thrown value to an HTTP status and a body safe to show (no internals for 500s). */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (err instanceof ZodError) {
    const fields: Record<string, string> = {};
    for (const issue of err.issues) {
      const key = issue.path.join(".") || "body";
      fields[key] ??= issue.message;
    }
    const summary = Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}`)
      .join("; ");
    return { status: 422, body: { error: `Invalid input: ${summary}`, code: "VALIDATION", fields } };
  }
  if (err instanceof AppError) {
    const body: ErrorBody = { error: err.message, code: err.code };
    if (err.fields) body.fields = err.fields;
    else if (err.field) body.fields = { [err.field]: err.message };
    if (err.details !== undefined) body.details = err.details;
    const retryAfter = retryAfterOf(err.details);
    return { status: err.status, body, ...(retryAfter !== undefined ? { headers: { "Retry-After": String(retryAfter) } } : {}) };
  }
  if (err instanceof MetricInputError) {
    const body: ErrorBody = { error: err.message, code: "INVALID_METRIC_INPUT" };
    if (err.field) body.fields = { [err.index !== undefined ? `${err.field}.${err.index}` : err.field]: err.message };
    return { status: 422, body };
  }
  if (isDatabaseUnavailable(err)) {
    // One line, no stack: an outage would otherwise flood the log with identical traces.
    console.error(`Database unavailable: ${oneLine(err)}`);
    return {
      status: 503,
      body: { error: "The database is unavailable; try again in a moment.", code: "UNAVAILABLE" },
      headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }
  console.error("Unhandled error:", err instanceof Error ? err.stack : err);
  return { status: 500, body: { error: "Internal server error", code: "INTERNAL" } };
}

/** `details.retryAfterSeconds` of an AppError (set by the rate limiter), as whole seconds. */
function retryAfterOf(details: unknown): number | undefined {
  const value = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof value === "number" && Number.isFinite(value) ? Math.max(1, Math.ceil(value)) : undefined;
}

/** Prisma error codes that mean "no usable connection": can't reach, timed out, closed, pool exhausted. */
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Driver adapter error kinds (@prisma/adapter-pg convertDriverError) with the same meaning. */
const UNREACHABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/**
 * Messages of errors that pg and pg-pool throw as plain `Error`s (adapter-pg passes them through
 * unwrapped): a socket cut mid-query, a connect timeout, a pool wait timeout.
 */
const UNREACHABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|Server has closed the connection|Client has encountered a connection error|Connection ended unexpectedly/i;

/**
 * True when `err` says PostgreSQL cannot be reached (as opposed to a bad query). Only signals from
 * Prisma and pg count: an ECONNREFUSED from the hub or Redis is not a database outage.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 4) return false;
  if (err.name === "PrismaClientInitializationError") return true;
  const e = err as Error & { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } }; cause?: unknown };
  if (err.name.startsWith("PrismaClient") && typeof e.code === "string" && UNREACHABLE_PRISMA_CODES.has(e.code)) return true;
  const kind = e.meta?.driverAdapterError?.cause?.kind ?? (err.name === "DriverAdapterError" ? (e.cause as { kind?: unknown } | undefined)?.kind : undefined);
  if (typeof kind === "string" && UNREACHABLE_ADAPTER_KINDS.has(kind)) return true;
  if (UNREACHABLE_MESSAGES.test(err.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** Name, code and the last line of the message (Prisma puts the cause last): one log line. */
export function oneLine(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string };
  const message = (e.message ?? String(err)).trim().split("\n").at(-1) ?? "";
  return [e.name, e.code, message.slice(0, 200)].filter(Boolean).join(" ");
}
