import { NextResponse } from "next/server";
import { getContext } from "@/server/context";
import { getHealth } from "@/server/health/get-health";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** GET /api/health: 200 when every dependency answers, else 503 naming the ones that are down in `down`. */
export const GET = route(async () => {
  const ctx = getContext();
  const health = await getHealth({ db: ctx.db, queue: ctx.queue, hub: ctx.hub, viewerUrl: ctx.env.DATASETS_SERVER_URL });
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: health.ok ? {} : { "Retry-After": "5" } });
});
