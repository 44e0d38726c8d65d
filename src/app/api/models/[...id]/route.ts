import { NextResponse } from "next/server";
import { getContext, submissionDeps } from "@/server/context";
import { AppError } from "@/server/errors";
import { readJson, route } from "@/server/http/route";
import { createModelSubmissions } from "@/server/models/create-model-submissions";
import { getModelResults } from "@/server/models/get-model-results";
import { limitSubmission } from "@/server/rate-limit/limit-submission";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string[] }> };

/** Splits `/api/models/{owner}/{name}/{action}` into the model id and the action. */
async function target(props: Params, action: string): Promise<string> {
  const parts = (await props.params).id.map(decodeURIComponent);
  if (parts.length < 2 || parts.at(-1) !== action) {
    throw new AppError("NOT_FOUND", `No such endpoint: /api/models/${parts.join("/")}.`);
  }
  return parts.slice(0, -1).join("/");
}

/** GET /api/models/{id}/results: the model's latest results per dataset, config, split and task. */
export const GET = route(async (_req: Request, props: Params) => {
  const model = await target(props, "results");
  const ctx = getContext();
  return NextResponse.json(await getModelResults({ db: ctx.db, hub: ctx.hub, model }));
});

/**
 * POST /api/models/{id}/evaluations: one submission per dataset; 201 if any was created, else 422.
 * Counts once against the rate limits (one request, one click), and only if something was created.
 */
export const POST = route(async (req: Request, props: Params) => {
  const model = await target(props, "evaluations");
  const ctx = getContext();
  const input = await readJson(req);
  const out = await limitSubmission({
    req,
    body: input,
    env: ctx.env,
    accepted: (result) => result.created > 0,
    submit: () =>
      createModelSubmissions({
        model,
        input,
        ...submissionDeps(ctx),
      }),
  });
  if (out.created > 0) return NextResponse.json(out, { status: 201 });
  const reasons = out.results.map((r) => (r.status === "failed" ? `${r.dataset}: ${r.error}` : "")).join(" ");
  return NextResponse.json({ ...out, error: `No submission was created. ${reasons}`, code: "UNPROCESSABLE" }, { status: 422 });
});
