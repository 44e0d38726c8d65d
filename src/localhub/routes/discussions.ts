import { z } from "zod";
import { badRequest } from "../errors";
import type { Discussion, DiscussionEvent } from "../discussions";
import { readableRepo, readJson, requireUser, requireWriter, sendJson, truthy, type HubContext, type Params, type Route } from "../http";
import { repoLabel, type RepoRef } from "../names";
import { escapeHtml } from "./pages";

const PAGE_SIZE = 50; // the Hub's discussions page size; huggingface_hub pages with `p`

const user = (name: string) => ({ name, fullname: name, avatarUrl: "", type: "user", isPro: false, isHf: false });

/** Event as the Hub serialises it: author objects, and comments with `latest.html` too. */
export function serializeEvent(ev: DiscussionEvent): Record<string, unknown> {
  let data = ev.data;
  if (ev.type === "comment") {
    const latest = data.latest as { raw: string; updatedAt: string };
    data = { ...data, latest: { ...latest, html: `<p>${escapeHtml(latest.raw)}</p>`, author: user(ev.author) } };
  }
  return { id: ev.id, type: ev.type, createdAt: ev.createdAt, author: user(ev.author), data };
}

function summary(d: Discussion, repo: RepoRef): Record<string, unknown> {
  return {
    num: d.num,
    title: d.title,
    status: d.status,
    isPullRequest: d.isPullRequest,
    createdAt: d.createdAt,
    author: user(d.author),
    repo: { name: repo.name, type: repo.type },
    numComments: d.events.filter((e) => e.type === "comment").length,
    pinned: false,
    topReactions: [],
  };
}

async function details(ctx: HubContext, repo: RepoRef, d: Discussion, withDiff: boolean): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {
    ...summary(d, repo),
    url: `${ctx.baseUrl}/${repoLabel(repo)}/discussions/${d.num}`,
    events: d.events.map(serializeEvent),
  };
  if (d.isPullRequest) {
    out.changes = { base: d.baseRef ?? "refs/heads/main", ...(d.mergeCommitId ? { mergeCommitId: d.mergeCommitId } : {}) };
    out.filesWithConflicts = await ctx.store.discussions.conflicts(repo, d.num);
    if (withDiff) out.diff = await ctx.store.discussions.diff(repo, d.num);
  }
  return out;
}

function discussionNum(params: Params): number {
  const num = Number(params.num);
  if (!Number.isInteger(num) || num < 1) throw badRequest(`Invalid discussion number "${params.num}"`);
  return num;
}

/** GET .../discussions?p=&type=&status=&author= -> {discussions, count, start, numClosedDiscussions} */
async function list(ctx: HubContext, params: Params): Promise<void> {
  const repo = await readableRepo(ctx, params);
  const q = ctx.url.searchParams;
  const type = z.enum(["all", "discussion", "pull_request"]).catch("all").parse(q.get("type"));
  const status = z.enum(["all", "open", "closed"]).catch("all").parse(q.get("status"));
  const all = await ctx.store.discussions.list(repo, { type, status, author: q.get("author") || undefined });
  const page = Math.max(0, Math.floor(Number(q.get("p") ?? 0)) || 0);
  const start = page * PAGE_SIZE;
  sendJson(ctx.res, 200, {
    discussions: all.slice(start, start + PAGE_SIZE).map((d) => summary(d, repo)),
    count: all.length,
    start,
    numClosedDiscussions: all.filter((d) => d.status === "closed" || d.status === "merged").length,
  });
}

const CreateBody = z.object({ title: z.string().min(1), description: z.string().optional(), pullRequest: z.boolean().optional() });

async function create(ctx: HubContext, params: Params): Promise<void> {
  const author = requireWriter(ctx);
  const repo = await readableRepo(ctx, params);
  const body = await readJson(ctx, CreateBody);
  const d = await ctx.store.discussions.create(repo, { ...body, author });
  sendJson(ctx.res, 200, await details(ctx, repo, d, false));
}

async function get(ctx: HubContext, params: Params): Promise<void> {
  const repo = await readableRepo(ctx, params);
  const d = await ctx.store.discussions.get(repo, discussionNum(params));
  sendJson(ctx.res, 200, await details(ctx, repo, d, truthy(ctx.url.searchParams.get("diff"))));
}

const Bodies = {
  comment: z.object({ comment: z.string().min(1) }),
  status: z.object({ status: z.enum(["open", "closed"]), comment: z.string().optional() }),
  title: z.object({ title: z.string().min(1) }),
  merge: z.object({ comment: z.string().optional() }),
};

/** POST .../discussions/{num}/{comment|status|title|merge} */
async function act(ctx: HubContext, params: Params): Promise<void> {
  const author = requireWriter(ctx);
  const repo = await readableRepo(ctx, params);
  const num = discussionNum(params);
  const ds = ctx.store.discussions;
  switch (params.action) {
    case "comment": {
      const { comment } = await readJson(ctx, Bodies.comment);
      return sendJson(ctx.res, 200, { newMessage: serializeEvent(await ds.comment(repo, num, { comment, author })) });
    }
    case "status": {
      const body = await readJson(ctx, Bodies.status);
      return sendJson(ctx.res, 200, { newStatus: serializeEvent(await ds.setStatus(repo, num, { ...body, author })) });
    }
    case "title": {
      const { title } = await readJson(ctx, Bodies.title);
      return sendJson(ctx.res, 200, { newTitle: serializeEvent(await ds.rename(repo, num, { title, author })) });
    }
    case "merge": {
      const { comment } = await readJson(ctx, Bodies.merge);
      const { event, mergeCommitId } = await ds.merge(repo, num, { comment, author });
      return sendJson(ctx.res, 200, { newStatus: serializeEvent(event), mergeCommitId });
    }
    default:
      throw badRequest(`Unknown discussion action "${params.action}"`);
  }
}

/** POST .../discussions/{num}/comment/{id}/edit {content} -> {updatedComment} */
async function editComment(ctx: HubContext, params: Params): Promise<void> {
  requireUser(ctx);
  const repo = await readableRepo(ctx, params);
  const { content } = await readJson(ctx, z.object({ content: z.string().min(1) }));
  const ev = await ctx.store.discussions.editComment(repo, discussionNum(params), params.id, { content });
  sendJson(ctx.res, 200, { updatedComment: serializeEvent(ev) });
}

const base = "/api/:kind/:owner/:name/discussions";
export const discussionRoutes: Route[] = [
  { methods: ["GET"], pattern: base, handler: list },
  { methods: ["POST"], pattern: base, handler: create },
  { methods: ["GET"], pattern: `${base}/:num`, handler: get },
  { methods: ["POST"], pattern: `${base}/:num/:action`, handler: act },
  { methods: ["POST"], pattern: `${base}/:num/comment/:id/edit`, handler: editComment },
];
