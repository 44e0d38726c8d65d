import { NextResponse } from "next/server";
import { getContext } from "@/server/context";
import { getHealth } from "@/server/health/get-health";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/health: 200 when every dependency answers, else 503 naming the ones that are down in
 * `down`. `?report=1` always answers 200 with the same body: the pages' error state asks it, and a
 * browser logs every non-2xx fetch as a console error.
 */
export const GET = route(async (req: Request) => {
  const ctx = getContext();
  const health = await getHealth({ db: ctx.db, queue: ctx.queue, hub: ctx.hub, viewerUrl: ctx.env.DATASETS_SERVER_URL });
  if (new URL(req.url).searchParams.get("report") === "1") return NextResponse.json(health);
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: health.ok ? {} : { "Retry-After": "5" } });
});
