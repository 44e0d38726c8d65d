import { z } from "zod";
import { HubError } from "../errors";
import { readJson, repoFromParams, requireUser, sendJson, type HubContext, type Params, type Route } from "../http";
import { repoLabel, type RepoRef } from "../names";
import { repoObjectId } from "../repo-info";

// A fixed date keeps whoami answers stable across restarts.
const TOKEN_CREATED_AT = "2024-01-01T00:00:00.000Z";

/** GET /api/whoami-v2: the full shape, including `auth`, which @huggingface/hub dereferences. */
async function whoami(ctx: HubContext): Promise<void> {
  const name = requireUser(ctx);
  sendJson(ctx.res, 200, {
    id: repoObjectId({ type: "model", name: `user/${name}` }),
    type: "user",
    name,
    fullname: name,
    email: `${name}@localhub`,
    emailVerified: true,
    isPro: false,
    canPay: false,
    avatarUrl: "",
    periodEnd: null,
    billingMode: "postpaid",
    orgs: [],
    auth: { type: "access_token", accessToken: { displayName: "localhub", role: "write", createdAt: TOKEN_CREATED_AT } },
  });
}

const CreateBody = z.object({
  name: z.string().min(1),
  organization: z.string().nullish(),
  type: z.enum(["model", "dataset", "space"]).optional(),
  private: z.boolean().nullish(),
  visibility: z.enum(["public", "private", "protected"]).optional(),
  files: z.array(z.object({ path: z.string(), content: z.string(), encoding: z.enum(["base64", "utf-8"]).optional() })).optional(),
});

const RepoIdBody = z.object({ name: z.string().min(1), organization: z.string().nullish(), type: z.enum(["model", "dataset", "space"]).optional() });

/** `{name, organization?, type?}` -> RepoRef; a repo without organization belongs to the caller. */
function repoFromBody(body: z.infer<typeof RepoIdBody>, user: string): RepoRef {
  if (body.type === "space") throw new HubError("BadRequest", "Spaces are not supported by the local hub");
  const name = body.name.includes("/") ? body.name : `${body.organization || user}/${body.name}`;
  return { type: body.type ?? "model", name };
}

/** POST /api/repos/create -> {url, id}; 409 if it exists. */
async function createRepo(ctx: HubContext): Promise<void> {
  const user = requireUser(ctx);
  const body = await readJson(ctx, CreateBody);
  const repo = repoFromBody(body, user);
  const files = body.files?.map((f) => ({ path: f.path, content: f.encoding === "base64" ? Buffer.from(f.content, "base64") : f.content }));
  const isPrivate = body.private ?? (body.visibility ? body.visibility !== "public" : false);
  await ctx.store.createRepo(repo, { private: isPrivate, author: user, files });
  sendJson(ctx.res, 200, { url: `${ctx.baseUrl}/${repoLabel(repo)}`, name: repo.name, id: repoObjectId(repo) });
}

/** DELETE /api/repos/delete {name, organization, type} */
async function deleteRepo(ctx: HubContext): Promise<void> {
  const user = requireUser(ctx);
  await ctx.store.deleteRepo(repoFromBody(await readJson(ctx, RepoIdBody), user));
  sendJson(ctx.res, 200, {});
}

const SettingsBody = z.object({ private: z.boolean().optional(), gated: z.union([z.literal(false), z.enum(["auto", "manual"])]).optional() });

/** PUT /api/{kind}/{owner}/{name}/settings {private?, gated?} */
async function settings(ctx: HubContext, params: Params): Promise<void> {
  requireUser(ctx);
  const body = await readJson(ctx, SettingsBody);
  const meta = await ctx.store.updateMeta(repoFromParams(params), body);
  sendJson(ctx.res, 200, { private: meta.private, gated: meta.gated });
}

export const accountRoutes: Route[] = [
  { methods: ["GET"], pattern: "/api/health", handler: async (ctx) => sendJson(ctx.res, 200, { ok: true }) },
  { methods: ["GET"], pattern: "/api/whoami-v2", handler: whoami },
  { methods: ["POST"], pattern: "/api/repos/create", handler: createRepo },
  { methods: ["DELETE"], pattern: "/api/repos/delete", handler: deleteRepo },
  { methods: ["PUT"], pattern: "/api/:kind/:owner/:name/settings", handler: settings },
];
