import { pipeline } from "node:stream/promises";
import { HubError } from "../errors";
import { readableRepo, splitRevision, type HubContext, type Params, type Route } from "../http";
import { assertRepoPath } from "../names";

const CONTENT_TYPES: Record<string, string> = {
  json: "application/json",
  jsonl: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  tsv: "text/tab-separated-values; charset=utf-8",
  yaml: "text/plain; charset=utf-8",
  yml: "text/plain; charset=utf-8",
  py: "text/plain; charset=utf-8",
  // Served as text so a repo file can never run as a page on the hub's origin.
  html: "text/plain; charset=utf-8",
  svg: "text/plain; charset=utf-8",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

export function contentTypeOf(path: string): string {
  const ext = path.split("/").pop()?.split(".").slice(1).pop()?.toLowerCase() ?? "";
  return CONTENT_TYPES[ext] ?? "application/octet-stream";
}

/** Parses a single `bytes=a-b`, `bytes=a-` or `bytes=-n` range. undefined = serve everything. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | "unsatisfiable" | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (!m[1] && !m[2])) return undefined; // malformed or multi-range: ignore it, as RFC 9110 allows
  let start: number;
  let end: number;
  if (!m[1]) {
    start = Math.max(size - Number(m[2]), 0);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  }
  return start > end || start >= size ? "unsatisfiable" : { start, end };
}

/**
 * GET|HEAD /[datasets/]{owner}/{name}/{resolve|raw}/{rev}/{path}. A plain GET answers 200 (what
 * transformers.js requires), a Range 206 with Content-Range (what fileDownloadInfo reads the size
 * from); the ETag is always the quoted git blob oid and X-Repo-Commit the resolved commit.
 */
async function resolveFile(ctx: HubContext, params: Params, rest: string[]): Promise<void> {
  const repo = await readableRepo(ctx, params);
  const { revision, path } = splitRevision(rest);
  assertRepoPath(path);
  const sha = await ctx.store.requireRevision(repo, revision);
  const entry = await ctx.store.statFile(repo, sha, path);
  if (!entry) throw new HubError("EntryNotFound", `Entry not found: ${path} at revision ${revision}`);

  const { res, req } = ctx;
  const fileName = path.split("/").pop() ?? path;
  res.setHeader("ETag", `"${entry.oid}"`);
  res.setHeader("X-Repo-Commit", sha);
  res.setHeader("Accept-Ranges", "bytes");
  res.setHeader("Content-Type", contentTypeOf(path));
  if (params.mode === "resolve" && !ctx.url.searchParams.has("noContentDisposition")) {
    res.setHeader("Content-Disposition", `inline; filename*=UTF-8''${encodeURIComponent(fileName)}; filename="${fileName.replace(/[^\x20-\x7e]|"/g, "_")}";`);
  }

  const range = parseRange(req.headers.range, entry.size);
  if (range === "unsatisfiable") {
    res.writeHead(416, { "Content-Range": `bytes */${entry.size}`, "Content-Length": 0 });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: entry.size - 1 };
  const length = Math.max(end - start + 1, 0);
  res.statusCode = range ? 206 : 200;
  if (range) res.setHeader("Content-Range", `bytes ${start}-${end}/${entry.size}`);
  res.setHeader("Content-Length", length);
  if (req.method === "HEAD" || length === 0) {
    res.end();
    return;
  }
  await pipeline(ctx.store.streamFile(repo, entry.oid, start, end), res);
}

export const fileRoutes: Route[] = [
  { methods: ["GET", "HEAD"], pattern: "/datasets/:owner/:name/:mode/*", handler: (ctx, p, r) => resolveFile(ctx, { ...p, kind: "datasets" }, r) },
  { methods: ["GET", "HEAD"], pattern: "/:owner/:name/:mode/*", handler: (ctx, p, r) => resolveFile(ctx, { ...p, kind: "models" }, r) },
];
