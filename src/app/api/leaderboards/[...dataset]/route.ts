import { getContext } from "@/server/context";
import { route } from "@/server/http/route";
import { respondLeaderboard } from "@/server/leaderboards/respond-leaderboard";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request, { params }: { params: Promise<{ dataset: string[] }> }) => {
  const { dataset } = await params;
  return respondLeaderboard({
    db: getContext().db,
    dataset: dataset.map(decodeURIComponent).join("/"),
    searchParams: new URL(req.url).searchParams,
  });
});
