import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { badRequest, HubError } from "./errors";
import type { RepoRef, RepoType } from "./names";
import type { HubStore } from "./store";

/** Server settings every route can read. */
export interface HubConfig {
  /** token -> user name; tokens not listed (but starting with "hf_") are `defaultUser`. */
  users: Record<string, string>;
  defaultUser: string;
  /** Tokens that authenticate but may not write. */
  readOnlyTokens: Set<string>;
  /** Cap on page sizes of every paginated list (the Hub caps /api/models at 1000). */
  maxPageSize: number;
  maxBodyBytes: number;
  /** Fixed public base URL for links, or undefined to use the request's Host header. */
  publicUrl?: string;
}

export interface HubContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  store: HubStore;
  config: HubConfig;
  /** Base URL for absolute links (Link headers, commitUrl, pullRequestUrl), no trailing slash. */
  baseUrl: string;
  /** Authenticated user name, or null for anonymous requests. */
  user: string | null;
  /** The token is a read-only one: writes answer 403. */
  readOnly: boolean;
}

export type Params = Record<string, string>;
export type Handler = (ctx: HubContext, params: Params, rest: string[]) => Promise<void>;
export interface Route {
  methods: string[];
  /** "/api/:kind/:owner/:name/tree/*": `:x` matches one segment, a final `*` the remaining ones. */
  pattern: string;
  handler: Handler;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Maps any thrown value to the Hub's error format; internals of unexpected errors are not leaked. */
export function sendError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof HubError) {
    sendJson(res, err.status, { error: err.message }, err.headerCode ? { "X-Error-Code": err.headerCode } : {});
  } else if (err instanceof z.ZodError) {
    const detail = err.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    sendJson(res, 400, { error: `Invalid request body: ${detail}` });
  } else {
    console.error("[localhub] internal error", err);
    sendJson(res, 500, { error: "Internal server error" });
  }
}

export async function readBody(ctx: HubContext): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > ctx.config.maxBodyBytes) throw new HubError("PayloadTooLarge", `Request body over ${ctx.config.maxBodyBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readJson<T>(ctx: HubContext, schema: z.ZodType<T>): Promise<T> {
  const raw = (await readBody(ctx)).toString("utf8");
  let parsed: unknown;
  try {
    parsed = raw.trim() ? JSON.parse(raw) : {};
  } catch {
    throw badRequest("Malformed JSON body");
  }
  return schema.parse(parsed);
}

/** Resolves the Bearer token. Any token must start with "hf_" (what the JS client enforces too). */
export function authenticate(authorization: string | undefined, config: HubConfig): string | null {
  if (authorization === undefined) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m || !m[1].startsWith("hf_")) throw new HubError("Unauthorized", "Invalid credentials in Authorization header");
  return config.users[m[1]] ?? config.defaultUser;
}

export function requireUser(ctx: HubContext): string {
  if (!ctx.user) throw new HubError("Unauthorized", "You must be authenticated (Authorization: Bearer hf_...) to do this");
  return ctx.user;
}

export function isReadOnly(authorization: string | undefined, config: HubConfig): boolean {
  const m = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return m !== null && config.readOnlyTokens.has(m[1]!);
}

/** The user of a write (commit, PR, discussion); a read-only token gets the Hub's 403. */
export function requireWriter(ctx: HubContext): string {
  const user = requireUser(ctx);
  if (ctx.readOnly) throw new HubError("Forbidden", "You don't have the rights to write to this repository (read-only token)");
  return user;
}

export const KIND_TO_TYPE: Record<string, RepoType> = { models: "model", datasets: "dataset" };

export function repoFromParams(params: Params): RepoRef {
  return { type: params.kind === "datasets" ? "dataset" : "model", name: `${params.owner}/${params.name}` };
}

/**
 * The repo as a reader may see it: 404 RepoNotFound if missing, and for a private repo without a
 * token 401 with the same code (the Hub does not tell "private" from "missing").
 */
export async function readableRepo(ctx: HubContext, params: Params): Promise<RepoRef> {
  const repo = repoFromParams(params);
  const meta = await ctx.store.getMeta(repo);
  if (meta.private && !ctx.user) throw new HubError("RepoNotFound", "Repository not found", { status: 401 });
  return repo;
}

/** Splits "{rev}/{path...}" where rev is one (maybe %2F-encoded) segment or an unencoded "refs/x/y". */
export function splitRevision(rest: string[]): { revision: string; path: string } {
  if (rest.length === 0 || !rest[0]) throw badRequest("Missing revision");
  const n = rest[0] === "refs" && rest.length >= 3 ? 3 : 1;
  return { revision: rest.slice(0, n).join("/"), path: rest.slice(n).join("/") };
}

/**
 * Returns one page of `items` and sets the Hub's `Link: <absolute url>; rel="next"` header.
 * The cursor is an opaque base64url offset.
 */
export function paginate<T>(ctx: HubContext, items: T[], defaultLimit: number): T[] {
  const limitParam = Number(ctx.url.searchParams.get("limit") ?? defaultLimit);
  const limit = Math.min(Math.max(Number.isFinite(limitParam) ? Math.floor(limitParam) : defaultLimit, 1), ctx.config.maxPageSize);
  const cursor = ctx.url.searchParams.get("cursor");
  let offset = 0;
  if (cursor) {
    const decoded = Number(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Number.isInteger(decoded) || decoded < 0) throw badRequest("Invalid cursor");
    offset = decoded;
  }
  if (offset + limit < items.length) {
    const next = new URL(ctx.baseUrl + ctx.url.pathname + ctx.url.search);
    next.searchParams.set("cursor", Buffer.from(String(offset + limit)).toString("base64url"));
    ctx.res.setHeader("Link", `<${next.href}>; rel="next"`);
  }
  return items.slice(offset, offset + limit);
}

/** Values of a repeatable query parameter, accepting both `key=` and `key[]=` spellings. */
export function queryList(url: URL, key: string): string[] {
  return [...url.searchParams.getAll(key), ...url.searchParams.getAll(`${key}[]`)].flatMap((v) => v.split(",")).filter(Boolean);
}

export const truthy = (v: string | null): boolean => v === "1" || v === "true" || v === "True";
