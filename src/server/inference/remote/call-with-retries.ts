import { AppError } from "@/server/errors";
import { backoffDelayMs, linkAbort, parseRetryAfterMs } from "./retry-policy";

export interface RetrySettings {
  /** Retries after the first attempt (0 = one attempt only). */
  maxRetries: number;
  /** Per attempt, including reading the response body. */
  timeoutMs: number;
  /** First backoff delay; doubles on each retry up to `backoffMaxMs`. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Longest `Retry-After` we wait; a server asking for more gets this much. */
  maxRetryAfterMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export interface RetryEvent {
  model: string;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  /** Why the previous attempt failed, e.g. "answered HTTP 503: Model x is currently loading". */
  reason: string;
  status?: number;
}

export interface CallContext {
  model: string;
  /** Where requests go, for messages: "the endpoint http://host/models/x" (never with a query). */
  where: string;
  settings: RetrySettings;
  fetch: typeof fetch;
  /** Values that must never appear in an error message (the access token). */
  secrets: string[];
  onRetry?: (event: RetryEvent) => void;
  /** Sees the URL of every inference POST (for the manifest in provider mode). */
  onRequest?: (url: string) => void;
}

/** What one attempt gets: pass both to the client call (`{signal, fetch, retry_on_error: false}`). */
export interface Attempt {
  signal: AbortSignal;
  fetch: typeof fetch;
}

interface Failure {
  transient: boolean;
  /** Completes "… failed: {where} {summary}". */
  summary: string;
  status?: number;
  retryAfterMs?: number;
}

const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ENOTFOUND|UND_ERR_\w+)$/;

function classify(err: unknown, seen: { status: number; retryAfter: string | null } | undefined, timedOut: boolean, timeoutMs: number): Failure {
  if (timedOut) return { transient: true, summary: `did not answer within ${timeoutMs} ms` };
  const e = err as { name?: string; message?: string; httpResponse?: { status?: unknown }; cause?: { code?: unknown } };
  const status = e?.httpResponse?.status;
  if (typeof status === "number") {
    const detail = (e.message ?? "").replace(/^Failed to perform inference: /, "").slice(0, 300);
    const transient = status === 429 || status >= 500;
    const retryAfterMs = seen?.status === status ? parseRetryAfterMs(seen.retryAfter) : undefined;
    return { transient, status, retryAfterMs, summary: `answered HTTP ${status}: ${detail}` };
  }
  if (e?.name === "ProviderOutputError") return { transient: false, summary: `answered in an unexpected shape (${e.message})` };
  if (e?.name === "InputError" || e?.name === "RoutingError") return { transient: false, summary: `rejected the request: ${e.message}` };
  const code = typeof e?.cause?.code === "string" ? e.cause.code : undefined;
  if ((code && NETWORK_CODES.test(code)) || (e instanceof TypeError && /fetch failed|terminated/i.test(e.message))) {
    return { transient: true, summary: `could not be reached (${code ?? e.message})` };
  }
  return { transient: false, summary: `failed: ${e?.message ?? String(err)}` };
}

function scrub(text: string, secrets: string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join("[redacted]"), text);
}

/**
 * Runs one remote call with our own reliability policy (the client's built-in 503 loop is off):
 * a timeout per attempt; retries on 429, 5xx, network errors and timeouts with exponential backoff
 * and jitter, or the server's `Retry-After`; other 4xx fail at once as UNPROCESSABLE; exhausted
 * retries fail as UNAVAILABLE (which the worker retries later). Messages never carry the token.
 */
export async function callWithRetries<T>(ctx: CallContext, run: (attempt: Attempt) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const { settings } = ctx;
  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController();
    const unlink = linkAbort(signal, controller);
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`Timed out after ${settings.timeoutMs} ms`));
    }, settings.timeoutMs);
    let seen: { status: number; retryAfter: string | null } | undefined;
    const observingFetch: typeof fetch = async (input, init) => {
      if ((init?.method ?? "GET").toUpperCase() === "POST") {
        ctx.onRequest?.(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      }
      const res = await ctx.fetch(input, init);
      seen = { status: res.status, retryAfter: res.headers.get("retry-after") };
      return res;
    };
    let failure: Failure;
    try {
      return await run({ signal: controller.signal, fetch: observingFetch });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      failure = classify(err, seen, timedOut, settings.timeoutMs);
    } finally {
      clearTimeout(timeout);
      unlink();
    }
    const code = failure.transient ? "UNAVAILABLE" : "UNPROCESSABLE";
    const details = { model: ctx.model, status: failure.status, attempts: attempt + 1 };
    if (!failure.transient) {
      throw new AppError(code, scrub(`Remote inference for model ${ctx.model} failed: ${ctx.where} ${failure.summary}.`, ctx.secrets), { details });
    }
    if (attempt >= settings.maxRetries) {
      const message = `Remote inference for model ${ctx.model} is unavailable: ${ctx.where} ${failure.summary} (${attempt + 1} attempts).`;
      throw new AppError(code, scrub(message, ctx.secrets), { details });
    }
    const delayMs =
      failure.retryAfterMs !== undefined
        ? Math.min(failure.retryAfterMs, settings.maxRetryAfterMs)
        : backoffDelayMs(attempt, { baseMs: settings.backoffBaseMs, maxMs: settings.backoffMaxMs, random: settings.random });
    ctx.onRetry?.({ model: ctx.model, retry: attempt + 1, delayMs, reason: scrub(failure.summary, ctx.secrets), status: failure.status });
    await settings.sleep(delayMs, signal);
  }
}
