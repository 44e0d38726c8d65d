import { ZodError } from "zod";
import { MetricInputError } from "@/server/metrics/types";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "UNPROCESSABLE"
  | "CONFLICT"
  | "UNAVAILABLE"
  | "UPSTREAM";

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  UNPROCESSABLE: 422,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  UPSTREAM: 502,
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

/** Maps any thrown value to an HTTP status and a body safe to show (no internals for 500s). */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
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
    return { status: err.status, body };
  }
  if (err instanceof MetricInputError) {
    const body: ErrorBody = { error: err.message, code: "INVALID_METRIC_INPUT" };
    if (err.field) body.fields = { [err.index !== undefined ? `${err.field}.${err.index}` : err.field]: err.message };
    return { status: 422, body };
  }
  if (isDatabaseDown(err)) {
    return { status: 503, body: { error: "The database is unavailable; try again shortly.", code: "UNAVAILABLE" } };
  }
  console.error("Unhandled error:", err instanceof Error ? err.stack : err);
  return { status: 500, body: { error: "Internal server error", code: "INTERNAL" } };
}

function isDatabaseDown(err: unknown): boolean {
  const text = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  return /ECONNREFUSED|Can't reach database|connection terminated|DatabaseNotReachable/i.test(text);
}
