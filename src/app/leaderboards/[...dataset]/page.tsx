import Link from "next/link";
import { MetricValue } from "@/components/metric-value";
import { LeaderboardQuerySchema } from "@/schemas/submission";
import { getContext } from "@/server/context";
import { getLeaderboard } from "@/server/leaderboards/get-leaderboard";
import { metricLabel } from "@/server/metrics/labels";

export const dynamic = "force-dynamic";

export default async function LeaderboardPage(props: {
  params: Promise<{ dataset: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { dataset: parts } = await props.params;
  const dataset = parts.map(decodeURIComponent).join("/");
  const raw = await props.searchParams;
  const parsed = LeaderboardQuerySchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string")));
  const query = parsed.success ? parsed.data : {};
  const board = await getLeaderboard({ db: getContext().db, dataset, ...query });
  const href = (patch: Record<string, string | undefined>) => {
    const qs = new URLSearchParams(Object.entries({ ...query, ...patch }).filter(([, v]) => v) as [string, string][]);
    return `/leaderboards/${dataset}?${qs}`;
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Leaderboard: {dataset}</h1>
      {!parsed.success && <p role="alert" className="text-amber-700">Ignored invalid filters: {parsed.error.issues.map((i) => i.path.join(".")).join(", ")}</p>}
      <nav aria-label="Config and split" className="flex flex-wrap gap-2 text-sm">
        <Link href={href({ config: undefined, split: undefined })}>All</Link>
        {board.available.map((a) => (
          <Link key={`${a.config}/${a.split}`} href={href({ config: a.config, split: a.split })}>{a.config}/{a.split}</Link>
        ))}
      </nav>
      {board.rows.length === 0 ? (
        <p>No results for this selection yet. <Link href={`/evaluate?dataset=${dataset}`}>Evaluate a model on {dataset}.</Link></p>
      ) : (
        <table className="min-w-full text-sm" data-testid="leaderboard">
          <thead>
            <tr className="border-b text-left">
              <th className="py-2 pr-4">#</th>
              <th className="py-2 pr-4">Model</th>
              <th className="py-2 pr-4">Config/split</th>
              {board.metrics.map((m) => (
                <th key={m} className="py-2 pr-4" aria-sort={m === board.metric ? (board.higherIsBetter ? "descending" : "ascending") : undefined}>
                  <Link href={href({ metric: m })}>{metricLabel(m)}{m === board.metric ? (board.higherIsBetter ? " ↓" : " ↑") : ""}</Link>
                </th>
              ))}
              <th className="py-2 pr-4">PR</th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((r) => (
              <tr key={r.evaluationId} className="border-b" data-model={r.model}>
                <td className="py-2 pr-4">{r.rank}</td>
                <td className="py-2 pr-4"><Link href={`/evaluations/${r.evaluationId}`}>{r.model}</Link></td>
                <td className="py-2 pr-4">{r.config}/{r.split}</td>
                {board.metrics.map((m) => (
                  <td key={m} className="py-2 pr-4"><MetricValue value={r.results[m]} interval={r.intervals[m]} /></td>
                ))}
                <td className="py-2 pr-4">{r.pullRequestUrl ? <a href={r.pullRequestUrl}>PR</a> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p><Link href={`/evaluate?dataset=${dataset}`}>Evaluate another model on this dataset</Link></p>
    </div>
  );
}
