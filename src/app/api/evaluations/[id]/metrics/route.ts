import { NextResponse } from "next/server";
import { getContext } from "@/server/context";
import { addMetrics } from "@/server/evaluations/add-metrics";
import { readJson, route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/**
 * POST /api/evaluations/{id}/metrics `{"metrics": ["matthews_correlation"]}`: re-scores the stored
 * predictions with the added metrics (no inference). 200 with the evaluation; 409 unless it has
 * succeeded; 422 for a metric that does not apply to the task.
 */
export const POST = route(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const ctx = getContext();
  const evaluation = await addMetrics({ db: ctx.db, hub: ctx.hub, publicUrl: ctx.env.PUBLIC_URL, id, input: await readJson(req) });
  return NextResponse.json({ evaluation });
});
