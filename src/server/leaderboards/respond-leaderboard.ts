import { LeaderboardViewQuerySchema } from "@/schemas/leaderboard";
import type { Db } from "@/server/db/client";
import { getLeaderboard } from "./get-leaderboard";
import { leaderboardFileName, leaderboardToCsv } from "./leaderboard-csv";

export interface RespondLeaderboardOptions {
  db: Db;
  dataset: string;
  /** The request's query string; validated here (a ZodError becomes a 422 in `route()`). */
  searchParams: URLSearchParams;
}

/**
 * The response of `GET /api/leaderboards/{dataset}`: JSON by default; `format=csv|json` exports the
 * same filtered view as a download.
 */
export async function respondLeaderboard(opts: RespondLeaderboardOptions): Promise<Response> {
  const { format, verified, dir, selfReported, ...query } = LeaderboardViewQuerySchema.parse(Object.fromEntries(opts.searchParams));
  const board = await getLeaderboard({ db: opts.db, dataset: opts.dataset, ...query, direction: dir, verifiedOnly: verified, selfReported });
  if (format === "csv") {
    return new Response(leaderboardToCsv(board), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8; header=present",
        "Content-Disposition": `attachment; filename="${leaderboardFileName(board, "csv")}"`,
      },
    });
  }
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (format === "json") headers["Content-Disposition"] = `attachment; filename="${leaderboardFileName(board, "json")}"`;
  return new Response(JSON.stringify(board), { headers });
}
