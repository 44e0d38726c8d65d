import { NextResponse } from "next/server";
import { getContext } from "@/server/context";
import { cancelEvaluation } from "@/server/evaluations/control-evaluation";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** POST /api/evaluations/{id}/cancel: 200 with the evaluation, 404 unknown, 409 when its state does not allow it. */
export const POST = route(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const ctx = getContext();
  return NextResponse.json({ evaluation: await cancelEvaluation({ db: ctx.db, queue: ctx.queue(), id }) });
});
