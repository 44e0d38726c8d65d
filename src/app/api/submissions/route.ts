import { NextResponse } from "next/server";
import { getContext, submissionDeps } from "@/server/context";
import { createSubmission } from "@/server/evaluations/create-submission";
import { readJson, route } from "@/server/http/route";
import { limitSubmission } from "@/server/rate-limit/limit-submission";

export const dynamic = "force-dynamic";

/** POST /api/submissions: 201 with the submission; 429 with Retry-After when a rate limit is full. */
export const POST = route(async (req: Request) => {
  const ctx = getContext();
  const input = await readJson(req);
  const created = await limitSubmission({
    req,
    body: input,
    env: ctx.env,
    submit: () =>
      createSubmission({
        input,
        ...submissionDeps(ctx),
      }),
  });
  return NextResponse.json(created, { status: 201 });
});
