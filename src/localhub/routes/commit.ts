import { z } from "zod";
import { badRequest } from "../errors";
import type { FileAddition } from "../git-objects";
import { readBody, readableRepo, readJson, requireUser, requireWriter, sendJson, truthy, type HubContext, type Params, type Route } from "../http";
import { repoLabel } from "../names";

const PreuploadBody = z.object({
  files: z.array(z.object({ path: z.string(), size: z.number().optional(), sample: z.string().optional() })),
  gitAttributes: z.string().nullish(),
  gitIgnore: z.string().nullish(),
});

/**
 * POST /api/{kind}/{owner}/{name}/preupload/{rev}: every file is "regular" (inline base64 in the
 * commit), so clients never take the LFS/xet upload path.
 */
async function preupload(ctx: HubContext, params: Params, rest: string[]): Promise<void> {
  requireUser(ctx);
  const repo = await readableRepo(ctx, params);
  await ctx.store.requireRevision(repo, rest.join("/") || "main");
  const body = await readJson(ctx, PreuploadBody);
  sendJson(ctx.res, 200, {
    files: body.files.map((f) => ({ path: f.path, uploadMode: "regular", shouldIgnore: false })),
  });
}

const Header = z.object({
  summary: z.string().min(1, "commit summary is required"),
  description: z.string().nullish(),
  parentCommit: z.string().nullish(),
});
const FileOp = z.object({ path: z.string(), content: z.string(), encoding: z.string().optional() });
const PathOp = z.object({ path: z.string() });
const Line = z.object({ key: z.string(), value: z.unknown() });

interface ParsedCommit {
  header: z.infer<typeof Header>;
  files: FileAddition[];
  deletes: string[];
}

/** Parses the NDJSON commit payload line by line (no giant string: uploads can be large). */
export function parseCommitPayload(body: Buffer): ParsedCommit {
  let header: ParsedCommit["header"] | undefined;
  const files: FileAddition[] = [];
  const deletes: string[] = [];
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf(0x0a, start);
    if (end === -1) end = body.length;
    const raw = body.subarray(start, end).toString("utf8").trim();
    start = end + 1;
    if (!raw) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw badRequest("Malformed NDJSON line in commit payload");
    }
    const { key, value } = Line.parse(json);
    if (key === "header") header = Header.parse(value);
    else if (key === "file") {
      const op = FileOp.parse(value);
      if (op.encoding && !["base64", "utf-8", "utf8"].includes(op.encoding)) throw badRequest(`Unknown encoding "${op.encoding}"`);
      files.push({ path: op.path, content: op.encoding === "base64" ? Buffer.from(op.content, "base64") : op.content });
    } else if (key === "deletedFile" || key === "deletedFolder") {
      deletes.push(PathOp.parse(value).path);
    } else if (key === "lfsFile") {
      throw badRequest("LFS files are not supported by the local hub: preupload answers uploadMode \"regular\", send the content inline");
    } else {
      throw badRequest(`Unknown commit operation "${key}"`);
    }
  }
  if (!header) throw badRequest("Commit payload has no header line");
  return { header, files, deletes };
}

/** POST /api/{kind}/{owner}/{name}/commit/{rev}[?create_pr=1] */
async function commit(ctx: HubContext, params: Params, rest: string[]): Promise<void> {
  const user = requireWriter(ctx);
  const repo = await readableRepo(ctx, params);
  const branch = rest.join("/") || "main";
  const { header, files, deletes } = parseCommitPayload(await readBody(ctx));
  const createPr = truthy(ctx.url.searchParams.get("create_pr"));
  const { oid, prNum } = await ctx.store.commit({
    repo, branch, files, deletes, createPr,
    message: header.summary,
    description: header.description ?? undefined,
    parentCommit: header.parentCommit ?? undefined,
    author: user,
  });
  const repoUrl = `${ctx.baseUrl}/${repoLabel(repo)}`;
  sendJson(ctx.res, 200, {
    success: true,
    commitOid: oid,
    commitUrl: `${repoUrl}/commit/${oid}`,
    hookOutput: "",
    ...(createPr && prNum !== undefined ? { pullRequestUrl: `${repoUrl}/discussions/${prNum}` } : {}),
  });
}

export const commitRoutes: Route[] = [
  { methods: ["POST"], pattern: "/api/:kind/:owner/:name/preupload/*", handler: preupload },
  { methods: ["POST"], pattern: "/api/:kind/:owner/:name/commit/*", handler: commit },
];
