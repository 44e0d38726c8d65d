import type { HubContext, Params, Route } from "../http";
import { readableRepo } from "../http";
import { repoLabel, TYPE_DIR, type RepoRef, type RepoType } from "../names";

/** Minimal HTML pages so that the URLs the API hands out (repo, PR) open in a browser. */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sendHtml(ctx: HubContext, title: string, body: string): void {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f6f6f6;padding:1rem;overflow:auto}</style>
</head><body>${body}</body></html>`;
  ctx.res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html) });
  ctx.res.end(html);
}

async function index(ctx: HubContext): Promise<void> {
  const sections = await Promise.all(
    (["model", "dataset"] as RepoType[]).map(async (type) => {
      const names = await ctx.store.listRepos(type);
      const items = names.map((n) => `<li><a href="/${repoLabel({ type, name: n })}">${escapeHtml(n)}</a></li>`).join("");
      return `<h2>${TYPE_DIR[type]}</h2><ul>${items || "<li>none</li>"}</ul>`;
    }),
  );
  sendHtml(ctx, "Local hub", `<h1>Local hub</h1>${sections.join("")}`);
}

async function repoPage(ctx: HubContext, params: Params): Promise<void> {
  const repo = await readableRepo(ctx, params);
  const sha = await ctx.store.resolveRef(repo, "refs/heads/main");
  const files = sha ? await ctx.store.listFiles(repo, sha) : [];
  const readme = sha ? await ctx.store.readFile(repo, sha, "README.md") : null;
  const discussions = await ctx.store.discussions.list(repo);
  const label = repoLabel(repo);
  const fileItems = files
    .map((f) => `<li><a href="/${label}/resolve/main/${f.path.split("/").map(encodeURIComponent).join("/")}">${escapeHtml(f.path)}</a> (${f.size} B)</li>`)
    .join("");
  const discussionItems = discussions
    .map((d) => `<li><a href="/${label}/discussions/${d.num}">#${d.num} ${escapeHtml(d.title)}</a> [${d.isPullRequest ? "PR, " : ""}${d.status}]</li>`)
    .join("");
  sendHtml(
    ctx,
    repo.name,
    `<h1>${escapeHtml(repo.name)}</h1><p>${repo.type} · main at <code>${sha ?? "(empty)"}</code></p>
<h2>Files</h2><ul>${fileItems}</ul><h2>Discussions</h2><ul>${discussionItems || "<li>none</li>"}</ul>
${readme ? `<h2>README.md</h2><pre>${escapeHtml(Buffer.from(readme).toString("utf8"))}</pre>` : ""}`,
  );
}

async function discussionPage(ctx: HubContext, params: Params): Promise<void> {
  const repo: RepoRef = await readableRepo(ctx, params);
  const d = await ctx.store.discussions.get(repo, Number(params.num));
  const events = d.events
    .map((e) => {
      const what =
        e.type === "comment" ? `<pre>${escapeHtml(String((e.data.latest as { raw: string }).raw))}</pre>`
        : e.type === "commit" ? `committed <code>${escapeHtml(String(e.data.oid))}</code> ${escapeHtml(String(e.data.subject))}`
        : e.type === "status-change" ? `changed status to ${escapeHtml(String(e.data.status))}`
        : `renamed from “${escapeHtml(String(e.data.from))}”`;
      return `<li><b>${escapeHtml(e.author)}</b> ${e.createdAt}: ${what}</li>`;
    })
    .join("");
  const diff = d.isPullRequest ? await ctx.store.discussions.diff(repo, d.num) : "";
  sendHtml(
    ctx,
    `#${d.num} ${d.title}`,
    `<p><a href="/${repoLabel(repo)}">${escapeHtml(repo.name)}</a></p><h1>#${d.num} ${escapeHtml(d.title)}</h1>
<p>${d.isPullRequest ? "Pull request" : "Discussion"} · ${d.status} · by ${escapeHtml(d.author)}</p><ul>${events}</ul>
${diff ? `<h2>Diff</h2><pre>${escapeHtml(diff)}</pre>` : ""}`,
  );
}

const asModel = (h: typeof repoPage) => (ctx: HubContext, p: Params) => h(ctx, { ...p, kind: "models" });
const asDataset = (h: typeof repoPage) => (ctx: HubContext, p: Params) => h(ctx, { ...p, kind: "datasets" });

export const pageRoutes: Route[] = [
  { methods: ["GET"], pattern: "/", handler: index },
  { methods: ["GET"], pattern: "/datasets/:owner/:name", handler: asDataset(repoPage) },
  { methods: ["GET"], pattern: "/datasets/:owner/:name/discussions/:num", handler: asDataset(discussionPage) },
  { methods: ["GET"], pattern: "/:owner/:name", handler: asModel(repoPage) },
  { methods: ["GET"], pattern: "/:owner/:name/discussions/:num", handler: asModel(discussionPage) },
];
