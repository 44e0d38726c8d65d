import Link from "next/link";
import { MetricValue } from "@/components/metric-value";
import type { Leaderboard, LeaderboardRow } from "@/server/leaderboards/get-leaderboard";
import { METRICS, type MetricId } from "@/server/metrics";
import { metricLabel } from "@/server/metrics/labels";
import { IntervalBar, intervalDomain } from "./interval-bar";
import { viewHref, type ViewParams } from "./leaderboard-href";

export interface LeaderboardTableProps {
  board: Leaderboard;
  /** The page's own path, e.g. `/leaderboards/evalhub-demo/sst2`. */
  base: string;
  params: ViewParams;
}

/** A header that sorts by its metric: a second click reverses the direction. */
function SortHeader({ board, base, params, metric }: LeaderboardTableProps & { metric: MetricId }) {
  const active = board.sort === metric;
  const natural = METRICS[metric].higherIsBetter ? "desc" : "asc";
  // Clicking the active column flips it; another column starts at its own best-first direction.
  const next = active ? (board.direction === "desc" ? "asc" : "desc") : undefined;
  const href = viewHref(base, params, { sort: metric, dir: next && next !== natural ? next : undefined });
  const better = METRICS[metric].higherIsBetter ? "higher is better" : "lower is better";
  return (
    <th scope="col" className="py-2 pr-4 align-bottom" aria-sort={active ? (board.direction === "desc" ? "descending" : "ascending") : "none"}>
      <Link href={href} className="whitespace-nowrap" title={`Sort by ${metricLabel(metric)} (${better})`}>
        {metricLabel(metric)}
        <span aria-hidden="true" className="ml-1">{active ? (board.direction === "desc" ? "▼" : "▲") : "↕"}</span>
        <span className="sr-only">{active ? `, sorted ${board.direction === "desc" ? "descending" : "ascending"}` : ""}</span>
      </Link>
      <span className="block text-xs font-normal text-gray-500 dark:text-gray-400" data-testid={`better-${metric}`}>
        {METRICS[metric].higherIsBetter ? "↑ higher is better" : "↓ lower is better"}
      </span>
    </th>
  );
}

const badge = "ml-2 inline-block rounded px-1.5 py-0.5 text-xs";

/** Why a row is tied, in words, for the badge's tooltip. */
function tieTitle(row: LeaderboardRow, metric: string): string {
  const tie = row.tie;
  if (!tie) return "";
  if (tie.test === "ci-overlap") {
    return `Tied with ${tie.with} by CI overlap: the two 95% intervals overlap (no paired test was possible)`;
  }
  const [lo, hi] = tie.interval ?? [NaN, NaN];
  return `Tied with ${tie.with} by a paired bootstrap on ${tie.rows} shared examples (${tie.resamples} resamples): the 95% interval of the ${metricLabel(metric)} difference, ${lo.toFixed(4)} to ${hi.toFixed(4)}, contains 0`;
}

/** Leader, tie (with the rule that decided it), self-reported and verified marks. */
function RowBadges({ row, metric }: { row: LeaderboardRow; metric: string }) {
  return (
    <>
      {row.leader && <span className={`${badge} bg-indigo-100 text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100`}>leader</span>}
      {row.tied && (
        <span className={`${badge} bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100`} title={tieTitle(row, metric)}>
          <span>tied</span>
          <span className="sr-only"> ({tieTitle(row, metric)})</span>
          <span aria-hidden="true" className="ml-1 opacity-75">{row.tie?.test === "paired-bootstrap" ? "paired" : "CI"}</span>
        </span>
      )}
      {row.source === "self-reported" && (
        <span
          className={`${badge} border border-dashed border-gray-500 text-gray-700 dark:border-gray-400 dark:text-gray-300`}
          title="Claimed in the model card's model-index; not computed or checked by EvalHub"
          data-testid="self-reported-badge"
        >
          self-reported
        </span>
      )}
      {row.verified && <span className="ml-2 text-xs text-gray-500 dark:text-gray-400" title="Signed by this deployment: the value can be checked against its verifyToken">verified</span>}
    </>
  );
}

/** The ranked rows: metric columns with intervals, and an error-bar plot of the ranking metric. */
export function LeaderboardTable(props: LeaderboardTableProps) {
  const { board } = props;
  const domain = intervalDomain(board.rows, board.metric);
  const leader = board.rows.find((r) => r.leader);
  const showTask = board.task === null && board.tasks.length > 1;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="leaderboard">
        <caption className="sr-only">
          Models on {board.dataset}, ranked by {metricLabel(board.metric)}, sorted by {metricLabel(board.sort)} {board.direction === "desc" ? "descending" : "ascending"}
        </caption>
        <thead>
          <tr className="border-b border-gray-300 text-left dark:border-gray-700">
            <th scope="col" className="py-2 pr-4 align-bottom">Rank</th>
            <th scope="col" className="py-2 pr-4 align-bottom">Model</th>
            <th scope="col" className="py-2 pr-4 align-bottom">Config/split</th>
            {showTask && <th scope="col" className="py-2 pr-4 align-bottom">Task</th>}
            {board.metrics.map((m) => (
              <SortHeader key={m} {...props} metric={m} />
            ))}
            <th scope="col" className="py-2 pr-4 align-bottom">
              {metricLabel(board.metric)}: 95% interval
              <span className="block text-xs font-normal text-gray-500 dark:text-gray-400">band = leader&apos;s interval</span>
            </th>
            <th scope="col" className="py-2 pr-4 align-bottom">PR</th>
          </tr>
        </thead>
        <tbody>
          {board.rows.map((r) => (
            <tr
              key={r.key}
              className="border-b border-gray-200 dark:border-gray-800"
              data-model={r.model}
              data-source={r.source}
              data-tied={r.tied}
              data-tie-test={r.tie?.test}
              data-leader={r.leader}
            >
              <td className="py-2 pr-4 tabular-nums">{r.rank}</td>
              <td className="py-2 pr-4">
                <Link href={r.evaluationId ? `/evaluations/${r.evaluationId}` : `/models/${r.model}`}>
                  {/* Wrap only after the owner, never inside a name. */}
                  {r.model.includes("/") ? <>{r.model.split("/")[0]}/<wbr />{r.model.slice(r.model.indexOf("/") + 1)}</> : r.model}
                </Link>
                <RowBadges row={r} metric={board.metric} />
              </td>
              <td className="py-2 pr-4 whitespace-nowrap">{r.config || "?"}/{r.split || "?"}</td>
              {showTask && <td className="py-2 pr-4">{r.task}</td>}
              {board.metrics.map((m) => (
                <td key={m} className="py-2 pr-4"><MetricValue value={r.results[m]} interval={r.intervals[m]} /></td>
              ))}
              <td className="py-2 pr-4">
                <IntervalBar value={r.results[board.metric]} interval={r.intervals[board.metric]} domain={domain} leaderInterval={leader?.intervals[board.metric]} label={metricLabel(board.metric)} />
              </td>
              <td className="py-2 pr-4">{r.pullRequestUrl ? <a href={r.pullRequestUrl}>PR</a> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
