import { LeaderboardViewQuerySchema, type LeaderboardViewQuery } from "@/schemas/leaderboard";

export interface ParsedViewQuery {
  query: LeaderboardViewQuery;
  /** The valid parameters as strings, for links that keep the view. */
  params: Record<string, string>;
  /** Parameters that were dropped, with why. */
  ignored: { field: string; message: string }[];
}

/**
 * The page's lenient reading of the view query: an invalid parameter is dropped (and reported) rather
 * than failing the page; the API answers 422 for the same input instead.
 */
export function parseViewQuery(raw: Record<string, string | string[] | undefined>): ParsedViewQuery {
  const known = Object.keys(LeaderboardViewQuerySchema.shape);
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (known.includes(k) && k !== "format" && typeof value === "string" && value.trim() !== "") params[k] = value;
  }
  const ignored: ParsedViewQuery["ignored"] = [];
  const first = LeaderboardViewQuerySchema.safeParse(params);
  if (!first.success) {
    for (const issue of first.error.issues) {
      const field = String(issue.path[0]);
      if (!(field in params)) continue;
      ignored.push({ field, message: issue.message });
      delete params[field];
    }
  }
  return { query: LeaderboardViewQuerySchema.parse(params), params, ignored };
}
