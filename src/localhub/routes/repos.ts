import { z } from "zod";
import { HubError } from "../errors";
import { KIND_TO_TYPE, paginate, queryList, readableRepo, readBody, readJson, requireUser, sendJson, splitRevision, truthy, type HubContext, type Params, type Route } from "../http";
import type { RepoRef } from "../names";
import { pickFields, repoRecord, type RepoRecord } from "../repo-info";

/** GET /api/models, /api/datasets: search, author, filter (ANDed tags), pipeline_tag, sort, expand, cursor pages. */
async function listRepos(ctx: HubContext, params: Params): Promise<void> {
  const type = KIND_TO_TYPE[params.kind];
  const q = ctx.url.searchParams;
  const all = await mapLimit(await ctx.store.listRepos(type), 16, async (name) => {
    const repo: RepoRef = { type, name };
    const sha = await ctx.store.resolveRef(repo, "refs/heads/main");
    return repoRecord(ctx.store, repo, sha, { blobs: truthy(q.get("blobs")) });
  });
  // Without a token private repos are invisible, as on the Hub for strangers.
  const records = all.filter((r) => !r.private || ctx.user);

  const search = q.get("search")?.toLowerCase();
  const author = q.get("author")?.toLowerCase();
  const filters = q.getAll("filter").filter(Boolean);
  const pipeline = q.get("pipeline_tag");
  const library = q.get("library");
  const matching = records.filter((r) => {
    const tags = r.tags as string[];
    return (
      (!search || r.id.toLowerCase().includes(search)) &&
      (!author || (r.author as string).toLowerCase() === author) &&
      filters.every((f) => tags.includes(f)) &&
      (!pipeline || r.pipeline_tag === pipeline) &&
      (!library || r.library_name === library || tags.includes(library))
    );
  });

  sortRecords(matching, q.get("sort"), q.get("direction"));
  const page = paginate(ctx, matching, 1000);
  const expand = queryList(ctx.url, "expand");
  sendJson(ctx.res, 200, page.map((r) => pickFields(r, type, expand, "list")));
}

/** Promise.all with at most `limit` tasks in flight (each record costs a few git processes). */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const SORT_KEYS: Record<string, string> = {
  downloads: "downloads", likes: "likes", likes30d: "likes", lastModified: "lastModified", last_modified: "lastModified",
  createdAt: "createdAt", created_at: "createdAt", id: "id", trendingScore: "trendingScore", trending_score: "trendingScore",
};

/** Sorts by the key (descending unless `direction=1`, ascending for `id`), ties broken by id. */
function sortRecords(records: RepoRecord[], sort: string | null, direction: string | null): void {
  const key = sort ? SORT_KEYS[sort] : "id";
  if (!key) throw new HubError("BadRequest", `Invalid sort key "${sort}"`);
  const sign = direction === "1" || (key === "id" && direction !== "-1") ? 1 : -1;
  records.sort((a, b) => {
    const va = a[key] as string | number;
    const vb = b[key] as string | number;
    const c = va < vb ? -1 : va > vb ? 1 : 0;
    return c * sign || (a.id < b.id ? -1 : 1);
  });
}

/** GET /api/{kind}/{owner}/{name}[/revision/{rev}] */
async function repoInfo(ctx: HubContext, params: Params, rest: string[]): Promise<void> {
  const repo = await readableRepo(ctx, params);
  const revision = rest.length ? rest.join("/") : "HEAD";
  const sha = await ctx.store.requireRevision(repo, revision);
  const record = await repoRecord(ctx.store, repo, sha, { blobs: truthy(ctx.url.searchParams.get("blobs")) });
  sendJson(ctx.res, 200, pickFields(record, repo.type, queryList(ctx.url, "expand"), "info"));
}

/** GET /api/{kind}/{owner}/{name}/tree/{rev}[/{path}]?recursive=&expand= */
async function tree(ctx: HubContext, params: Params, rest: string[]): Promise<void> {
  const repo = await readableRepo(ctx, params);
  const { revision, path } = splitRevision(rest);
  const sha = await ctx.store.requireRevision(repo, revision);
  const expand = truthy(ctx.url.searchParams.get("expand"));
  const entries = await ctx.store.listTree(repo, sha, { dir: path, recursive: truthy(ctx.url.searchParams.get("recursive")) });
  // Same page sizes as the Hub: expanding last commits is costly, so those pages are smaller.
  const page = paginate(ctx, entries, expand ? 50 : 1000);
  const items = await Promise.all(
    page.map(async (e) => {
      const item: Record<string, unknown> = { type: e.type, oid: e.oid, size: e.size, path: e.path };
      if (expand) {
        const last = await ctx.store.lastCommitFor(repo, sha, e.path);
        if (last) item.lastCommit = { id: last.oid, title: last.title, date: last.date };
      }
      return item;
    }),
  );
  sendJson(ctx.res, 200, items);
}

