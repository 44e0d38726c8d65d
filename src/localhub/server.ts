import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { badRequest, HubError } from "./errors";
import { authenticate, isReadOnly, sendError, type HubConfig, type HubContext, type Params, type Route } from "./http";
import { accountRoutes } from "./routes/account";
import { commitRoutes } from "./routes/commit";
import { discussionRoutes } from "./routes/discussions";
import { fileRoutes } from "./routes/files";
import { pageRoutes } from "./routes/pages";
import { repoRoutes } from "./routes/repos";
import { HubStore } from "./store";
import { viewerRoutes } from "./viewer/routes";

export interface LocalHubOptions {
  /** Folder holding `models/` and `datasets/` (created if missing). */
  dir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Base URL used in links the API returns (Link headers, commitUrl, pullRequestUrl). Default: the request's Host. */
  publicUrl?: string;
  /** token -> user name. Any other token starting with "hf_" acts as `defaultUser`. */
  users?: Record<string, string>;
  /** Default "evalhub-bot". */
  defaultUser?: string;
  /** Tokens that may read but not write (commits, PRs, discussions answer 403), like a Hub "read" token. */
  readOnlyTokens?: string[];
  /** Largest page any list returns (default 1000); lower it to exercise Link pagination. */
  maxPageSize?: number;
  /** Largest accepted request body, in bytes (default 1 GiB). */
  maxBodyBytes?: number;
}

export interface LocalHub {
  /** e.g. "http://127.0.0.1:PORT", no trailing slash. */
  url: string;
  store: HubStore;
  close(): Promise<void>;
}

// Order matters: the dataset viewer endpoints (at the root, as on datasets-server), API, then
// dataset file/page routes, then the catch-all model routes.
const ROUTES: Route[] = [...viewerRoutes, ...accountRoutes, ...repoRoutes, ...commitRoutes, ...discussionRoutes, ...fileRoutes, ...pageRoutes];

/** Allowed values of constrained route parameters. */
const PARAM_VALUES: Record<string, RegExp> = {
  kind: /^(models|datasets)$/,
  mode: /^(resolve|raw)$/,
  action: /^(comment|status|merge|title)$/,
};

function matchRoute(pattern: string, segments: string[]): { params: Params; rest: string[] } | null {
  const parts = pattern.split("/").filter(Boolean);
  const params: Params = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === "*") return { params, rest: segments.slice(i) };
    const seg = segments[i];
    if (seg === undefined) return null;
    if (part.startsWith(":")) {
      const name = part.slice(1);
      if (PARAM_VALUES[name] && !PARAM_VALUES[name].test(seg)) return null;
      params[name] = seg;
    } else if (part !== seg) return null;
  }
  return segments.length === parts.length ? { params, rest: [] } : null;
}

/**
 * Splits the raw request path, then decodes each segment, so "refs%2Fpr%2F1" stays one segment.
 * The raw path is used (not `URL.pathname`, which silently collapses "..") so that traversal
 * attempts, encoded or not, are refused with a 400 instead of being served from another path.
 */
function pathSegments(rawUrl: string): string[] {
  let segments: string[];
  try {
    segments = rawUrl.split("?")[0].split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    throw badRequest("Malformed URL encoding");
  }
  if (segments.some((s) => s === "." || s === ".." || s.includes("\0"))) throw badRequest("Invalid path: \".\" and \"..\" segments are not allowed");
  return segments;
}

/** The request handler, usable on its own (e.g. mounted in another server). */
export function createLocalHubHandler(store: HubStore, config: HubConfig, fallbackBaseUrl: () => string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Browsers (transformers.js in a page, the web demo) may call the hub cross-origin.
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Expose-Headers", "ETag, X-Repo-Commit, Content-Range, Content-Length, Link, X-Error-Code");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization, Content-Type, Range, Accept",
        "Access-Control-Max-Age": "86400",
      });
      res.end();
      return;
    }
    try {
      const rawUrl = req.url?.startsWith("/") ? req.url : "/";
      const url = new URL(`http://localhost${rawUrl}`);
      const segments = pathSegments(rawUrl);
      const user = authenticate(req.headers.authorization, config);
      const readOnly = isReadOnly(req.headers.authorization, config);
      const baseUrl = (config.publicUrl ?? (req.headers.host ? `http://${req.headers.host}` : fallbackBaseUrl())).replace(/\/+$/, "");
      const ctx: HubContext = { req, res, url, store, config, baseUrl, user, readOnly };
      const method = req.method ?? "GET";
      let pathMatched = false;
      for (const route of ROUTES) {
        const m = matchRoute(route.pattern, segments);
        if (!m) continue;
        pathMatched = true;
        if (route.methods.includes(method)) return await route.handler(ctx, m.params, m.rest);
      }
      if (pathMatched) throw new HubError("BadRequest", `Method ${method} not allowed here`, { status: 405 });
      throw new HubError("BadRequest", `Not found: ${method} ${url.pathname}`, { status: 404 });
    } catch (err) {
      sendError(res, err);
    }
  };
}

/** Starts the local hub over `opts.dir`, after converting any plain folders into repos. */
export async function startLocalHub(opts: LocalHubOptions): Promise<LocalHub> {
  const store = new HubStore({ dir: opts.dir });
  await store.importPlainFolders();
  const config: HubConfig = {
    users: opts.users ?? {},
    defaultUser: opts.defaultUser ?? "evalhub-bot",
    readOnlyTokens: new Set(opts.readOnlyTokens ?? []),
    maxPageSize: opts.maxPageSize ?? 1000,
    maxBodyBytes: opts.maxBodyBytes ?? 1024 ** 3,
    publicUrl: opts.publicUrl?.replace(/\/+$/, ""),
  };
  let url = "";
  const server = createServer(createLocalHubHandler(store, config, () => url));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  // A wildcard bind address is not something a client can connect to: advertise loopback instead.
  const reachable = address === "0.0.0.0" ? "127.0.0.1" : address === "::" ? "::1" : address;
  url = `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
  return {
    url,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets of fetch clients would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
