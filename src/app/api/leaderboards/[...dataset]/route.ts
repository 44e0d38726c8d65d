import { NextResponse } from "next/server";
import { LeaderboardQuerySchema } from "@/schemas/submission";
import { getContext } from "@/server/context";
import { route } from "@/server/http/route";
import { getLeaderboard } from "@/server/leaderboards/get-leaderboard";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request, { params }: { params: Promise<{ dataset: string[] }> }) => {
  const { dataset } = await params;
  const query = LeaderboardQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json(await getLeaderboard({ db: getContext().db, dataset: dataset.map(decodeURIComponent).join("/"), ...query }));
});
