import { NextResponse } from "next/server";
import { inferenceConfig } from "@/env";
import { getContext } from "@/server/context";
import { createSubmission } from "@/server/evaluations/create-submission";
import { readJson, route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async (req: Request) => {
  const ctx = getContext();
  const created = await createSubmission({
    input: await readJson(req),
    db: ctx.db,
    hub: ctx.hub,
    queue: ctx.queue(),
    publicUrl: ctx.env.PUBLIC_URL,
    maxRows: ctx.env.EVAL_MAX_ROWS ?? null,
    inference: inferenceConfig(ctx.env),
  });
  return NextResponse.json(created, { status: 201 });
});