/**
 * POST /api/{kind}/{owner}/{name}/paths-info/{rev} with `{paths, expand}` as JSON (@huggingface/hub)
 * or as a form (huggingface_hub). Missing paths are left out of the answer, like on the Hub.
 */
async function pathsInfo(ctx: HubContext, params: Params, rest: string[]): Promise<void> {
  const repo = await readableRepo(ctx, params);
  const sha = await ctx.store.requireRevision(repo, rest.join("/") || "main");
  const isForm = ctx.req.headers["content-type"]?.includes("application/x-www-form-urlencoded");
  let paths: string[];
  let expand: boolean;
  if (isForm) {
    const form = new URLSearchParams((await readBody(ctx)).toString("utf8"));
    paths = form.getAll("paths");
    expand = truthy(form.get("expand"));
  } else {
    const body = await readJson(ctx, z.object({ paths: z.array(z.string()), expand: z.boolean().optional() }));
    paths = body.paths;
    expand = body.expand ?? false;
  }
  const out: Record<string, unknown>[] = [];
  for (const p of [...new Set(paths.map((x) => x.replace(/\/+$/, "")))]) {
    const entry = p ? await ctx.store.statPath(repo, sha, p) : null;
    if (!entry) continue;
    const item: Record<string, unknown> = { type: entry.type, oid: entry.oid, size: entry.size, path: p };
    if (expand) {
      const last = await ctx.store.lastCommitFor(repo, sha, p);
      if (last) item.lastCommit = { id: last.oid, title: last.title, date: last.date };
    }
    out.push(item);
  }
  sendJson(ctx.res, 200, out);
}

/** GET /api/{kind}/{owner}/{name}/refs[?include_prs=1] */
async function refs(ctx: HubContext, params: Params): Promise<void> {
  const repo = await readableRepo(ctx, params);
  const { pullRequests, ...rest } = await ctx.store.listRefs(repo);
  sendJson(ctx.res, 200, truthy(ctx.url.searchParams.get("include_prs")) ? { ...rest, pullRequests } : rest);
}

/** GET /api/{kind}/{owner}/{name}/commits/{rev}?limit=&p= (what listCommits pages through). */
async function commits(ctx: HubContext, params: Params, rest: string[]): Promise<void> {
  const repo = await readableRepo(ctx, params);
  const sha = await ctx.store.requireRevision(repo, rest.join("/") || "main");
  const { commits: all } = await ctx.store.listCommits(repo, sha);
  const page = paginate(ctx, all, 50);
  sendJson(ctx.res, 200, page.map((c) => ({
    id: c.oid, title: c.title, message: c.message, date: c.date,
    authors: [{ user: c.author, avatar: "" }],
  })));
}

const BranchBody = z.object({ startingPoint: z.string().optional(), emptyBranch: z.boolean().optional(), overwrite: z.boolean().optional() });

/** POST /api/{kind}/{owner}/{name}/branch/{branch} (createBranch) and DELETE (deleteBranch). */
async function branch(ctx: HubContext, params: Params, rest: string[]): Promise<void> {
  const user = requireUser(ctx);
  const repo = await readableRepo(ctx, params);
  const name = rest.join("/");
  if (ctx.req.method === "DELETE") {
    await ctx.store.deleteBranch(repo, name);
  } else {
    const body = await readJson(ctx, BranchBody);
    await ctx.store.createBranch(repo, name, { from: body.startingPoint, empty: body.emptyBranch, overwrite: body.overwrite, author: user });
  }
  sendJson(ctx.res, 200, {});
}

export const repoRoutes: Route[] = [
  { methods: ["GET"], pattern: "/api/:kind", handler: listRepos },
  { methods: ["GET"], pattern: "/api/:kind/:owner/:name", handler: repoInfo },
  { methods: ["GET"], pattern: "/api/:kind/:owner/:name/revision/*", handler: repoInfo },
  { methods: ["GET"], pattern: "/api/:kind/:owner/:name/tree/*", handler: tree },
  { methods: ["GET"], pattern: "/api/:kind/:owner/:name/refs", handler: refs },
  { methods: ["POST"], pattern: "/api/:kind/:owner/:name/paths-info/*", handler: pathsInfo },
  { methods: ["GET"], pattern: "/api/:kind/:owner/:name/commits/*", handler: commits },
  { methods: ["POST", "DELETE"], pattern: "/api/:kind/:owner/:name/branch/*", handler: branch },
];
